import SiftCore

/// A candidate pair that passed the signature check, kept when exact verification follows.
public struct SimilarityEdge: Sendable, Equatable {
    public var a: Int32
    public var b: Int32
}

/// Online MinHash-LSH clustering: documents are added in input order; each new document is looked
/// up in the band tables, every earlier document sharing a band (and not already in its cluster)
/// is compared by signature, and pairs whose estimate reaches `acceptance` are merged by
/// union-find.
///
/// What is held per document is the signature (`numPerm` × 4 bytes), one chain link per band
/// (4 bytes) and its share of the band tables (a 64-bit band hash and a 32-bit head per bucket):
/// never the text. Two shortcuts keep large clusters cheap: a document whose whole signature
/// equals an earlier one's joins it without entering the band tables (anything similar to it is
/// equally similar to that earlier document), and a bucket is scanned for at most
/// `bucketScanLimit` members, newest first (a bucket that deep is one big cluster, whose newest
/// members match as well as its oldest).
public struct NearDuplicateIndex: Sendable {
    public let numPerm: Int
    public let banding: LSHParameters
    /// Estimated Jaccard at or above which a candidate pair is merged.
    public let acceptance: Double
    /// Whether accepted pairs are kept in `edges` (for exact verification).
    public let recordsEdges: Bool
    public static let bucketScanLimit = 1024

    private var signatures: [UInt32] = []
    private var buckets: LSHBuckets
    private var identical: [UInt64: Int32] = [:]
    public private(set) var edges: [SimilarityEdge] = []
    /// Candidate pairs compared by signature, and those accepted.
    public private(set) var comparisons = 0
    public private(set) var accepted = 0
    public private(set) var count = 0

    public init(numPerm: Int, banding: LSHParameters, acceptance: Double, recordsEdges: Bool = false) {
        precondition(banding.bands * banding.rows <= numPerm, "bands × rows exceeds the signature length")
        self.numPerm = numPerm
        self.banding = banding
        self.acceptance = acceptance
        self.recordsEdges = recordsEdges
        buckets = LSHBuckets(bands: banding.bands)
    }

    /// Stores the signature of document `count` without looking for its duplicates: for a document
    /// already known to duplicate another exactly (its similarity to a representative may still
    /// be asked).
    public mutating func store(_ signature: [UInt32]) {
        store(signature[...])
    }

    /// `store(_:)` of a signature kept in a larger array (`DuplicateGraph` holds a batch's in one).
    public mutating func store(_ signature: ArraySlice<UInt32>) {
        precondition(signature.count == numPerm)
        signatures.append(contentsOf: signature)
        buckets.appendUnfiled()
        count += 1
    }

    /// The keys under which a signature is filed: the XXH64 of the whole signature, then of each
    /// band's rows. Pure, so that callers compute them on all cores before the sequential `insert`.
    public static func keys(of signature: [UInt32], banding: LSHParameters) -> [UInt64] {
        var keys: [UInt64] = []
        appendKeys(of: signature[...], banding: banding, to: &keys)
        return keys
    }

    /// Appends `keys(of:banding:)` (`banding.bands + 1` values) to `out`.
    public static func appendKeys(of signature: ArraySlice<UInt32>, banding: LSHParameters, to out: inout [UInt64]) {
        signature.withUnsafeBytes { raw in
            out.append(XXH64.hash(raw, seed: 0x5349_4654))
            let width = banding.rows * 4
            for band in 0..<banding.bands {
                out.append(XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[(band * width)..<((band + 1) * width)])))
            }
        }
    }

    /// Adds document `count` (which must also be the next element of `sets`), merging it with
    /// every earlier document it is found similar to. `keys` are `NearDuplicateIndex.keys(of:banding:)`.
    public mutating func insert(_ signature: [UInt32], keys: [UInt64], into sets: inout UnionFind) {
        insert(signature[...], keys: keys[...], into: &sets)
    }

    /// `insert(_:keys:into:)` of a signature and keys kept in larger arrays (`DuplicateGraph` holds
    /// a batch's in two).
    public mutating func insert(_ signature: ArraySlice<UInt32>, keys: ArraySlice<UInt64>, into sets: inout UnionFind) {
        let doc = count
        store(signature)
        let whole = keys[keys.startIndex]
        if let earlier = identical[whole], self.signature(Int(earlier)).elementsEqual(signature) {
            merge(doc, Int(earlier), into: &sets)
            return
        }
        identical[whole] = Int32(doc)
        // File the document in every band first, then scan: the scans read only the chains and
        // the union-find, so the order of merges is unchanged.
        buckets.file(doc, keys: keys[(keys.startIndex + 1)...])
        for band in 0..<banding.bands {
            var member = buckets.previous(doc, band: band)
            var scanned = 0
            while member >= 0 && scanned < Self.bucketScanLimit {
                scanned += 1
                let other = Int(member)
                if sets.find(other) != sets.find(doc) {
                    comparisons += 1
                    if similarity(doc, other) >= acceptance { merge(doc, other, into: &sets) }
                }
                member = buckets.previous(other, band: band)
            }
        }
    }

    private mutating func merge(_ a: Int, _ b: Int, into sets: inout UnionFind) {
        accepted += 1
        sets.union(a, b)
        if recordsEdges { edges.append(SimilarityEdge(a: Int32(a), b: Int32(b))) }
    }

    public func signature(_ doc: Int) -> ArraySlice<UInt32> {
        signatures[(doc * numPerm)..<((doc + 1) * numPerm)]
    }

    /// The MinHash estimate of the Jaccard similarity of two stored documents.
    public func similarity(_ a: Int, _ b: Int) -> Double {
        signatures.withUnsafeBufferPointer { all in
            MinHashFamily.similarity(UnsafeBufferPointer(rebasing: all[(a * numPerm)..<((a + 1) * numPerm)]),
                                     UnsafeBufferPointer(rebasing: all[(b * numPerm)..<((b + 1) * numPerm)]))
        }
    }

    /// Bytes held by the index: the arrays' elements, and the hash tables' slots (see `tableBytes`).
    /// Array capacities are left out because they depend on the allocator, and the report must be
    /// the same on every run.
    public var bytesHeld: Int {
        signatures.count * 4 + tableBytes(identical)
            + buckets.bytes + edges.count * MemoryLayout<SimilarityEdge>.stride
    }
}

/// Approximate bytes of a Swift dictionary's storage: its slots (its capacity is 3/4 of them) times
/// the key and value sizes.
func tableBytes<Key, Value>(_ table: [Key: Value]) -> Int {
    table.capacity * 4 / 3 * (MemoryLayout<Key>.stride + MemoryLayout<Value>.stride)
}
