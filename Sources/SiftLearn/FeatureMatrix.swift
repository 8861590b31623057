/// Training rows in compressed sparse row form over compact column ids: only the buckets that occur
/// in the training rows get a column. A bucket no training row uses would keep a zero weight under
/// L2 (its gradient is zero), so dropping it changes nothing but memory: K x 2^20 doubles per
/// L-BFGS vector would not fit, K x (buckets seen) does.
struct FeatureMatrix: Sendable {
    /// Compact column of each bucket (-1: no training row has it), indexed by bucket. A flat table
    /// of 2^20 entries (4 MB) rather than a dictionary: one lookup per non-zero is the hot path of
    /// building the matrix and of predicting.
    ///
    /// Columns are numbered by frequency, the bucket in most training rows first (ties by bucket,
    /// so deterministic). Training reads a row's weights at scattered columns; n-gram counts follow
    /// Zipf's law, so with frequent columns side by side most reads hit the same few megabytes of
    /// cache instead of the whole weight matrix. A row's entries stay in ascending bucket order,
    /// so its score is summed in the same order whatever the numbering.
    let columnOfBucket: [Int32]
    let columnCount: Int
    let rowStart: [Int]
    let columns: [Int32]
    let values: [Double]

    var rowCount: Int { rowStart.count - 1 }

    init(_ rows: [FeatureVector]) {
        var rowsWith = [UInt32](repeating: 0, count: TextFeatures.bucketCount)
        var entries = 0
        for row in rows {
            entries += row.buckets.count
            for bucket in row.buckets { rowsWith[Int(bucket)] += 1 }
        }
        // Sort key: more rows first, then lower bucket.
        var keys: [UInt64] = []
        for bucket in rowsWith.indices where rowsWith[bucket] > 0 {
            keys.append(UInt64(UInt32.max - rowsWith[bucket]) << 32 | UInt64(bucket))
        }
        keys.sort()
        var map = [Int32](repeating: -1, count: TextFeatures.bucketCount)
        for (column, key) in keys.enumerated() { map[Int(key & 0xFFFF_FFFF)] = Int32(column) }
        var rowStart = [0]
        rowStart.reserveCapacity(rows.count + 1)
        var columns: [Int32] = []
        columns.reserveCapacity(entries)
        var values: [Double] = []
        values.reserveCapacity(entries)
        for row in rows {
            for bucket in row.buckets { columns.append(map[Int(bucket)]) }
            values.append(contentsOf: row.values)
            rowStart.append(columns.count)
        }
        columnOfBucket = map
        columnCount = keys.count
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
