/// numpy's float64 summation (`np.sum`, `np.add.reduce`, and `np.mean` = that sum / n), bit for
/// bit: pairwise summation with an 8-way unrolled base case over blocks of at most 128 values
/// (`pairwise_sum_DOUBLE` in numpy's `loops_utils.h.src`). cleanlab's thresholds, calibration and
/// rounding are computed with it, and a last-bit difference in a total decides which of two tied
/// x.5 counts rounds up, so confident learning must add the way numpy does to flag the same records
/// (ConfidentLearningTests holds numpy's own results; scripts/learn_parity.py compares the flagged
/// sets with cleanlab's on fresh random cases).
enum NumpySum {
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0[...]) }
    }

    static func mean(_ values: [Double]) -> Double {
        sum(values) / Double(values.count)
    }

    private static func pairwise(_ a: Slice<UnsafeBufferPointer<Double>>) -> Double {
        let n = a.count
        let start = a.startIndex
        if n < 8 {
            var result = 0.0
            for value in a { result += value }
            return result
        }
        if n <= 128 {
            var r = (a[start], a[start + 1], a[start + 2], a[start + 3],
                     a[start + 4], a[start + 5], a[start + 6], a[start + 7])
            var i = 8
            while i < n - n % 8 {
                r.0 += a[start + i]; r.1 += a[start + i + 1]; r.2 += a[start + i + 2]; r.3 += a[start + i + 3]
                r.4 += a[start + i + 4]; r.5 += a[start + i + 5]; r.6 += a[start + i + 6]; r.7 += a[start + i + 7]
                i += 8
            }
            var result = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n {
                result += a[start + i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwise(a[start..<(start + half)]) + pairwise(a[(start + half)...])
    }
}
