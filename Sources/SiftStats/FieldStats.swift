import SiftCore

/// How one top-level field is filled across the dataset.
public struct FieldStats: Sendable, Equatable {
    /// Records in which the field is present (any value, null included).
    public var present = 0
    /// Records in which the field is present but empty: null, blank string, `[]` or `{}`.
    public var empty = 0
    /// How many values of each JSON type (`string`, `integer`, `number`, `boolean`, `null`, `array`, `object`).
    public var types: [String: Int] = [:]

    public init() {}

    mutating func add(_ value: JSONValue) {
        add(typeName: value.typeName, isEmpty: value.isEmpty)
    }

    mutating func add(typeName: String, isEmpty: Bool) {
        present += 1
        if isEmpty { empty += 1 }
        types[typeName, default: 0] += 1
    }

    mutating func merge(_ other: FieldStats) {
        present += other.present
        empty += other.empty
        types.merge(other.types, uniquingKeysWith: +)
    }
}
