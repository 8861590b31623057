import SiftCore
import SiftDedup

/// Group ids that put every near-duplicate cluster (MinHash-LSH over `comparableText`, SiftDedup's
/// detector) in one group, so that `--group-by near-duplicates` never puts a near-copy of a test
/// item in train.
public enum NearDuplicateGroups {
    public static func compute(paths: [String], threshold: Double, readOptions: ReadOptions = ReadOptions()) throws -> [Int] {
        let stream = try DatasetStream(paths: paths, options: readOptions)
        let kind = try stream.detectKind()
        var grouper = NearDuplicateGrouper(detector: NearDuplicateDetector(threshold: threshold))
        while let batch = try stream.nextBatch() {
            grouper.add(batch.compactMap { event in
                if case .record(let record) = event { return record.content(as: kind).comparableText }
                return nil
            })
        }
        return grouper.groups()
    }
}
