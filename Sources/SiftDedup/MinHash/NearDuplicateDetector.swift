import SiftCore

/// Near-duplicate clusters of a set of texts: the reusable detector behind `sift dedup
/// --method minhash` and the `near_duplicate` check of `sift audit`.
///
/// Texts are canonicalised (`TextNormalization.canonical`), shingled (`Shingler`), sketched
/// (`MinHashFamily`, computed on all cores) and clustered by `NearDuplicateIndex`: a pair is a
/// near-duplicate when its MinHash estimate of Jaccard similarity reaches `threshold`, and clusters
/// are the connected components of such pairs. Blank texts are never clustered (nothing in common
/// is not evidence of a duplicate). The same inputs and seed give the same clusters.
///
///     let detector = NearDuplicateDetector(threshold: 0.8)
///     for cluster in detector.clusters(records.map { ($0.reference, $0.content(as: kind).comparableText) }) {
///         print(cluster.representative.reference, cluster.duplicates.map(\.reference))
///     }
public struct NearDuplicateDetector: Sendable {
    public let threshold: Double
    public let shingler: Shingler
    public let family: MinHashFamily
    public let banding: LSHParameters

    /// `banding` defaults to `LSHParameters.optimal(threshold:numPerm:)`.
    public init(threshold: Double = 0.8, numPerm: Int = 128, ngram: Int = 5, unit: ShingleUnit = .word,
                seed: UInt64 = 1, banding: LSHParameters? = nil) {
        precondition(threshold > 0 && threshold <= 1, "threshold must be in (0, 1]")
        self.threshold = threshold
        shingler = Shingler(unit: unit, size: ngram)
        family = MinHashFamily(numPerm: numPerm, seed: seed)
        self.banding = banding ?? LSHParameters.optimal(threshold: threshold, numPerm: numPerm)
    }

    /// One member of a cluster: its position in the input, its reference, and its estimated
    /// Jaccard similarity to the cluster's representative (1 for the representative itself).
    public struct Member: Sendable, Equatable {
        public var index: Int
        public var reference: String
        public var similarity: Double
    }

    /// A group of near-duplicates: the first of them in input order, and the others in input order.
    public struct Cluster: Sendable, Equatable {
        public var representative: Member
        public var duplicates: [Member]
    }

    /// The signature of one text, or nil when the text is blank.
    public func signature(of text: String) -> [UInt32]? {
        let canonical = TextNormalization.canonical(text)
        guard !canonical.isEmpty else { return nil }
        var hashes: [UInt64] = []
        shingler.hashes(ofCanonical: canonical, into: &hashes)
        return family.signature(of: hashes)
    }

    /// What the index needs of a text: its signature and the keys it is filed under.
    public struct Sketch: Sendable {
        public var signature: [UInt32]
        public var keys: [UInt64]
    }

    /// The sketch of one text, or nil when the text is blank. Pure: compute it on any thread.
    public func sketch(of text: String) -> Sketch? {
        signature(of: text).map { Sketch(signature: $0, keys: NearDuplicateIndex.keys(of: $0, banding: banding)) }
    }

    /// Clusters of two or more near-duplicates among `items`, ordered by their first member.
    /// For datasets too large to hold their texts, feed a `NearDuplicateGrouper` batch by batch.
    public func clusters(_ items: [(reference: String, text: String)]) -> [Cluster] {
        var grouper = NearDuplicateGrouper(detector: self)
        grouper.add(items.map(\.text))
        return grouper.clusters { items[$0].reference }
    }
}
