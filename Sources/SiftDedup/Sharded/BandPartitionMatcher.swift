import SiftCore

/// Stage 2 of a sharded deduplication (one task per partition): finds the duplicate pairs among
/// the band entries and fingerprints that every shard filed under this partition.
///
/// It gives the clusters `NearDuplicateIndex` gives on the whole input, because it applies the same
/// rules to each bucket (the documents sharing one band's key), in input order:
/// - a document whose whole signature equals an earlier one's is joined to it and does not enter
///   the buckets (documents with equal signatures share every bucket, so the earlier one is always
///   in the same bucket: the rule is local to it);
/// - every other document is compared with the `NearDuplicateIndex.bucketScanLimit` members
///   before it, newest first, and joined to those whose MinHash estimate reaches the acceptance.
///
/// `NearDuplicateIndex` skips members already in the document's cluster, which changes how many
/// comparisons it makes but not the clusters (union-find merges of one component commute).
/// Exact duplicates (equal fingerprints) are joined to the first copy. Memory: this partition's
/// entries (32 bytes per document and band of the partition); signatures are read from the mapped
/// documents files.
public struct BandPartitionMatcher {
    public let options: DedupOptions
    public let files: ShardFiles
    public let shards: Int

    public struct Counts: Sendable {
        public var comparisons = 0
        public var pairs = 0
    }

    public init(options: DedupOptions, files: ShardFiles, shards: Int) {
        var options = options
        if options.usesMinHash { options.banding = options.resolvedBanding }
        self.options = options
        self.files = files
        self.shards = shards
    }

    public func run(partition: Int) throws -> Counts {
        var counts = Counts()
        let edges = try WordFileWriter(path: files.edges(partition: partition))
        var out: [UInt64] = []
        if options.usesFingerprints {
            try fingerprintPairs(partition: partition, into: &out)
        }
        if options.usesMinHash {
            let signatures = try SignatureStore(files: files, shards: shards, numPerm: options.numPerm)
            try bandPairs(partition: partition, signatures: signatures, counts: &counts, into: &out)
        }
        counts.pairs = out.count / 2
        try edges.write(out)
        try edges.close()
        return counts
    }

    /// Entries are (fingerprint, fingerprint, document): each document is joined to the first
    /// document with its fingerprint.
    private func fingerprintPairs(partition: Int, into out: inout [UInt64]) throws {
        var entries: [(UInt64, UInt64, UInt64)] = []
        for shard in 0..<shards {
            let file = try MappedFile(path: files.fingerprints(partition: partition, shard: shard))
            for i in stride(from: 0, to: file.wordCount, by: 3) {
                entries.append((file.word(i), file.word(i + 1), file.word(i + 2)))
            }
        }
        entries.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].0 == entries[start].0, entries[end].1 == entries[start].1 { end += 1 }
            for i in (start + 1)..<end { out.append(contentsOf: [entries[i].2, entries[start].2]) }
            start = end
        }
    }

    /// Entries are (band, key, document, whole-signature key).
    private func bandPairs(partition: Int, signatures: SignatureStore, counts: inout Counts, into out: inout [UInt64]) throws {
        var entries: [(band: UInt64, key: UInt64, document: UInt64, whole: UInt64)] = []
        for shard in 0..<shards {
            let file = try MappedFile(path: files.bands(partition: partition, shard: shard))
            entries.reserveCapacity(entries.count + file.wordCount / 4)
            for i in stride(from: 0, to: file.wordCount, by: 4) {
                entries.append((file.word(i), file.word(i + 1), file.word(i + 2), file.word(i + 3)))
            }
        }
        entries.sort { ($0.band, $0.key, $0.document) < ($1.band, $1.key, $1.document) }
        let acceptance = options.acceptance
        let limit = NearDuplicateIndex.bucketScanLimit
        var start = 0
        var inserted: [UInt64] = []
        var firstOfWhole: [UInt64: UInt64] = [:]
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].band == entries[start].band, entries[end].key == entries[start].key { end += 1 }
            if end - start > 1 {
                inserted.removeAll(keepingCapacity: true)
                firstOfWhole.removeAll(keepingCapacity: true)
                for entry in entries[start..<end] {
                    if let earlier = firstOfWhole[entry.whole], signatures.equal(earlier, entry.document) {
                        out.append(contentsOf: [entry.document, earlier])
                        continue
                    }
                    firstOfWhole[entry.whole] = entry.document
                    for other in inserted.suffix(limit).reversed() {
                        counts.comparisons += 1
                        if signatures.similarity(entry.document, other) >= acceptance {
                            out.append(contentsOf: [entry.document, other])
                        }
                    }
                    inserted.append(entry.document)
                }
            }
            start = end
        }
    }
}

/// The signatures of every shard, read from the mapped documents files.
struct SignatureStore {
    let numPerm: Int
    let stride: Int
    let shards: [MappedFile]

    init(files: ShardFiles, shards: Int, numPerm: Int) throws {
        self.numPerm = numPerm
        stride = ShardFiles.documentStride(numPerm: numPerm)
        self.shards = try (0..<shards).map { try MappedFile(path: files.documents($0)) }
    }

    func withSignature<T>(_ raw: UInt64, _ body: (UnsafeBufferPointer<UInt32>) -> T) -> T {
        let document = ShardDocument(raw: raw)
        let bytes = shards[document.shard].bytes
        let offset = document.local * stride + 24
        // Signatures start 24 bytes into a record whose stride is a multiple of 4: 4-byte aligned.
        let pointer = (bytes.baseAddress! + offset).assumingMemoryBound(to: UInt32.self)
        return body(UnsafeBufferPointer(start: pointer, count: numPerm))
    }

    func similarity(_ a: UInt64, _ b: UInt64) -> Double {
        withSignature(a) { sa in withSignature(b) { sb in MinHashFamily.similarity(sa, sb) } }
    }

    func equal(_ a: UInt64, _ b: UInt64) -> Bool {
        withSignature(a) { sa in withSignature(b) { sb in sa.elementsEqual(sb) } }
    }

    /// The fingerprint and rank words of a document.
    func word(_ raw: UInt64, _ index: Int) -> UInt64 {
        let document = ShardDocument(raw: raw)
        return shards[document.shard].bytes.loadUnaligned(fromByteOffset: document.local * stride + index * 8, as: UInt64.self)
    }
}
