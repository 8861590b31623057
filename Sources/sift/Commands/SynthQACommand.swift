import ArgumentParser
import SiftCore
import SiftReport
import SiftSynth

struct SynthQACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "Filter generated records: format, instruction-data checks, duplicates, optional LLM judge.",
        discussion: """
        Every input record goes to --out or to --removed, which keeps its reasons under _sift.qa.reasons; \
        malformed lines go to --removed too. accepted + rejected = generated.
        """
    )

    @Option(name: .customLong("in"), help: ArgumentHelp("Generated records.", valueName: "path"))
    var input: [String]

    @Option(help: ArgumentHelp("Accepted records.", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Rejected records, each with its reasons.", valueName: "path"))
    var removed: String

    @Option(help: ArgumentHelp("Seed or real data to deduplicate against.", valueName: "path"))
    var seeds: [String] = []

    @Flag(help: "Grade each record with the model (LLM-as-judge, rubric template qa.judge).")
    var judge = false

    @Option(help: "With --judge, reject records scored below this (1-10).")
    var minScore = 7.0

    @Flag(help: "With --judge, constrain the judge's answer to the rubric's JSON schema (OpenAI response_format json_schema; OpenAI, vLLM, llama.cpp, Ollama).")
    var judgeSchema = false

    @Option(help: "Reject responses with fewer words.")
    var minResponseWords = 1

    @Option(help: "ROUGE-L F at or above which a prompt is a near-duplicate.")
    var nearDuplicateThreshold = 0.7

    @Flag(help: "Accept records without _sift.provenance (e.g. generated elsewhere).")
    var allowMissingProvenance = false

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var model: SynthModelOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        output.apply()
        try await reportingSynthErrors {
            var settings = QualityGate.Settings()
            settings.checks = InstructionChecks(minResponseWords: minResponseWords)
            settings.nearDuplicateThreshold = nearDuplicateThreshold
            settings.requireProvenance = !allowMissingProvenance
            settings.minJudgeScore = judge ? minScore : nil
            settings.structuredJudge = judgeSchema
            let seedRecords = try seeds.isEmpty ? [] : readRecords(seeds)
            let templates = try model.templateLibrary()
            var client: ModelClient?
            var modelSettings: ModelSettings?
            if judge {
                if model.dryRun { throw SiftError("--dry-run is not available for qa; run a generator with --dry-run to see prompts", status: .usage) }
                modelSettings = try model.settings(cacheFor: out)
                client = try ModelClient(settings: modelSettings!, onRetry: { printError("sift: \($0)") })
            }
            var gate = QualityGate(settings: settings, seeds: seedRecords, templates: templates, model: modelSettings, client: client)
            let stream = try DatasetStream(paths: input)
            let accepted = try DatasetWriter(path: out)
            let rejected = try DatasetWriter(path: removed)
            let progress = RecordProgress(label: "qa")
            let summary: QARunSummary
            do {
                summary = try await gate.run(stream, accepted: accepted, rejected: rejected) { progress.update($0, nil) }
            } catch {
                progress.finish()
                await client?.shutdown()
                throw error
            }
            progress.finish()
            try accepted.close()
            try rejected.close()
            let tally = await client?.tally
            await client?.shutdown()
            let generated = summary.generated
            let ruleCounts = summary.ruleCounts
            if jsonReport.printsSummary {
                print(Terminal.standardOutput.bold("sift synth qa") + "  →  \(out) (accepted), \(removed) (rejected)")
                print("  generated: \(Format.count(generated))   accepted: \(Format.count(accepted.count)) (\(Format.percent(accepted.count, of: generated)))   rejected: \(Format.count(rejected.count))")
                if !ruleCounts.isEmpty {
                    var table = TextTable(["rule", "records"], alignments: [.left, .right])
                    for (rule, count) in ruleCounts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                        table.add([rule, Format.count(count)])
                    }
                    print("  rejections by rule (a record can fail several):")
                    print(table.render(indent: 4))
                }
                if let tally {
                    print("  judge calls: \(Format.count(tally.completions)) answered, \(Format.count(tally.cacheHits)) from cache, \(Format.count(tally.retries)) retries")
                }
            }
            try jsonReport.write({
                var object = summary.json
                if let tally, let modelSettings { object["usage"] = tally.json(promptPrice: modelSettings.promptPrice, completionPrice: modelSettings.completionPrice) }
                return .object(object)
            }())
        }
    }
}
