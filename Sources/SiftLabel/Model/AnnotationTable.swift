import SiftCore

/// One annotator's label on one item, as ids into the table's annotators and label domain.
public struct Rating: Sendable, Hashable {
    public var annotator: Int32
    public var label: Int32

    public init(annotator: Int32, label: Int32) {
        self.annotator = annotator
        self.label = label
    }
}

/// Who labelled what: the study every agreement metric reads. Items keep the order in which they
/// first appeared, annotators too; each item's ratings are sorted by annotator, one per annotator
/// (duplicates were resolved when the table was built). Only items with at least one label exist.
public struct AnnotationTable: Sendable {
    public let items: [String]
    public let annotators: [String]
    public let domain: LabelDomain
    /// Ratings of item `i` are `ratings[offsets[i]..<offsets[i + 1]]`.
    public let offsets: [Int]
    public let ratings: [Rating]
    /// Per item, the earliest time one of its labels was given (seconds since 1970), when the
    /// labels carry a time field.
    public let itemTimes: [Double]?

    public init(items: [String], annotators: [String], domain: LabelDomain, offsets: [Int], ratings: [Rating], itemTimes: [Double]? = nil) {
        precondition(offsets.count == items.count + 1 && offsets.last == ratings.count)
        self.items = items
        self.annotators = annotators
        self.domain = domain
        self.offsets = offsets
        self.ratings = ratings
        self.itemTimes = itemTimes
    }

    public var itemCount: Int { items.count }

    public func ratings(of item: Int) -> ArraySlice<Rating> { ratings[offsets[item]..<offsets[item + 1]] }

    /// Builds a table from a dense matrix (items x annotators, nil = not labelled), with the
    /// labels' order inferred as for read data. Tests and the parity fixtures use it.
    public static func matrix(_ rows: [[String?]], annotators: [String], labels explicit: [String]? = nil) throws -> AnnotationTable {
        var builder = try AnnotationTableBuilder(allowedLabels: explicit)
        // Every annotator exists, in the given order, even one who labelled nothing.
        builder.declare(annotators: annotators)
        for (i, row) in rows.enumerated() {
            for (a, label) in row.enumerated() {
                guard let label else { continue }
                try builder.add(item: "\(i)", annotator: annotators[a], label: label, time: nil,
                                at: RecordLocation(file: "matrix", line: i + 1, index: i))
            }
        }
        return try builder.build(duplicates: .fail).table
    }

    /// The sub-study of some items (for time windows), keeping annotators and labels.
    func subset(_ selected: [Int]) -> AnnotationTable {
        var offsets = [0]
        var ratings: [Rating] = []
        for i in selected {
            ratings.append(contentsOf: self.ratings(of: i))
            offsets.append(ratings.count)
        }
        return AnnotationTable(items: selected.map { items[$0] }, annotators: annotators, domain: domain,
                               offsets: offsets, ratings: ratings, itemTimes: itemTimes.map { t in selected.map { t[$0] } })
    }
}
