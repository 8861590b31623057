import SiftCore

/// Stage 3 of a sharded deduplication (one task): joins every pair the partition tasks found in
/// one union-find over all documents (numbered in input order: shard by shard), resolves the
/// clusters with the keep policy exactly as `DuplicateGraph.resolve` does (clusters numbered by
/// first member, the representative the highest rank, ties to the earliest), and writes, per
/// shard, what the filter stage removes and why. Memory: 8 bytes per document (union-find) plus
/// the clusters, the removed documents of one shard at a time and the representatives' references.
public struct ClusterMerger {
    public let options: DedupOptions
    public let files: ShardFiles
    /// Documents per shard, from the sketch stage.
    public let documents: [Int]
    public let partitions: Int
    /// Also write every document's cluster per shard (`ShardFiles.clusterOfDocument`), for a split
    /// that keeps near-duplicates together (`NearDuplicateMembership`).
    public var writesMembership = false

    public struct Result: Sendable {
        public var clusters = 0
        public var largestCluster = 0
        public var removedExact = 0
        public var removedNear = 0
        /// Per shard: documents it removes.
        public var removedPerShard: [Int] = []
    }

    public init(options: DedupOptions, files: ShardFiles, documents: [Int], partitions: Int) {
        self.options = options
        self.files = files
        self.documents = documents
        self.partitions = partitions
    }

    public func run() throws -> Result {
        var offsets: [Int] = [0]
        for count in documents { offsets.append(offsets.last! + count) }
        let total = offsets.last!
        func global(_ raw: UInt64) -> Int {
            let document = ShardDocument(raw: raw)
            return offsets[document.shard] + document.local
        }
        var sets = UnionFind(count: total)
        for partition in 0..<partitions {
            let file = try MappedFile(path: files.edges(partition: partition))
            for i in stride(from: 0, to: file.wordCount, by: 2) { sets.union(global(file.word(i)), global(file.word(i + 1))) }
        }
        let store = try SignatureStore(files: files, shards: documents.count, numPerm: options.numPerm)
        func raw(_ doc: Int) -> UInt64 {
            var shard = 0
            while offsets[shard + 1] <= doc { shard += 1 }
            return ShardDocument(shard: shard, local: doc - offsets[shard]).raw
        }
        // Clusters by root, as `DuplicateGraph.resolve`.
        struct Cluster { var id: Int; var representative: Int; var rank: Double; var size: Int }
        var clusters: [Int: Cluster] = [:]
        var shard = 0
        for doc in 0..<total {
            while offsets[shard + 1] <= doc { shard += 1 }
            let root = sets.find(doc)
            let size = sets.setSize(root)
            guard size > 1 else { continue }
            let rawDoc = ShardDocument(shard: shard, local: doc - offsets[shard]).raw
            let rank = options.keep == .first ? 0 : Double(bitPattern: store.word(rawDoc, 2))
            if var cluster = clusters[root] {
                if options.keep != .first, rank > cluster.rank {
                    cluster.representative = doc
                    cluster.rank = rank
                    clusters[root] = cluster
                }
            } else {
                clusters[root] = Cluster(id: clusters.count + 1, representative: doc, rank: rank, size: size)
            }
        }
        var result = Result()
        result.clusters = clusters.count
        result.largestCluster = clusters.values.map(\.size).max() ?? 0

        // The representatives' references, read shard by shard.
        var wanted = [[Int]](repeating: [], count: documents.count)
        for cluster in clusters.values {
            let document = ShardDocument(raw: raw(cluster.representative))
            wanted[document.shard].append(document.local)
        }
        var references: [Int: String] = [:]
        for s in 0..<documents.count where !wanted[s].isEmpty {
            let needed = Set(wanted[s])
            var local = 0
            let text = try MappedFile(path: files.references(s))
            var lineStart = 0
            for i in 0..<text.bytes.count where text.bytes[i] == 0x0A {
                if needed.contains(local) {
                    let line = Array(text.bytes[lineStart..<i])
                    references[offsets[s] + local] = try JSONParser.parse(line).stringValue ?? ""
                }
                local += 1
                lineStart = i + 1
            }
        }

        if writesMembership { try writeMembership(offsets: offsets, clusterOfRoot: { clusters[$0]?.id ?? 0 }, sets: &sets) }

        // What each shard removes, in order.
        shard = 0
        var writer = try WordFileWriter(path: files.removals(0))
        var removedHere = 0
        for doc in 0..<total {
            while offsets[shard + 1] <= doc {
                try writer.close()
                result.removedPerShard.append(removedHere)
                removedHere = 0
                shard += 1
                writer = try WordFileWriter(path: files.removals(shard))
            }
            guard let cluster = clusters[sets.find(doc)], cluster.representative != doc else { continue }
            let a = ShardDocument(shard: shard, local: doc - offsets[shard]).raw
            let b = raw(cluster.representative)
            let exact = options.usesFingerprints && store.word(a, 0) == store.word(b, 0) && store.word(a, 1) == store.word(b, 1)
            let similarity = exact ? 1 : store.similarity(a, b)
            if exact { result.removedExact += 1 } else { result.removedNear += 1 }
            removedHere += 1
            let entry: JSONValue = [
                "document": .integer(doc - offsets[shard]),
                "reason": .string(exact ? "exact" : "near"),
                "cluster": .integer(cluster.id),
                "duplicate_of": .string(references[cluster.representative] ?? ""),
                "similarity": .double((similarity * 10_000).rounded() / 10_000),
            ]
            try writer.write(JSONWriter().bytes(entry) + [0x0A])
        }
        try writer.close()
        result.removedPerShard.append(removedHere)
        while result.removedPerShard.count < documents.count {
            result.removedPerShard.append(0)
            try writeFileAtomically(files.removals(result.removedPerShard.count - 1), "")
        }
        return result
    }

    /// Per shard, each document's cluster number (0 when alone), as little-endian Int64.
    private func writeMembership(offsets: [Int], clusterOfRoot: (Int) -> Int, sets: inout UnionFind) throws {
        for shard in 0..<documents.count {
            let writer = try WordFileWriter(path: files.clusterOfDocument(shard))
            var ids: [Int64] = []
            ids.reserveCapacity(min(documents[shard], 1 << 16))
            for doc in offsets[shard]..<offsets[shard + 1] {
                ids.append(Int64(clusterOfRoot(sets.find(doc))))
                if ids.count == 1 << 16 {
                    try writer.write(ids)
                    ids.removeAll(keepingCapacity: true)
                }
            }
            try writer.write(ids)
            try writer.close()
        }
    }
}
