import ArgumentParser
import Foundation
import SiftAudit
import SiftCore
import SiftReport

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a dataset against the data quality pyramid and say whether there is enough of it.",
        discussion: """
        One streaming pass measures accuracy, completeness, consistency, diversity, freshness and \
        uniqueness (each scored 0-100 with findings pointing at records), the synthetic share, and \
        sufficiency for the purpose. Malformed lines are reported as malformed_record and the rest \
        is audited. Every check is described in docs/audit.md.
        """
    )

    @Argument(help: "Dataset files (- for standard input).")
    var files: [String]

    @OptionGroup var input: InputOptions

    @Option(help: "What the data is for: rag, finetune-lora, finetune-full, eval, pretrain or few-shot (default: what the kind suggests).")
    var purpose: PurposeChoice?

    @Option(help: ArgumentHelp("The label set, comma-separated: other labels are unknown_label, missing ones label_coverage.", valueName: "a,b,c"))
    var labels: String?

    @Option(help: ArgumentHelp("The day ages are measured at (YYYY-MM-DD; default: today, UTC).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Records older than this many days are stale.", valueName: "days"))
    var maxAge: Int = 365

    @Option(help: ArgumentHelp("Also write the report as JSON to this file (- for standard output).", valueName: "path"))
    var json: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report to this file.", valueName: "path"))
    var html: String?

    @Option(help: "Exit with status 1 when a finding of this severity or worse exists: warning or error.")
    var failOn: GateLevel?

    @Option(help: "Estimated Jaccard similarity at which a record is a near-copy of another (near_duplicate).")
    var nearDuplicateThreshold: Double = 0.8

    @Option(help: ArgumentHelp("Turn on a check that is off by default (repeatable): \(AuditPlan.optionalChecks.joined(separator: ", ")).", valueName: "name"))
    var check: [String] = []

    @Flag(help: "Skip near_duplicate, the one check whose memory grows with the data (a MinHash signature per record).")
    var noNearDuplicates = false

    func validate() throws {
        if maxAge < 0 { throw ValidationError("--max-age must be 0 or more days") }
        if !(nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1) { throw ValidationError("--near-duplicate-threshold must be in (0, 1]") }
        if let asOf, Self.day(asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD, not \"\(asOf)\"") }
        if let labels, Self.parseLabels(labels).isEmpty { throw ValidationError("--labels needs at least one label") }
        if let unknown = check.first(where: { !AuditPlan.optionalChecks.contains($0) }) {
            throw ValidationError("--check \(unknown): not an optional check (known: \(AuditPlan.optionalChecks.joined(separator: ", ")))")
        }
    }

    func run() throws {
        try reportingErrors {
            let asOfSeconds = asOf.flatMap(Self.day) ?? Self.today()
            var options = AuditOptions(purpose: purpose?.purpose, labels: labels.map(Self.parseLabels), asOf: asOfSeconds, maxAgeDays: maxAge,
                                       nearDuplicateThreshold: noNearDuplicates ? nil : nearDuplicateThreshold)
            options.optionalChecks = Set(check)
            var readOptions = input.readOptions
            readOptions.chunkBytes = Auditor.chunkBytes(threads: readOptions.threads)
            let stream = try DatasetStream(paths: files, options: readOptions)
            let bar = ProgressBar(label: "auditing", total: stream.totalBytes)
            let report = try Auditor(options: options).audit(stream, progress: bar.update)
            bar.finish()
            if json != "-" { print(report.render(on: .standardOutput)) }
            if let json {
                let text = JSONWriter(style: .pretty).string(report.json) + "\n"
                if json == "-" { print(text, terminator: "") } else { try writeFileAtomically(json, text) }
            }
            if let html { try writeFileAtomically(html, report.html) }
            if let failOn, report.failsGate(at: failOn.severity) {
                printError("sift: audit gate failed: findings of severity \(failOn.rawValue) or worse")
                throw ExitCode(ExitStatus.gateFailed.rawValue)
            }
        }
    }

    static func parseLabels(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Midnight UTC of a `YYYY-MM-DD` date.
    static func day(_ text: String) -> Double? {
        guard let parsed = TimestampParser.parse(text), parsed.format == .iso8601Date else { return nil }
        return parsed.secondsSince1970
    }

    static func today() -> Double {
        (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
    }
}

enum PurposeChoice: String, ExpressibleByArgument, CaseIterable {
    case rag, finetuneLoRA = "finetune-lora", finetuneFull = "finetune-full", eval, pretrain, fewShot = "few-shot"

    var purpose: Purpose { Purpose(rawValue: rawValue)! }
}

enum GateLevel: String, ExpressibleByArgument, CaseIterable {
    case warning, error

    var severity: Severity { self == .warning ? .warning : .error }
}
