import ArgumentParser
import SiftCore
import SiftReport
import SiftSynth

struct SynthAcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Read review verdicts, report acceptance per technique with a Wilson interval, and gate the final set.",
        discussion: "Exit status 1, and no --out, when a technique's acceptance is below --min-accept (or was never reviewed)."
    )

    @Option(name: .customLong("in"), help: ArgumentHelp("The records that were sampled for review.", valueName: "path"))
    var input: String

    @Option(help: ArgumentHelp("The filled review file (JSONL or CSV).", valueName: "path"))
    var reviews: String

    @Option(help: "Lowest acceptable acceptance rate per technique.")
    var minAccept = 0.8

    @Option(help: "Confidence level of the interval.")
    var confidence = 0.95

    @Option(help: "Compare the observed rate (point) or the interval's lower bound (lower-bound) with --min-accept.")
    var gate: GateChoice = .point

    @Option(help: ArgumentHelp("The final set: every record except those reviewers rejected.", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Records reviewers rejected.", valueName: "path"))
    var removed: String?

    @OptionGroup var jsonReport: JSONReportOptions

    enum GateChoice: String, ExpressibleByArgument, CaseIterable {
        case point
        case lowerBound = "lower-bound"
    }

    @OptionGroup var output: OutputOptions

    func run() async throws {
        output.apply()
        try await reportingSynthErrors {
            guard (0...1).contains(minAccept) else { throw SiftError("--min-accept must be in [0, 1]", status: .usage) }
            guard confidence > 0, confidence < 1 else { throw SiftError("--confidence must be in (0, 1)", status: .usage) }
            let verdicts = try ReviewVerdict.read(reviews)
            let acceptance = ReviewAcceptance(confidence: confidence, minAccept: minAccept, gate: AcceptanceGate(rawValue: gate.rawValue)!)
            let decision = try acceptance.evaluate(input: input, verdicts: verdicts)
            var kept = 0
            var rejected = 0
            if decision.passed { (kept, rejected) = try acceptance.writeFinal(input: input, verdicts: verdicts, out: out, removed: removed) }
            if jsonReport.printsSummary {
                let terminal = Terminal.standardOutput
                print(terminal.bold("sift synth accept") + "  (\(Format.count(verdicts.count)) verdicts, \(Format.fixed(confidence * 100, digits: 0))% Wilson interval)")
                var table = TextTable(["technique", "reviewed", "accepted", "rate", "interval", "gate"], alignments: [.left, .right, .right, .right, .left, .left])
                for rate in decision.rates + [decision.overall] {
                    let pass = rate.name == "all" ? "" : (decision.failing.contains(rate.name) ? terminal.color("fail", .red) : terminal.color("pass", .green))
                    table.add([rate.name, Format.count(rate.reviewed), Format.count(rate.accepted), Format.percent(rate.accepted, of: rate.reviewed),
                               rate.reviewed > 0 ? "\(Format.fixed(rate.interval.lower * 100, digits: 1))% - \(Format.fixed(rate.interval.upper * 100, digits: 1))%" : "-", pass])
                }
                print(table.render())
                if decision.passed {
                    print("  \(Format.count(kept)) records → \(out)" + (rejected > 0 ? "; \(Format.count(rejected)) rejected by reviewers" + (removed.map { " → \($0)" } ?? "") : ""))
                } else {
                    print(terminal.color("  refused: below --min-accept \(Format.fixed(minAccept, digits: 2)) (\(gate.rawValue)) for \(decision.failing.joined(separator: ", ")); \(out) not written", .red))
                }
            }
            try jsonReport.write(["passed": .bool(decision.passed), "min_accept": .double(minAccept), "gate": .string(gate.rawValue), "confidence": .double(confidence),
                                  "records": .integer(decision.records), "verdicts": .integer(verdicts.count), "techniques": .array(decision.rates.map(\.json)),
                                  "overall": decision.overall.json, "failing": .array(decision.failing.map(JSONValue.string)),
                                  "written": .integer(kept), "rejected_by_review": .integer(rejected)])
            if !decision.passed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
        }
    }
}
