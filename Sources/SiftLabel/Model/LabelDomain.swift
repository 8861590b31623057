import SiftCore

/// The labels of a study and their order.
///
/// Order matters to weighted kappa (weights are distances between positions) and to ordinal alpha.
/// It follows what the reference tools do with the same data, so that numbers match:
/// - with `--labels`, the order given (scikit-learn's `labels=`, krippendorff's `value_domain=`);
/// - else, when every label is a number, numeric order (what NumPy's `unique` gives on a numeric
///   column); labels with the same numeric value (`1`, `1.0`) are one label, shown as first written;
/// - else Unicode code-point order of the text (Python's `sorted`, NumPy's `unique` on strings).
public struct LabelDomain: Sendable, Equatable {
    /// Label names; a label's id is its position, which is also its rank.
    public let names: [String]
    /// Numeric values when every label is a number (interval and ratio alpha need them).
    public let values: [Double]?
    /// True when the order came from `--labels`.
    public let isExplicit: Bool

    public var count: Int { names.count }

    /// True when positions carry meaning beyond sorting text: an explicit order or numbers.
    public var isOrdered: Bool { isExplicit || values != nil }

    public init(names: [String], values: [Double]?, isExplicit: Bool) {
        self.names = names
        self.values = values
        self.isExplicit = isExplicit
    }

    /// The domain of labels seen in the data (in any order), and where each seen label went.
    /// Returns the domain and `mapping[seenIndex] = domain id`.
    static func inferred(from seen: [String]) -> (LabelDomain, [Int32]) {
        let numbers = seen.map(LabelDomain.number)
        if !seen.isEmpty, numbers.allSatisfy({ $0 != nil }) {
            let order = seen.indices.sorted { numbers[$0]! != numbers[$1]! ? numbers[$0]! < numbers[$1]! : $0 < $1 }
            var names: [String] = []
            var values: [Double] = []
            var mapping = [Int32](repeating: 0, count: seen.count)
            for i in order {
                let v = numbers[i]!
                if values.last != v {
                    // Among spellings of one value the earliest seen names it (`order` is stable).
                    names.append(seen[i])
                    values.append(v)
                }
                mapping[i] = Int32(values.count - 1)
            }
            return (LabelDomain(names: names, values: values, isExplicit: false), mapping)
        }
        let order = seen.indices.sorted { codePointLess(seen[$0], seen[$1]) }
        var mapping = [Int32](repeating: 0, count: seen.count)
        for (rank, i) in order.enumerated() { mapping[i] = Int32(rank) }
        return (LabelDomain(names: order.map { seen[$0] }, values: nil, isExplicit: false), mapping)
    }

    /// The domain given by `--labels`, in that order. Duplicates are a usage error.
    static func explicit(_ labels: [String]) throws -> LabelDomain {
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw SiftLabelError.usage("--labels lists \"\(label)\" twice")
        }
        let numbers = labels.map(LabelDomain.number)
        let values = numbers.allSatisfy { $0 != nil } ? numbers.map { $0! } : nil
        if let values, Set(values).count != values.count {
            throw SiftLabelError.usage("--labels lists the same number twice (\(labels.joined(separator: ", ")))")
        }
        return LabelDomain(names: labels, values: values, isExplicit: true)
    }

    /// The id of a label under an explicit domain: the exact text, else (for numeric domains) the
    /// same number written differently.
    func id(of label: String) -> Int? {
        if let i = names.firstIndex(of: label) { return i }
        if let values, let v = LabelDomain.number(label) { return values.firstIndex(of: v) }
        return nil
    }

    /// A finite decimal number as people write it in a label column: optional sign, digits, an
    /// optional fraction and exponent. Not `nan`, `inf` or hex, which Swift's `Double(_:)` accepts.
    public static func number(_ text: String) -> Double? {
        var sawDigit = false
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        if i < utf8.endIndex, utf8[i] == UInt8(ascii: "-") || utf8[i] == UInt8(ascii: "+") { i = utf8.index(after: i) }
        while i < utf8.endIndex, utf8[i] >= 0x30, utf8[i] <= 0x39 { sawDigit = true; i = utf8.index(after: i) }
        if i < utf8.endIndex, utf8[i] == UInt8(ascii: ".") {
            i = utf8.index(after: i)
            while i < utf8.endIndex, utf8[i] >= 0x30, utf8[i] <= 0x39 { sawDigit = true; i = utf8.index(after: i) }
        }
        guard sawDigit else { return nil }
        if i < utf8.endIndex, utf8[i] == UInt8(ascii: "e") || utf8[i] == UInt8(ascii: "E") {
            i = utf8.index(after: i)
            if i < utf8.endIndex, utf8[i] == UInt8(ascii: "-") || utf8[i] == UInt8(ascii: "+") { i = utf8.index(after: i) }
            var expDigit = false
            while i < utf8.endIndex, utf8[i] >= 0x30, utf8[i] <= 0x39 { expDigit = true; i = utf8.index(after: i) }
            guard expDigit else { return nil }
        }
        guard i == utf8.endIndex, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Python's string order: by Unicode code points (Swift's `<` on `String` is not).
    static func codePointLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}
