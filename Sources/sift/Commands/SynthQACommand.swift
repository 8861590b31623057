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

    @Option(help: "Reject responses with fewer words.")
    var minResponseWords = 1

    @Option(help: "ROUGE-L F at or above which a prompt is a near-duplicate.")
    var nearDuplicateThreshold = 0.7

    @Flag(help: "Accept records without _sift.provenance (e.g. generated elsewhere).")
    var allowMissingProvenance = false

    @Option(help: ArgumentHelp("Also write the summary as JSON to this file (- for standard output).", valueName: "path"))
    var json: String?

    @OptionGroup var model: SynthModelOptions

    @OptionGroup var output: OutputOptions

    /// A malformed line as every command's rejects file holds it (`MalformedRecord.rejectRecord`:
    /// the raw text, `_sift.reject` with file and line), plus QA's own verdict with rule
    /// `malformed`, so that `_sift.qa.reasons` lists a reason for every rejected line.
    static func rejection(_ bad: MalformedRecord) -> JSONValue {
        guard case .object(var fields) = bad.rejectRecord, case .object(var annotations)? = fields[RecordSchema.annotationKey] else { return bad.rejectRecord }
        annotations["qa"] = ["accepted": false, "reasons": [["rule": "malformed", "detail": .string(bad.error)]]]
        fields[RecordSchema.annotationKey] = .object(annotations)
        return .object(fields)
    }

    func run() async throws {
        output.apply()
        try await reportingSynthErrors {
            var settings = QualityGate.Settings()
            settings.checks = InstructionChecks(minResponseWords: minResponseWords)
            settings.nearDuplicateThreshold = nearDuplicateThreshold
            settings.requireProvenance = !allowMissingProvenance
            settings.minJudgeScore = judge ? minScore : nil
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
            var malformed = 0
            var seen = 0
            let progress = RecordProgress(label: "qa")
            do {
                while let batch = try stream.nextBatch() {
                    var records: [Record] = []
                    for event in batch {
                        switch event {
                        case .record(let record): records.append(record)
                        case .malformed(let bad):
                            malformed += 1
                            try rejected.write(Self.rejection(bad))
                        }
                    }
                    for start in stride(from: 0, to: records.count, by: 256) {
                        for verdict in try await gate.process(Array(records[start..<min(start + 256, records.count)])) {
                            if verdict.accepted { try accepted.write(.object(verdict.fields)) } else { try rejected.write(.object(verdict.fields)) }
                        }
                    }
                    seen += batch.count
                    progress.update(seen, nil)
                }
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
            let generated = accepted.count + rejected.count
            var ruleCounts = gate.ruleCounts
            if malformed > 0 { ruleCounts["malformed"] = malformed }
            if json != "-" {
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
            if let json {
                var summary: JSONObject = ["generated": .integer(generated), "accepted": .integer(accepted.count), "rejected": .integer(rejected.count),
                                           "malformed": .integer(malformed),
                                           "rejections_by_rule": .object(JSONObject(uniqueKeysWithValues: ruleCounts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.integer($0.value)) }))]
                if let tally, let modelSettings { summary["usage"] = tally.json(promptPrice: modelSettings.promptPrice, completionPrice: modelSettings.completionPrice) }
                try writeSummary(.object(summary), to: json)
            }
        }
    }
}
