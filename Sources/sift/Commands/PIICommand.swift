import ArgumentParser
import SiftClean
import SiftCore
import SiftReport
#if canImport(Glibc)
import Glibc
#endif

struct PIICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pii",
        abstract: "Find, redact, pseudonymise or drop personal data and secrets in every string of every record.",
        discussion: """
        Types: email, phone, credit_card (Luhn-valid), iban (mod-97-valid), us_ssn, ipv4, ipv6, secret (cloud keys, \
        GitHub/GitLab/Slack/Stripe tokens, private key blocks, password=/api_key= values), url_credentials. \
        Actions: report (counts and record references), redact ([EMAIL]...), hash (salted SHA-256 pseudonyms: \
        --salt or SIFT_PII_SALT), drop (records with any match go to --removed). docs/pii.md describes the rules.
        """
    )

    @Argument(help: "Dataset files (- for standard input).")
    var files: [String]

    @Option(help: "What to do with matches: report, redact, hash or drop.")
    var action: PIIActionChoice = .report

    @Option(help: ArgumentHelp("PII types to look for, comma-separated (default: all).", valueName: "list"))
    var types: String?

    @Option(help: ArgumentHelp("Only scan these top-level fields, comma-separated (default: every field).", valueName: "list"))
    var fields: String?

    @Option(help: ArgumentHelp("Where to write the records (required for redact, hash and drop).", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("Where to write dropped records and malformed lines.", valueName: "path"))
    var removed: String?

    @Option(help: ArgumentHelp("Salt for --action hash (else the SIFT_PII_SALT environment variable).", valueName: "text"))
    var salt: String?

    @Flag(help: "Exit with status 1 when any PII is found (a CI gate).")
    var failIfFound = false

    @OptionGroup var input: InputOptions

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        var found = false
        try reportingErrors {
            let selected = try types.map { try PIIType.parseList($0) } ?? Set(PIIType.allCases)
            let order = PIIType.allCases.filter { selected.contains($0) }
            let action = self.action.action
            if action != .report, out == nil {
                throw SiftError("--action \(action.rawValue) writes records: give --out", status: .usage)
            }
            var saltText = ""
            if action == .hash {
                guard let value = salt ?? getenv("SIFT_PII_SALT").map({ String(cString: $0) }), !value.isEmpty else {
                    throw SiftError("--action hash needs a salt (--salt or SIFT_PII_SALT): unsalted hashes of e-mails and phone numbers can be reversed by guessing", status: .usage)
                }
                saltText = value
            }
            let fieldSet = fields.map { Set($0.split(separator: ",").map(String.init)) }
            let scrubber = PIIScrubber(scanner: PIIScanner(types: selected), action: action, fields: fieldSet, salt: saltText)
            let stream = try DatasetStream(paths: files, options: input.readOptions)
            let output = try out.map { try DatasetWriter(path: $0) }
            let removedWriter = try removed.map { try DatasetWriter(path: $0) }
            let bar = ProgressBar(label: "scanning", total: stream.totalBytes)
            let start = FilterCommand.now()
            let report = try PIIPipeline.run(stream, scrubber: scrubber, output: output, removed: removedWriter, types: order, progress: bar.update)
            bar.finish()
            try output?.close()
            try removedWriter?.close()
            let seconds = FilterCommand.now() - start
            if jsonReport.printsSummary { print(report.render(on: .standardOutput, seconds: seconds)) }
            try jsonReport.write(report.json)
            found = report.totalMatches > 0
        }
        if failIfFound, found { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}

enum PIIActionChoice: String, ExpressibleByArgument, CaseIterable {
    case report, redact, hash, drop

    var action: PIIAction { PIIAction(rawValue: rawValue)! }
}
