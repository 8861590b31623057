/// Training rows in compressed sparse row form over compact column ids: only the buckets that occur
/// in the training rows get a column. A bucket no training row uses would keep a zero weight under
/// L2 (its gradient is zero), so dropping it changes nothing but memory: K x 2^20 doubles per
/// L-BFGS vector would not fit, K x (buckets seen) does.
struct FeatureMatrix: Sendable {
    /// Compact column of each bucket, in ascending bucket order (deterministic).
    let columnOfBucket: [UInt32: Int32]
    let columnCount: Int
    let rowStart: [Int]
    let columns: [Int32]
    let values: [Double]

    var rowCount: Int { rowStart.count - 1 }

    init(_ rows: [FeatureVector]) {
        var seen = Set<UInt32>()
        for row in rows { seen.formUnion(row.buckets) }
        var map: [UInt32: Int32] = [:]
        map.reserveCapacity(seen.count)
        for (i, bucket) in seen.sorted().enumerated() { map[bucket] = Int32(i) }
        var rowStart = [0]
        var columns: [Int32] = []
        var values: [Double] = []
        for row in rows {
            for (bucket, value) in zip(row.buckets, row.values) {
                columns.append(map[bucket]!)
                values.append(value)
            }
            rowStart.append(columns.count)
        }
        columnOfBucket = map
        columnCount = seen.count
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
    }

    /// The same entries column by column (rows ascending within a column), for the gradient.
    func transposed() -> (columnStart: [Int], rows: [Int32], values: [Double]) {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for c in columns { counts[Int(c) + 1] += 1 }
        for j in 0..<columnCount { counts[j + 1] += counts[j] }
        var next = counts
        var rows = [Int32](repeating: 0, count: columns.count)
        var out = [Double](repeating: 0, count: columns.count)
        for r in 0..<rowCount {
            for p in rowStart[r]..<rowStart[r + 1] {
                let c = Int(columns[p])
                rows[next[c]] = Int32(r)
                out[next[c]] = values[p]
                next[c] += 1
            }
        }
        return (counts, rows, out)
    }
}
