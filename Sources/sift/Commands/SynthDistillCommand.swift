import ArgumentParser
import SiftCore
import SiftSynth

struct SynthDistillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distill",
        abstract: "Have a strong model answer prompts; model and licence note go into provenance.",
        discussion: "Chat prompts keep their system message and earlier turns. Streams the input; a re-run skips answered prompts."
    )

    @Option(help: ArgumentHelp("Prompts to answer.", valueName: "path"))
    var prompts: [String]

    @OptionGroup var generator: GeneratorOptions
    @OptionGroup var model: SynthModelOptions

    func run() async throws {
        try await reportingSynthErrors {
            let name = try model.modelName()
            let settings = generator.settings(
                technique: "distill",
                defaultLicenseNote: "outputs of \(name); check its licence and terms of use before training on them")
            if model.dryRun {
                let technique = Distillation(settings: settings, model: try model.planSettings(), templates: try model.templateLibrary())
                let requests = try technique.plan(records: readRecords(prompts))
                try printDryRun(requests, technique: "distill", maxTokens: model.maxTokens, later: "none", json: generator.jsonReport.json)
                return
            }
            let stream = try DatasetStream(paths: prompts)
            try await runGenerator(model: model, generator: generator, technique: "distill") { client, output, progress in
                let technique = Distillation(settings: settings, model: await client.settings, templates: try model.templateLibrary())
                return try await technique.run(input: stream, client: client, output: output, progress: progress)
            }
        }
    }
}
