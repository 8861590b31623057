import SiftCore

/// How one top-level field is filled across the dataset.
public struct FieldStats: Sendable, Equatable {
    /// Records in which the field is present (any value, null included).
    public var present = 0
    /// Records in which the field is present but empty: null, blank string, `[]` or `{}`.
    public var empty = 0
    /// Per type name, in order of first appearance. A field has one or two types, and finding the
    /// name in a short list costs less than hashing it for every value (issue 20).
    private var typeCounts: [(name: String, count: Int)] = []

    public init() {}

    /// How many values of each JSON type (`string`, `integer`, `number`, `boolean`, `null`, `array`, `object`).
    public var types: [String: Int] {
        Dictionary(uniqueKeysWithValues: typeCounts.map { ($0.name, $0.count) })
    }

    mutating func add(_ value: JSONValue) {
        add(typeName: value.typeName, isEmpty: value.isEmpty)
    }

    mutating func add(typeName: String, isEmpty: Bool) {
        present += 1
        if isEmpty { empty += 1 }
        add(typeName, count: 1)
    }

    mutating func merge(_ other: FieldStats) {
        present += other.present
        empty += other.empty
        for type in other.typeCounts { add(type.name, count: type.count) }
    }

    private mutating func add(_ typeName: String, count: Int) {
        if let i = typeCounts.firstIndex(where: { $0.name == typeName }) {
            typeCounts[i].count += count
        } else {
            typeCounts.append((typeName, count))
        }
    }

    public static func == (a: FieldStats, b: FieldStats) -> Bool {
        a.present == b.present && a.empty == b.empty && a.types == b.types
    }
}
