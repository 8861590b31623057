import SiftCore

/// Stage 4 of a sharded deduplication (one task per shard): streams the shard again and writes
/// each record to the kept output, or to the removed output with the same `_sift.dedup`
/// annotation `sift dedup` writes (reason, cluster, duplicate_of, similarity). Memory: one batch
/// and the shard's removed documents.
public struct ShardDuplicateFilter {
    public let files: ShardFiles

    public init(files: ShardFiles) {
        self.files = files
    }

    /// Returns (records read, kept, removed).
    public func run(input: String, shard: Int, kept: String, removed: String, readOptions: ReadOptions) throws -> (records: Int, kept: Int, removed: Int) {
        var removals: [Int: JSONValue] = [:]
        try DatasetStream(paths: [files.removals(shard)], options: ReadOptions(format: .jsonl)).forEach { event in
            guard case .record(let record) = event, let document = record.fields["document"]?.intValue else { return }
            var annotation = record.fields
            annotation.removeValue(forKey: "document")
            removals[document] = .object(annotation)
        }
        let map = try MappedFile(path: files.records(shard))
        let keptWriter = try DatasetWriter(path: kept)
        let removedWriter = try DatasetWriter(path: removed)
        var index = 0
        var keptCount = 0
        var removedCount = 0
        try DatasetStream(paths: [input], options: readOptions).forEach { event in
            guard case .record(var record) = event else { return }
            guard index * 4 < map.bytes.count else {
                throw SiftError("\(input): more records than when it was sketched; the shard changed between stages", status: .ioError)
            }
            let document = Int(map.bytes.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))
            index += 1
            if document >= 0, let annotation = removals[document] {
                record.annotate("dedup", annotation)
                try removedWriter.write(record)
                removedCount += 1
            } else {
                try keptWriter.write(record)
                keptCount += 1
            }
        }
        guard index * 4 == map.bytes.count else {
            throw SiftError("\(input): fewer records than when it was sketched; the shard changed between stages", status: .ioError)
        }
        try keptWriter.close()
        try removedWriter.close()
        return (index, keptCount, removedCount)
    }
}
