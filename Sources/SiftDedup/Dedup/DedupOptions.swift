import SiftCore

/// Which duplicates `sift dedup` looks for.
public enum DedupMethod: String, Sendable, CaseIterable {
    /// Identical canonical texts only (NFKC, case-folded, whitespace collapsed).
    case exact
    /// Near-duplicates by MinHash-LSH; identical texts are found too, as similarity 1.
    case minhash
    /// Exact duplicates first (reason `exact`), then near-duplicates (reason `near`).
    case both
}

/// Which member of a duplicate cluster is kept.
public enum KeepPolicy: String, Sendable, CaseIterable {
    /// The earliest in input order.
    case first
    /// The one with the longest compared text (in Unicode scalars); ties go to the earliest.
    case longest
    /// The one with the latest date (`RecordContent.timestamp`, read by `TimestampParser`);
    /// records without a readable date count as oldest; ties go to the earliest.
    case newest
}

/// Everything that decides what `sift dedup` removes; the same options and input give the same
/// output bytes.
public struct DedupOptions: Sendable {
    public var method: DedupMethod = .both
    /// The field holding the text to compare; nil compares `RecordContent.comparableText` under
    /// the detected dataset kind.
    public var field: String?
    /// Jaccard similarity at or above which two texts are near-duplicates.
    public var threshold = 0.8
    public var shingler = Shingler()
    public var numPerm = 128
    /// Fixed banding; nil chooses it with `LSHParameters.optimal(threshold:numPerm:)`.
    public var banding: LSHParameters?
    public var seed: UInt64 = 1
    /// Check candidate pairs with exact Jaccard of the shingle sets (one more read of the input)
    /// instead of trusting the signature estimate.
    public var verify = false
    public var keep: KeepPolicy = .first

    public init() {}

    /// Each numeric option's name, accepted values and help, the one definition `sift dedup`'s
    /// flags and the recipe step's schema both use.
    public enum Parameters {
        public static let threshold = NumberParameter("threshold", 0.01...1, help: "Jaccard similarity at or above which two texts are near-duplicates.")
        public static let ngram = IntegerParameter("ngram", 1...1024, help: "Units per shingle.")
        public static let numPerm = IntegerParameter("num_perm", 1...4096, help: "MinHash permutations, the signature length.")
        public static let bands = IntegerParameter("bands", 1...4096, help: "LSH bands, with rows; without both, they are chosen from the threshold and num_perm.")
        public static let rows = IntegerParameter("rows", 1...4096, help: "LSH rows per band, with bands.")
    }

    /// Throws a `ParameterError` naming the first option out of range, or bands × rows above
    /// num_perm.
    public func validate() throws {
        try Parameters.threshold.check(threshold)
        try Parameters.ngram.check(shingler.size)
        try Parameters.numPerm.check(numPerm)
        if let banding {
            try Parameters.bands.check(banding.bands)
            try Parameters.rows.check(banding.rows)
            guard banding.bands * banding.rows <= numPerm else {
                throw ParameterError("bands", "{bands} × {rows} must be at most {num_perm} (\(numPerm)), got \(banding.bands) × \(banding.rows)")
            }
        }
    }

    public var resolvedBanding: LSHParameters {
        banding ?? LSHParameters.optimal(threshold: threshold, numPerm: numPerm)
    }

    var usesMinHash: Bool { method != .exact }
    var usesFingerprints: Bool { method != .minhash }

    /// With `--verify`, pairs are first accepted on a generous estimate (four standard errors of a
    /// `numPerm` estimate below the threshold, σ = sqrt(t(1 − t)/numPerm)) and then kept only if
    /// their exact Jaccard reaches the threshold: the estimate's false positives are dropped and
    /// all but a 3·10⁻⁵ tail of its false negatives are recovered.
    var acceptance: Double {
        guard verify else { return threshold }
        let sigma = (threshold * (1 - threshold) / Double(numPerm)).squareRoot()
        return max(0, threshold - 4 * sigma)
    }
}
