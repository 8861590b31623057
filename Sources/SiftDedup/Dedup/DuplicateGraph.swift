import SiftCore

/// The duplicate relation the first pass of `sift dedup` builds, one document at a time, and the
/// clusters it resolves to. Documents are the records with a non-blank text, numbered in input
/// order; what is held per document is its fingerprint, its signature and band entries, a
/// union-find slot and (for `--keep longest|newest`) its rank.
struct DuplicateGraph {
    let options: DedupOptions
    private(set) var sets = UnionFind()
    private(set) var near: NearDuplicateIndex?
    private var firstOfFingerprint: [TextFingerprint: Int32] = [:]
    private var fingerprints: [TextFingerprint] = []
    private var ranks: [Double] = []
    /// Per record: its document, or `DuplicateGraph.missing` / `.blank`.
    private(set) var documentOfRecord: [Int32] = []

    static let missing: Int32 = -1
    static let blank: Int32 = -2

    init(options: DedupOptions) {
        self.options = options
        if options.usesMinHash {
            near = NearDuplicateIndex(numPerm: options.numPerm, banding: options.resolvedBanding,
                                      acceptance: options.acceptance, recordsEdges: options.verify)
        }
    }

    var documentCount: Int { sets.count }

    /// Adds a run's records in order.
    mutating func add(_ run: SketchRun) {
        let numPerm = near?.numPerm ?? 0
        let keyCount = (near?.banding.bands ?? 0) + 1
        var present = 0
        for case let text? in run.texts {
            switch text {
            case .missing:
                documentOfRecord.append(Self.missing)
            case .blank:
                documentOfRecord.append(Self.blank)
            case .present:
                let doc = sets.add()
                documentOfRecord.append(Int32(doc))
                if options.keep != .first { ranks.append(run.ranks[present]) }
                var isExactDuplicate = false
                if options.usesFingerprints {
                    let fingerprint = run.fingerprints[present]
                    fingerprints.append(fingerprint)
                    if let first = firstOfFingerprint[fingerprint] {
                        sets.union(doc, Int(first))
                        isExactDuplicate = true
                    } else {
                        firstOfFingerprint[fingerprint] = Int32(doc)
                    }
                }
                if near != nil {
                    let signature = run.signatures[(present * numPerm)..<((present + 1) * numPerm)]
                    // An exact duplicate needs no search: its first copy already did it.
                    if isExactDuplicate {
                        near!.store(signature)
                    } else {
                        near!.insert(signature, keys: run.keys[(present * keyCount)..<((present + 1) * keyCount)], into: &sets)
                    }
                }
                present += 1
            }
        }
    }

    /// The document whose shingles stand for `doc`'s: the first copy of its text under `both`.
    func base(_ doc: Int) -> Int {
        guard options.usesFingerprints else { return doc }
        return Int(firstOfFingerprint[fingerprints[doc]]!)
    }

    func isExactDuplicate(_ a: Int, _ b: Int) -> Bool {
        options.usesFingerprints && fingerprints[a] == fingerprints[b]
    }

    /// Replaces the near-duplicate pairs by `edges` (those that passed exact verification).
    mutating func rebuild(keeping edges: [SimilarityEdge]) {
        var fresh = UnionFind(count: documentCount)
        if options.usesFingerprints {
            for doc in 0..<documentCount { fresh.union(doc, base(doc)) }
        }
        for edge in edges { fresh.union(Int(edge.a), Int(edge.b)) }
        sets = fresh
    }

    /// One duplicate cluster: its number (1, 2, ... in order of first member), the member kept,
    /// the earliest member and the size.
    struct Cluster: Sendable {
        var id: Int
        var representative: Int
        var first: Int
        var size: Int
    }

    /// Clusters of two or more documents, by union-find root; the representative is chosen by the
    /// keep policy, ties going to the earliest document.
    mutating func resolve() -> [Int: Cluster] {
        var clusters: [Int: Cluster] = [:]
        for doc in 0..<documentCount {
            let root = sets.find(doc)
            let size = sets.setSize(root)
            guard size > 1 else { continue }
            if var cluster = clusters[root] {
                if options.keep != .first, ranks[doc] > ranks[cluster.representative] {
                    cluster.representative = doc
                    clusters[root] = cluster
                }
            } else {
                clusters[root] = Cluster(id: clusters.count + 1, representative: doc, first: doc, size: size)
            }
        }
        return clusters
    }

    mutating func cluster(of doc: Int, in clusters: [Int: Cluster]) -> Cluster? {
        clusters[sets.find(doc)]
    }

    /// Bytes held for the documents and records seen (see `NearDuplicateIndex.bytesHeld`).
    var bytesHeld: Int {
        (near?.bytesHeld ?? 0) + documentCount * UnionFind.bytesPerElement + tableBytes(firstOfFingerprint)
            + fingerprints.count * MemoryLayout<TextFingerprint>.stride + ranks.count * 8 + documentOfRecord.count * 4
    }
}
