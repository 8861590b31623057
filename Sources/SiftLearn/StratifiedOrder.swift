import SiftCore

/// Seeded, stratified orders and folds over record indices.
public enum StratifiedOrder {
    /// Each class's members shuffled (Fisher-Yates with `SplitMix64(seed)`, classes in order).
    static func shuffledByClass(_ indices: [Int], labels: [Int], classCount: Int, seed: UInt64) -> [[Int]] {
        var byClass = [[Int]](repeating: [], count: classCount)
        for i in indices { byClass[labels[i]].append(i) }
        var generator = SplitMix64(seed: seed)
        for c in 0..<classCount { byClass[c].shuffle(using: &generator) }
        return byClass
    }

    /// An order of `indices` whose every prefix keeps the classes' proportions as closely as
    /// whole records allow: the t-th member (0-based) of a class of m gets the key (t + 0.5) / m,
    /// and records are sorted by key (ties by class). Taking the first n records gives a
    /// stratified subset of size n, and each subset contains the smaller ones: nested subsets.
    public static func nested(_ indices: [Int], labels: [Int], classCount: Int, seed: UInt64) -> [Int] {
        let byClass = shuffledByClass(indices, labels: labels, classCount: classCount, seed: seed)
        var keyed: [(key: Double, classIndex: Int, index: Int)] = []
        keyed.reserveCapacity(indices.count)
        for (c, members) in byClass.enumerated() {
            for (t, index) in members.enumerated() {
                keyed.append(((Double(t) + 0.5) / Double(members.count), c, index))
            }
        }
        keyed.sort { ($0.key, $0.classIndex) < ($1.key, $1.classIndex) }
        return keyed.map(\.index)
    }

    /// Stratified k-fold assignment: each class's shuffled members are dealt round-robin, the deal
    /// continuing from class to class so fold sizes differ by at most one.
    public static func folds(count: Int, labels: [Int], classCount: Int, folds k: Int, seed: UInt64) -> [Int] {
        let byClass = shuffledByClass(Array(0..<count), labels: labels, classCount: classCount, seed: seed)
        var fold = [Int](repeating: 0, count: count)
        var dealt = 0
        for members in byClass {
            for index in members {
                fold[index] = dealt % k
                dealt += 1
            }
        }
        return fold
    }
}
