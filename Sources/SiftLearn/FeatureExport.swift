/// Hashed features in the svmlight / libsvm text format (`class bucket:value ...`, zero-based
/// buckets), which `sklearn.datasets.load_svmlight_file(path, n_features=2**20, zero_based=True)`
/// reads: how the parity script trains scikit-learn on exactly Sift's features. Values are
/// written with Swift's shortest round-trip spelling, so they read back bit for bit.
public enum FeatureExport {
    public static func svmlight(_ rows: [FeatureVector], labels: [Int]) -> String {
        var out = ""
        for (row, label) in zip(rows, labels) {
            out += String(label)
            for (bucket, value) in zip(row.buckets, row.values) { out += " \(bucket):\(value)" }
            out += "\n"
        }
        return out
    }
}
