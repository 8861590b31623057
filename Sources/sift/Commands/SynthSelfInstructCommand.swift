import ArgumentParser
import SiftCore
import SiftSynth

struct SynthSelfInstructCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self-instruct",
        abstract: "Generate new instructions from seed tasks and answer them (Self-Instruct, Wang et al. 2022).",
        discussion: "A new instruction is kept only if its ROUGE-L F against every kept one, seeds included, is below --similarity."
    )

    @Option(help: ArgumentHelp("Human-written seed tasks (JSONL, JSON or CSV).", valueName: "path"))
    var seeds: [String]

    @Option(help: "Instructions to generate.")
    var count: Int

    @Option(help: "Keep a new instruction only if its ROUGE-L F with every kept one is below this.")
    var similarity = 0.7

    @Option(help: "Requests per round.")
    var promptsPerRound = 8

    @Option(help: "New tasks asked for per request.")
    var tasksPerPrompt = 8

    @OptionGroup var generator: GeneratorOptions
    @OptionGroup var model: SynthModelOptions

    func run() async throws {
        try await reportingSynthErrors {
            guard count >= 1 else { throw SiftError("--count must be at least 1", status: .usage) }
            let records = try readRecords(seeds)
            let settings = generator.settings(technique: "self-instruct")
            let technique = { (model: ModelSettings) in
                var technique = SelfInstruct(count: count, settings: settings, model: model, templates: try self.model.templateLibrary())
                technique.similarityThreshold = similarity
                technique.promptsPerRound = promptsPerRound
                technique.tasksPerPrompt = tasksPerPrompt
                return technique
            }
            if model.dryRun {
                let requests = try technique(try model.planSettings()).plan(seeds: records)
                try printDryRun(requests, technique: "self-instruct", maxTokens: model.maxTokens,
                                later: "more rounds like these until \(count) instructions are kept, then one answer request per instruction (\(count))",
                                json: generator.jsonReport.json)
                return
            }
            try await runGenerator(model: model, generator: generator, technique: "self-instruct") { client, output, progress in
                try await technique(await client.settings).run(seeds: records, client: client, output: output, progress: progress)
            }
        }
    }
}
