/// Values per key in the order keys were first seen, for checks that keep something per label,
/// language, date format or field set. A record costs one hash lookup, and none when its key is
/// the previous record's (consecutive records usually share their schema and date format), where
/// the dictionaries it replaces cost two or three.
struct FirstSeenTable<Key: Hashable, Value> {
    private(set) var keys: [Key] = []
    private(set) var values: [Value] = []
    private var positions: [Key: Int] = [:]
    private var last = -1

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    subscript(key: Key) -> Value? {
        positions[key].map { values[$0] }
    }

    /// Updates the value for `key` in place, inserting `initial()` first when the key is new and
    /// fewer than `limit` keys are kept; nil (and nothing stored) when the table is full.
    @discardableResult
    mutating func update<R>(_ key: Key, limit: Int = .max, initial: () -> Value, _ body: (inout Value) -> R) -> R? {
        let position: Int
        if last >= 0, keys[last] == key {
            position = last
        } else if let known = positions[key] {
            position = known
        } else {
            guard keys.count < limit else { return nil }
            position = keys.count
            keys.append(key)
            values.append(initial())
            positions[key] = position
        }
        last = position
        return body(&values[position])
    }

    /// Every key with its value, first seen first.
    var entries: Zip2Sequence<[Key], [Value]> { zip(keys, values) }
}
