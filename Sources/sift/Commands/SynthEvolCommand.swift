import ArgumentParser
import SiftCore
import SiftSynth

struct SynthEvolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evol",
        abstract: "Evolve instructions into harder and rarer ones (Evol-Instruct, Xu et al. 2023).",
        discussion: """
        Each round applies one method per instruction: \(EvolutionMethod.allCases.map(\.rawValue).joined(separator: ", ")). \
        Failed evolutions (no information gain, copied prompt words, refusal, empty answer) are eliminated; \
        every record keeps its lineage.
        """
    )

    @Option(name: .customLong("in"), help: ArgumentHelp("Instructions to evolve.", valueName: "path"))
    var input: [String]

    @Option(help: "Rounds of evolution.")
    var rounds = 3

    @Option(help: ArgumentHelp("Comma-separated methods to draw from (default: all six).", valueName: "list"))
    var methods: String?

    @OptionGroup var generator: GeneratorOptions
    @OptionGroup var model: SynthModelOptions

    func run() async throws {
        try await reportingSynthErrors {
            guard rounds >= 1 else { throw SiftError("--rounds must be at least 1", status: .usage) }
            let chosen = try methods.map { list in
                try list.split(separator: ",").map { name in
                    guard let method = EvolutionMethod(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                        throw SiftError("--methods: unknown method \(name) (known: \(EvolutionMethod.allCases.map(\.rawValue).joined(separator: ", ")))", status: .usage)
                    }
                    return method
                }
            } ?? EvolutionMethod.allCases
            let records = try readRecords(input)
            let settings = generator.settings(technique: "evol-instruct")
            let technique = { (model: ModelSettings) in
                EvolInstruct(rounds: rounds, methods: chosen, settings: settings, model: model, templates: try self.model.templateLibrary())
            }
            if model.dryRun {
                let requests = try technique(try model.planSettings()).plan(records: records)
                try printDryRun(requests, technique: "evol-instruct", maxTokens: model.maxTokens,
                                later: "one answer per evolved instruction, then \(rounds - 1) more rounds of both",
                                json: generator.jsonReport.json)
                return
            }
            try await runGenerator(model: model, generator: generator, technique: "evol-instruct") { client, output, progress in
                try await technique(await client.settings).run(records: records, client: client, output: output, progress: progress)
            }
        }
    }
}
