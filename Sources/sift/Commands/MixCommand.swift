import ArgumentParser
import SiftCore
import SiftReport
import SiftSynth

struct MixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mix",
        abstract: "Mix real and synthetic records with a cap on the synthetic share; warn about synthetic-from-synthetic data.",
        discussion: "Synthetic records beyond the cap are dropped by a seeded sample (to --removed when given). Records keep input order."
    )

    @Option(help: ArgumentHelp("Real (human) data.", valueName: "path"))
    var real: [String]

    @Option(help: ArgumentHelp("Synthetic data.", valueName: "path"))
    var synthetic: [String]

    @Option(help: "Largest share of synthetic records in the output, 0-1.")
    var maxSyntheticShare = 0.5

    @Option(help: ArgumentHelp("The mixed training set.", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Synthetic records dropped by the cap.", valueName: "path"))
    var removed: String?

    @Option(help: "Seed of the synthetic subsample.")
    var seed: UInt64 = 42

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            guard (0...1).contains(maxSyntheticShare) else { throw SiftError("--max-synthetic-share must be in [0, 1]", status: .usage) }
            let report = try SyntheticMix(maxShare: maxSyntheticShare, seed: seed).run(real: real, synthetic: synthetic, out: out, removed: removed)
            if report.deeperThanOne > 0 {
                printError("sift: warning: \(report.deeperThanOne) synthetic records have generation > 1 (generated from generated data); training on recursively generated data risks model collapse")
            }
            if report.withoutProvenance > 0 {
                printError("sift: warning: \(report.withoutProvenance) records in --synthetic carry no _sift.provenance; counted as synthetic generation 1")
            }
            if report.syntheticInRealFile > 0 {
                printError("sift: note: \(report.syntheticInRealFile) records in --real are marked synthetic and count against the cap")
            }
            if jsonReport.printsSummary {
                print(Terminal.standardOutput.bold("sift mix") + "  →  \(out)")
                print("  real: \(Format.count(report.real))   synthetic: \(Format.count(report.syntheticKept)) of \(Format.count(report.syntheticAvailable)) kept   total: \(Format.count(report.real + report.syntheticKept))")
                print("  synthetic share: \(Format.percent(report.syntheticKept, of: report.real + report.syntheticKept)) (cap \(Format.fixed(maxSyntheticShare * 100, digits: 0))%)")
                if report.syntheticDropped > 0 { print("  dropped by the cap: \(Format.count(report.syntheticDropped))" + (removed.map { " → \($0)" } ?? "")) }
                if !report.byGeneration.isEmpty {
                    print("  synthetic by generation: " + report.byGeneration.keys.sorted().map { "\($0): \(Format.count(report.byGeneration[$0]!))" }.joined(separator: ", "))
                }
            }
            try jsonReport.write(report.json)
        }
    }
}
