import ArgumentParser
import SiftCore
import SiftReport
import SiftSynth

struct SynthReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Draw a seeded, stratified sample for people to review (JSONL, or CSV for a spreadsheet).",
        discussion: "Fill the verdict column with accept or reject, then run `sift synth accept`."
    )

    @Option(name: .customLong("in"), help: ArgumentHelp("Accepted records from `synth qa`.", valueName: "path"))
    var input: String

    @Option(help: "Share of each stratum to sample (rounded up, so every stratum gets at least one).")
    var sample = 0.2

    @Option(help: ArgumentHelp("Review file; .csv writes CSV, anything else JSON Lines.", valueName: "path"))
    var out: String

    @Option(help: "Stratify by technique, model or none.")
    var stratify: StratumChoice = .technique

    @Option(help: "Seed of the sample.")
    var seed: UInt64 = 42

    @OptionGroup var jsonReport: JSONReportOptions

    enum StratumChoice: String, ExpressibleByArgument, CaseIterable { case technique, model, none }

    func run() async throws {
        try await reportingSynthErrors {
            guard sample > 0, sample <= 1 else { throw SiftError("--sample must be in (0, 1]", status: .usage) }
            let stratum = ReviewStratum(rawValue: stratify.rawValue)!
            var strata: [String] = []
            var ids = [String: Int]()
            try forEachRecord(input) { record in
                let id = Provenance.reference(record)
                if let earlier = ids.updateValue(record.location.line, forKey: id) {
                    throw SiftError("\(record.location): id \(id) also on line \(earlier); reviews are matched by id, so ids must be unique")
                }
                strata.append(stratum.value(of: record.fields))
            }
            let chosen = ReviewSample.select(strata: strata, rate: sample, seed: seed)
            var writer = try ReviewFileWriter(path: out)
            var index = 0
            var perStratum: [String: (total: Int, sampled: Int)] = [:]
            try forEachRecord(input) { record in
                let name = strata[index]
                var counts = perStratum[name] ?? (0, 0)
                counts.total += 1
                if chosen.contains(index) {
                    try writer.write(record, stratum: name)
                    counts.sampled += 1
                }
                perStratum[name] = counts
                index += 1
            }
            try writer.close()
            if jsonReport.printsSummary {
                print(Terminal.standardOutput.bold("sift synth review") + "  →  \(out)")
                var table = TextTable([stratify.rawValue, "records", "sampled"], alignments: [.left, .right, .right])
                for name in perStratum.keys.sorted() { table.add([name, Format.count(perStratum[name]!.total), Format.count(perStratum[name]!.sampled)]) }
                print(table.render())
                print("  \(Format.count(chosen.count)) of \(Format.count(strata.count)) records to review; fill the verdict column with accept or reject")
            }
            let rows = perStratum.keys.sorted().map { name -> JSONValue in
                ["stratum": .string(name), "records": .integer(perStratum[name]!.total), "sampled": .integer(perStratum[name]!.sampled)]
            }
            try jsonReport.write(["records": .integer(strata.count), "sampled": .integer(chosen.count), "seed": .number(String(seed)), "strata": .array(rows)])
        }
    }
}
