import ArgumentParser
import Foundation
import SiftCore
import SiftReport
import SiftSynth

/// Options of every command that calls a model.
struct SynthModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("API root of an OpenAI-compatible server, e.g. http://localhost:8000/v1.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Model name sent with each request.", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("Environment variable holding the API key (the key itself is never printed).", valueName: "name"))
    var apiKeyEnv = "OPENAI_API_KEY"

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    @Option(help: "Sampling temperature (server default when not given).")
    var temperature: Double?

    @Option(help: ArgumentHelp("Largest answer, in tokens (server default when not given).", valueName: "n"))
    var maxTokens: Int?

    @Option(help: ArgumentHelp("Seconds before a request is abandoned and retried.", valueName: "seconds"))
    var timeout = 120.0

    @Option(help: "Retries after a 429, 5xx, timeout or garbled answer.")
    var maxRetries = 6

    @Option(help: ArgumentHelp("SQLite response cache (default: the output path + .cache.sqlite).", valueName: "path"))
    var cache: String?

    @Option(help: ArgumentHelp("Price of prompt tokens, USD per million, for the cost tally.", valueName: "usd"))
    var pricePrompt: Double?

    @Option(help: ArgumentHelp("Price of completion tokens, USD per million, for the cost tally.", valueName: "usd"))
    var priceCompletion: Double?

    @Option(help: ArgumentHelp("Directory of prompt templates overriding the built-in ones (see `sift synth templates`).", valueName: "dir"))
    var templates: String?

    @Flag(help: "Print the first requests and an estimated token count; call no model.")
    var dryRun = false

    func modelName() throws -> String {
        guard let model, !model.isEmpty else { throw SiftError("--model is required", status: .usage) }
        return model
    }

    /// Settings for a real run; the key comes from the environment and stays in memory.
    func settings(cacheFor out: String) throws -> ModelSettings {
        guard let baseURL else { throw SiftError("--base-url is required (or use --dry-run)", status: .usage) }
        let key = ProcessInfo.processInfo.environment[apiKeyEnv]
        if key == nil || key!.isEmpty {
            printError("sift: note: $\(apiKeyEnv) is not set; sending requests without an API key")
        }
        return ModelSettings(baseURL: baseURL, model: try modelName(), apiKey: key, concurrency: concurrency, temperature: temperature,
                             maxTokens: maxTokens, timeout: timeout, retry: RetryPolicy(maxRetries: maxRetries),
                             cachePath: cache ?? out + ".cache.sqlite", promptPrice: pricePrompt, completionPrice: priceCompletion)
    }

    /// Settings for building requests in a dry run: no server, no key, no cache.
    func planSettings() throws -> ModelSettings {
        ModelSettings(baseURL: baseURL ?? "http://localhost/v1", model: try modelName(), apiKey: nil, concurrency: concurrency,
                      temperature: temperature, maxTokens: maxTokens, cachePath: "")
    }

    func templateLibrary() throws -> TemplateLibrary { try TemplateLibrary(directory: templates) }
}

/// Options of every generator.
struct GeneratorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output JSON Lines; an existing one is resumed.", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Also write candidates and items that did not become records, with reasons.", valueName: "path"))
    var removed: String?

    @Option(help: "Seed for every random choice (the same seed replays the same requests).")
    var seed: UInt64 = 42

    @Option(help: "Record layout: chat, alpaca or prompt_completion.")
    var outputFormat: RecordShapeChoice = .chat

    @Option(help: ArgumentHelp("Terms of use of the model's outputs, recorded in every record's provenance.", valueName: "text"))
    var licenseNote: String?

    @OptionGroup var jsonReport: JSONReportOptions

    func settings(technique: String, defaultLicenseNote: String? = nil) -> GenerationSettings {
        GenerationSettings(technique: technique, seed: seed, shape: outputFormat.shape, licenseNote: licenseNote ?? defaultLicenseNote)
    }
}

enum RecordShapeChoice: String, ExpressibleByArgument, CaseIterable {
    case chat, alpaca, prompt_completion

    var shape: RecordShape { RecordShape(rawValue: rawValue)! }
}
