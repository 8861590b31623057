import ArgumentParser

struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate instruction data with a model, check it, and gate it on human review.",
        discussion: """
        The pipeline: seeds -> self-instruct / evol / distill / backtranslate -> qa -> review -> accept -> sift mix. \
        Generators talk to any OpenAI-compatible /v1/chat/completions server, cache every answer in SQLite, \
        and resume after an interruption without paying twice. See docs/synth.md.
        """,
        subcommands: [
            SynthSelfInstructCommand.self, SynthEvolCommand.self, SynthDistillCommand.self, SynthBacktranslateCommand.self,
            SynthQACommand.self, SynthReviewCommand.self, SynthAcceptCommand.self, SynthTemplatesCommand.self,
        ]
    )
}
