import SiftCore

/// `sift mix`: real and synthetic records into one training file, with synthetic records at most
/// `maxShare` of the result.
///
/// A record counts as synthetic when it comes from `--synthetic`, or when it carries
/// `_sift.provenance.source = "synthetic"` wherever it comes from (synthetic data hidden in the
/// "real" file counts against the cap too). With R real records, at most ⌊s·R / (1 − s)⌋ synthetic
/// ones keep the share at or below s; when there are more, that many are drawn without replacement
/// by selection sampling (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S), seeded, in one streaming pass
/// that keeps the input order.
///
/// The model-collapse guard: training on the outputs of models trained on generated data degrades
/// models over generations (Shumailov et al. 2024, Nature 631), so every synthetic record's
/// `generation` is counted and records deeper than 1 are reported.
public struct SyntheticMix {
    public var maxShare: Double
    public var seed: UInt64

    public init(maxShare: Double, seed: UInt64 = 42) {
        self.maxShare = maxShare
        self.seed = seed
    }

    public struct Report: Sendable {
        public var real = 0
        public var syntheticAvailable = 0
        public var syntheticKept = 0
        public var syntheticInRealFile = 0
        public var withoutProvenance = 0
        public var byGeneration: [Int: Int] = [:]
        public var keptByTechnique: [String: Int] = [:]

        public var syntheticDropped: Int { syntheticAvailable - syntheticKept }
        public var deeperThanOne: Int { byGeneration.filter { $0.key > 1 }.reduce(0) { $0 + $1.value } }
        public var share: Double { real + syntheticKept > 0 ? Double(syntheticKept) / Double(real + syntheticKept) : 0 }

        public var json: JSONValue {
            ["real": .integer(real), "synthetic_available": .integer(syntheticAvailable), "synthetic_kept": .integer(syntheticKept),
             "synthetic_dropped": .integer(syntheticDropped), "synthetic_in_real_file": .integer(syntheticInRealFile),
             "synthetic_without_provenance": .integer(withoutProvenance), "total": .integer(real + syntheticKept),
             "synthetic_share": .double((share * 10000).rounded() / 10000),
             "by_generation": .object(JSONObject(uniqueKeysWithValues: byGeneration.keys.sorted().map { (String($0), JSONValue.integer(byGeneration[$0]!)) })),
             "kept_by_technique": .object(JSONObject(uniqueKeysWithValues: keptByTechnique.keys.sorted().map { ($0, JSONValue.integer(keptByTechnique[$0]!)) })),
             "generation_above_1": .integer(deeperThanOne)]
        }
    }

    /// The largest synthetic count that keeps the share at or below `maxShare`.
    public static func allowedSynthetic(real: Int, available: Int, maxShare: Double) -> Int {
        if maxShare >= 1 { return available }
        if maxShare <= 0 { return 0 }
        // The small epsilon keeps s·R/(1−s) from landing just under an integer through rounding.
        let limit = Int((maxShare * Double(real) / (1 - maxShare) + 1e-9).rounded(.down))
        return min(available, limit)
    }

    public func run(real: [String], synthetic: [String], out: String, removed: String?) throws -> Report {
        var report = Report()
        for path in real {
            try forEachRecord(path) { record in
                if Provenance.isSynthetic(record.fields) {
                    report.syntheticAvailable += 1
                    report.syntheticInRealFile += 1
                } else {
                    report.real += 1
                }
            }
        }
        for path in synthetic {
            try forEachRecord(path) { record in
                report.syntheticAvailable += 1
                if !Provenance.isSynthetic(record.fields) { report.withoutProvenance += 1 }
            }
        }
        let keep = Self.allowedSynthetic(real: report.real, available: report.syntheticAvailable, maxShare: maxShare)
        var selector = SelectionSampler(select: keep, from: report.syntheticAvailable, seed: seed)
        let writer = try DatasetWriter(path: out)
        let dropped = try removed.map { try DatasetWriter(path: $0) }
        func offer(_ record: Record) throws {
            if selector.next() {
                report.syntheticKept += 1
                report.byGeneration[max(1, Provenance.generation(of: record.fields)), default: 0] += 1
                report.keptByTechnique[Provenance.technique(of: record.fields) ?? "unknown", default: 0] += 1
                try writer.write(record)
            } else {
                var record = record
                record.annotate("mix", ["dropped": "max_synthetic_share"])
                try dropped?.write(record)
            }
        }
        for path in real {
            try forEachRecord(path) { record in
                if Provenance.isSynthetic(record.fields) { try offer(record) } else { try writer.write(record) }
            }
        }
        for path in synthetic { try forEachRecord(path, offer) }
        try writer.close()
        try dropped?.close()
        return report
    }
}

/// Knuth's Algorithm S: decides, item by item, whether to take each of N items so that exactly n
/// are taken and every subset of size n is equally likely.
struct SelectionSampler {
    private var needed: Int
    private var remaining: Int
    private var generator: SplitMix64

    init(select n: Int, from total: Int, seed: UInt64) {
        needed = n
        remaining = total
        generator = SplitMix64(seed: seed)
    }

    mutating func next() -> Bool {
        guard remaining > 0 else { return false }
        let take = Int.random(in: 0..<remaining, using: &generator) < needed
        remaining -= 1
        if take { needed -= 1 }
        return take
    }
}
