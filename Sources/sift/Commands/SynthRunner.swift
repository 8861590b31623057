import ArgumentParser
import Foundation
import SiftCore
import SiftReport
import SiftSynth

/// Runs an async command body, turning Sift's and the model client's errors into a one-line
/// message and the matching exit status.
func reportingSynthErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as SiftError {
        printError("sift: \(error.message)")
        throw ExitCode(error.status.rawValue)
    } catch let error as ParameterError {
        printError("sift: \(error.message(naming: ParameterError.flag))")
        throw ExitCode(ExitStatus.usage.rawValue)
    } catch let error as ModelError {
        printError("sift: \(error.description)")
        if case .fatal = error { throw ExitCode(ExitStatus.config.rawValue) }
        printError("sift: finished records are saved and every answer received is cached; run the same command again to resume")
        throw ExitCode(ExitStatus.ioError.rawValue)
    }
}

/// Prints the requests a run would send first, and what they would cost in tokens.
func printDryRun(_ requests: [ChatRequest], technique: String, maxTokens: Int?, later: String, json: String?) throws {
    var promptTokens = 0
    for (i, request) in requests.enumerated() {
        let tokens = TokenEstimate.tokens(request)
        promptTokens += tokens
        print("--- request \(i + 1) of \(requests.count) (\(technique), about \(tokens) prompt tokens) ---")
        for message in request.messages {
            print("[\(message.role)]")
            print(message.content)
        }
    }
    print("--- dry run: no model was called ---")
    print("requests in the first step: \(requests.count)")
    print("estimated prompt tokens:    \(promptTokens) (about 4 characters per token)")
    if let maxTokens { print("completion tokens:          at most \(requests.count * maxTokens) (--max-tokens \(maxTokens) each)") }
    print("later steps: \(later)")
    if let json {
        var summary: JSONObject = ["dry_run": true, "technique": .string(technique), "requests": .integer(requests.count),
                                   "estimated_prompt_tokens": .integer(promptTokens)]
        if let maxTokens { summary["max_completion_tokens"] = .integer(requests.count * maxTokens) }
        try writeJSONReport(.object(summary), to: json)
    }
}

/// A count-based progress line on an interactive standard error.
final class RecordProgress: @unchecked Sendable {
    private let label: String
    private let enabled = Terminal.isInteractive(2)
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ done: Int, _ target: Int?) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let text = target.map { "\(done) / \($0) records" } ?? "\(done) records"
        writeToStandardError("\r\u{1B}[2K\(label): \(text)")
    }

    func finish() {
        if enabled { writeToStandardError("\r\u{1B}[2K") }
    }
}

/// The shared body of the generator commands: open (and maybe resume) the output, run the
/// technique against the model, write the removed items, and print what happened and what it cost.
func runGenerator(model options: SynthModelOptions, generator: GeneratorOptions, technique: String,
                  _ body: (ModelClient, ResumableOutput, @escaping GenerationProgress) async throws -> GenerationReport) async throws {
    let settings = try options.settings(cacheFor: generator.out)
    let output = try ResumableOutput(path: generator.out)
    if output.resumedRecords > 0 || output.truncatedBytes > 0 {
        var note = "sift: resuming \(generator.out): \(output.resumedRecords) records already there"
        if output.truncatedBytes > 0 { note += "; removed a partial last line (\(output.truncatedBytes) bytes)" }
        printError(note)
    }
    let client = try ModelClient(settings: settings, onRetry: { printError("sift: \($0)") })
    let progress = RecordProgress(label: technique)
    let report: GenerationReport
    do {
        report = try await body(client, output, progress.update)
    } catch {
        progress.finish()
        try? output.close()
        await client.shutdown()
        throw error
    }
    progress.finish()
    try output.close()
    let tally = await client.tally
    await client.shutdown()
    if let removed = generator.removed {
        let writer = try DatasetWriter(path: removed)
        for item in report.removed { try writer.write(item.json) }
        try writer.close()
    }
    printGeneration(report, tally: tally, settings: settings, out: generator.out, showTable: generator.jsonReport.printsSummary)
    if let json = generator.jsonReport.json {
        var object = report.json.objectValue!
        object["output"] = .string(generator.out)
        object["usage"] = tally.json(promptPrice: settings.promptPrice, completionPrice: settings.completionPrice)
        object["cache"] = .string(settings.cachePath)
        try writeJSONReport(.object(object), to: json)
    }
}

func printGeneration(_ report: GenerationReport, tally: UsageTally, settings: ModelSettings, out: String, showTable: Bool) {
    guard showTable else { return }
    let terminal = Terminal.standardOutput
    print(terminal.bold("sift synth \(report.technique)") + "  →  \(out)")
    print("  records: \(Format.count(report.resumed + report.written)) (\(Format.count(report.written)) new, \(Format.count(report.resumed)) from an earlier run)")
    for (name, value) in report.counts { print("  \(name.replacingOccurrences(of: "_", with: " ")): \(Format.count(value))") }
    if !report.removed.isEmpty {
        print("  removed: \(Format.count(report.removed.count))")
        var table = TextTable(["reason", "count"], alignments: [.left, .right])
        for (reason, count) in report.removedByReason { table.add([reason, Format.count(count)]) }
        print(table.render(indent: 4))
    }
    var usage = "  model calls: \(Format.count(tally.completions)) answered, \(Format.count(tally.cacheHits)) from cache, \(Format.count(tally.retries)) retries"
    usage += "; tokens: \(Format.count(tally.promptTokens)) prompt + \(Format.count(tally.completionTokens)) completion"
    if tally.savedPromptTokens + tally.savedCompletionTokens > 0 {
        usage += " (\(Format.count(tally.savedPromptTokens + tally.savedCompletionTokens)) saved by the cache)"
    }
    print(usage)
    if let cost = tally.cost(promptPrice: settings.promptPrice, completionPrice: settings.completionPrice) {
        print("  cost: $\(Format.fixed(cost, digits: 4))")
    }
    for note in report.notes { print(terminal.color("  note: \(note)", .yellow)) }
}
