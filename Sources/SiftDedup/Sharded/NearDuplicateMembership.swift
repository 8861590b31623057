import SiftCore

/// The near-duplicate group of every record of a sharded run, from the files of a sharded
/// clustering (`ShardSketcher`, `BandPartitionMatcher`, `ClusterMerger` with `writesMembership`):
/// what `split` with `group_by: near-duplicates` needs, without holding a signature or an index.
/// Records of one cluster share its number (from 1); every other record, blank or without text
/// included, is a group of its own (a negative number), as `NearDuplicateGrouper.groups()` gives.
/// The numbers differ from the grouper's, the partition into groups and its order of first
/// appearance do not, and those are all `SplitAssignment` uses. Memory: 8 bytes per record.
public struct NearDuplicateMembership {
    public let files: ShardFiles
    public let shards: Int

    public init(files: ShardFiles, shards: Int) {
        self.files = files
        self.shards = shards
    }

    /// One group number per record, shard by shard (input order).
    public func groups() throws -> [Int] {
        var groups: [Int] = []
        for shard in 0..<shards {
            let records = try MappedFile(path: files.records(shard))
            let clusters = try MappedFile(path: files.clusterOfDocument(shard))
            for i in 0..<(records.bytes.count / 4) {
                let document = Int(records.bytes.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))
                var cluster = 0
                if document >= 0 {
                    guard (document + 1) * 8 <= clusters.bytes.count else {
                        throw SiftError("\(files.clusterOfDocument(shard)): fewer documents than \(files.records(shard)) names; "
                                        + "the clusters stage did not finish", status: .ioError)
                    }
                    cluster = Int(clusters.bytes.loadUnaligned(fromByteOffset: document * 8, as: Int64.self))
                }
                groups.append(cluster > 0 ? cluster : -(groups.count + 1))
            }
        }
        return groups
    }
}
