import SiftCore

/// Near-duplicate clustering fed in batches, holding signatures only (never texts): how splits
/// and audits cluster datasets of any size. Each batch's signatures are computed on all cores and
/// inserted in input order, so the clusters do not depend on batch sizes or thread counts.
public struct NearDuplicateGrouper: Sendable {
    public let detector: NearDuplicateDetector
    private var index: NearDuplicateIndex
    private var sets = UnionFind()
    /// For each item added, its document number in the index, or -1 for a blank text.
    private var documentOfItem: [Int32] = []
    private var itemOfDocument: [Int32] = []

    public init(detector: NearDuplicateDetector) {
        self.detector = detector
        index = NearDuplicateIndex(numPerm: detector.family.numPerm, banding: detector.banding, acceptance: detector.threshold)
    }

    /// Items added so far.
    public var count: Int { documentOfItem.count }

    /// Sketches the texts on all cores, then adds them in order.
    public mutating func add(_ texts: [String]) {
        let detector = self.detector
        let sketches = parallelMap(count: texts.count, minimumPerSlice: 16) { detector.sketch(of: texts[$0]) }
        for sketch in sketches { add(sketch) }
    }

    /// Adds one item from its sketch (computed elsewhere, e.g. on a worker thread); nil is an item
    /// that is never clustered (a blank text, or one a caller already knows is an exact copy).
    public mutating func add(_ sketch: NearDuplicateDetector.Sketch?) {
        guard let sketch else {
            documentOfItem.append(-1)
            return
        }
        documentOfItem.append(Int32(itemOfDocument.count))
        itemOfDocument.append(Int32(documentOfItem.count - 1))
        _ = sets.add()
        index.insert(sketch.signature, keys: sketch.keys, into: &sets)
    }

    /// A group number for every item added: items in one near-duplicate cluster share it; every
    /// other item (blank texts included) has a group of its own.
    public mutating func groups() -> [Int] {
        var groupOfRoot: [Int: Int] = [:]
        var next = 0
        return documentOfItem.map { document in
            defer { next += 1 }
            guard document >= 0 else { return -(next + 1) }
            let root = sets.find(Int(document))
            if let group = groupOfRoot[root] { return group }
            groupOfRoot[root] = next
            return next
        }
    }

    /// Clusters of two or more near-duplicates, ordered by their first member; `reference` names
    /// an item by its position.
    public mutating func clusters(reference: (Int) -> String) -> [NearDuplicateDetector.Cluster] {
        var membersOfRoot: [Int: [Int]] = [:]
        var roots: [Int] = []
        for document in itemOfDocument.indices {
            let root = sets.find(document)
            if membersOfRoot[root] == nil { roots.append(root) }
            membersOfRoot[root, default: []].append(document)
        }
        return roots.compactMap { root in
            let members = membersOfRoot[root]!
            guard members.count > 1 else { return nil }
            let first = members[0]
            func member(_ document: Int) -> NearDuplicateDetector.Member {
                let item = Int(itemOfDocument[document])
                return NearDuplicateDetector.Member(index: item, reference: reference(item),
                                                    similarity: document == first ? 1 : index.similarity(document, first))
            }
            return NearDuplicateDetector.Cluster(representative: member(first), duplicates: members.dropFirst().map(member))
        }
    }
}
