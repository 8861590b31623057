/// Disjoint sets over documents `0..<count` (Tarjan 1975): union by size and path halving, so a
/// cluster of any shape is found in near-constant time. Indices are `Int32` to halve the memory
/// held per document.
public struct UnionFind: Sendable {
    private var parent: [Int32] = []
    private var size: [Int32] = []

    public init(count: Int = 0) {
        parent = (0..<Int32(count)).map { $0 }
        size = Array(repeating: 1, count: count)
    }

    public var count: Int { parent.count }

    /// Adds a new singleton set and returns its index.
    @discardableResult
    public mutating func add() -> Int {
        parent.append(Int32(parent.count))
        size.append(1)
        return parent.count - 1
    }

    public mutating func find(_ x: Int) -> Int {
        var x = Int32(x)
        while parent[Int(x)] != x {
            let grand = parent[Int(parent[Int(x)])]
            parent[Int(x)] = grand
            x = grand
        }
        return Int(x)
    }

    /// Merges the sets of `a` and `b`; returns false when they were already one set.
    @discardableResult
    public mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a)
        var rb = find(b)
        guard ra != rb else { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        return true
    }

    /// The number of members of `x`'s set.
    public mutating func setSize(_ x: Int) -> Int { Int(size[find(x)]) }

    /// Bytes held per element.
    public static let bytesPerElement = 2 * MemoryLayout<Int32>.stride
}
