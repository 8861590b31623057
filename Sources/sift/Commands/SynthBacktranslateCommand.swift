import ArgumentParser
import SiftCore
import SiftSynth

struct SynthBacktranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtranslate",
        abstract: "Write the instruction a human text answers (Li et al. 2023), or paraphrase through a pivot language.",
        discussion: "--mode paraphrase flags semantic drift when the ROUGE-L F of the paraphrase against the original is below --min-similarity."
    )

    @Option(help: ArgumentHelp("Human-written texts (instruction mode) or records to paraphrase.", valueName: "path"))
    var responses: [String]

    @Option(help: "instruction or paraphrase.")
    var mode: ModeChoice = .instruction

    @Option(help: ArgumentHelp("Pivot language for paraphrases.", valueName: "name"))
    var pivotLanguage = "German"

    @Option(help: "Below this ROUGE-L F with the original, a paraphrase is flagged as semantic drift.")
    var minSimilarity = 0.3

    @OptionGroup var generator: GeneratorOptions
    @OptionGroup var model: SynthModelOptions

    enum ModeChoice: String, ExpressibleByArgument, CaseIterable { case instruction, paraphrase }

    func run() async throws {
        try await reportingSynthErrors {
            let settings = generator.settings(technique: mode == .instruction ? "backtranslate" : "paraphrase")
            let make = { (model: ModelSettings) in
                Backtranslation(mode: Backtranslation.Mode(rawValue: mode.rawValue)!, pivotLanguage: pivotLanguage, minSimilarity: minSimilarity,
                                settings: settings, model: model, templates: try self.model.templateLibrary())
            }
            if model.dryRun {
                let requests = try make(try model.planSettings()).plan(records: readRecords(responses))
                try printDryRun(requests, technique: settings.technique, maxTokens: model.maxTokens,
                                later: mode == .paraphrase ? "one translation back from \(pivotLanguage) per text" : "none", json: generator.jsonReport.json)
                return
            }
            let stream = try DatasetStream(paths: responses)
            try await runGenerator(model: model, generator: generator, technique: settings.technique) { client, output, progress in
                try await make(await client.settings).run(input: stream, client: client, output: output, progress: progress)
            }
        }
    }
}
