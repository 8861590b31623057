import SiftCore

/// What to do when an annotator labelled the same item twice (a re-submission, an export that
/// appended a correction, or a real mistake).
public enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// Keep the label that comes last in the input, as a correction would; the duplicates are
    /// counted and listed in the report.
    case last
    /// Stop with an error naming both rows.
    case fail
}

/// An item labelled more than once by one annotator, for the report.
public struct DuplicateLabel: Sendable {
    public var item: String
    public var annotator: String
    /// Every row that labelled the pair, in input order; the last one is the label kept.
    public var locations: [RecordLocation]
}

/// Collects labels one row at a time (interning items, annotators and labels so that a million
/// labels are a few flat arrays), then builds the `AnnotationTable`.
public struct AnnotationTableBuilder {
    private var itemIndex: [String: Int32] = [:]
    private var items: [String] = []
    private var annotatorIndex: [String: Int32] = [:]
    private var annotators: [String] = []
    private var labelIndex: [String: Int32] = [:]
    private var labels: [String] = []
    private let explicitDomain: LabelDomain?

    // One entry per label read, in input order.
    private var itemOf: [Int32] = []
    private var annotatorOf: [Int32] = []
    private var labelOf: [Int32] = []
    private var timeOf: [Double] = []
    private var locations: [(file: Int32, line: Int32)] = []
    private var sawTime = false

    /// `allowedLabels` is `--labels`: labels outside it are errors, and it fixes the order.
    public init(allowedLabels: [String]? = nil) throws {
        explicitDomain = try allowedLabels.map(LabelDomain.explicit)
    }

    public var labelCount: Int { itemOf.count }

    /// Adds one label. `label` must be non-empty (an empty label is a skip, counted by the reader).
    public mutating func add(item: String, annotator: String, label: String, time: Double?, at location: RecordLocation) throws {
        let labelId: Int32
        if let explicitDomain {
            guard let id = explicitDomain.id(of: label) else {
                throw SiftLabelError.row(location, "label \"\(label)\" is not one of --labels (\(explicitDomain.names.joined(separator: ", ")))")
            }
            labelId = Int32(id)
        } else {
            labelId = Self.intern(label, &labelIndex, &labels)
        }
        itemOf.append(Self.intern(item, &itemIndex, &items))
        annotatorOf.append(Self.intern(annotator, &annotatorIndex, &annotators))
        labelOf.append(labelId)
        timeOf.append(time ?? .nan)
        if time != nil { sawTime = true }
        locations.append((location.fileID, Int32(clamping: location.line)))
    }

    /// Makes sure these annotators exist (in this order, before any not yet seen), even if they
    /// labelled nothing: a wide file's columns are its annotators.
    public mutating func declare(annotators names: [String]) {
        for name in names { _ = Self.intern(name, &annotatorIndex, &annotators) }
    }

    private static func intern(_ key: String, _ index: inout [String: Int32], _ list: inout [String]) -> Int32 {
        if let id = index[key] { return id }
        let id = Int32(list.count)
        index[key] = id
        list.append(key)
        return id
    }

    /// The table, with duplicates resolved by `duplicates`.
    public func build(duplicates policy: DuplicatePolicy) throws -> (table: AnnotationTable, duplicates: [DuplicateLabel], duplicateCount: Int) {
        // Counting sort of the labels by item, stable, so input order is kept within an item.
        let itemCount = items.count
        var offsets = [Int](repeating: 0, count: itemCount + 1)
        for item in itemOf { offsets[Int(item) + 1] += 1 }
        for i in 0..<itemCount { offsets[i + 1] += offsets[i] }
        var order = [Int](repeating: 0, count: itemOf.count)
        var next = offsets
        for (row, item) in itemOf.enumerated() {
            order[next[Int(item)]] = row
            next[Int(item)] += 1
        }

        var ratings: [Rating] = []
        ratings.reserveCapacity(itemOf.count)
        var resolvedOffsets = [0]
        resolvedOffsets.reserveCapacity(itemCount + 1)
        var itemTimes: [Double] = []
        var duplicates: [DuplicateLabel] = []
        var duplicateCount = 0
        // Local copies: a closure capturing `self` would copy the whole builder per item.
        let annotatorOf = self.annotatorOf
        let labelOf = self.labelOf
        let timeOf = self.timeOf
        for item in 0..<itemCount {
            // Sort this item's rows by annotator, input order within an annotator (stable).
            let rows = order[offsets[item]..<offsets[item + 1]].sorted {
                annotatorOf[$0] != annotatorOf[$1] ? annotatorOf[$0] < annotatorOf[$1] : $0 < $1
            }
            var earliest = Double.nan
            var k = 0
            while k < rows.count {
                var end = k + 1
                while end < rows.count, annotatorOf[rows[end]] == annotatorOf[rows[k]] { end += 1 }
                if end - k > 1 {
                    duplicateCount += end - k - 1
                    let rowLocations = rows[k..<end].map(location)
                    if policy == .fail {
                        throw SiftLabelError.data("\(rowLocations.last!): item \"\(items[item])\" is labelled twice by annotator \"\(annotators[Int(annotatorOf[rows[k]])])\" (first at \(rowLocations[0])); use --duplicates last to keep the last label")
                    }
                    if duplicates.count < 1000 {
                        duplicates.append(DuplicateLabel(item: items[item], annotator: annotators[Int(annotatorOf[rows[k]])], locations: rowLocations))
                    }
                }
                let kept = rows[end - 1]
                ratings.append(Rating(annotator: annotatorOf[kept], label: labelOf[kept]))
                let t = timeOf[kept]
                if !t.isNaN, earliest.isNaN || t < earliest { earliest = t }
                k = end
            }
            resolvedOffsets.append(ratings.count)
            if sawTime { itemTimes.append(earliest) }
        }
        let domain: LabelDomain
        if let explicitDomain {
            domain = explicitDomain
        } else {
            // The domain is the labels that survived duplicate resolution: a label only ever
            // given in a replaced row is not part of the study.
            var used = [Bool](repeating: false, count: labels.count)
            for rating in ratings { used[Int(rating.label)] = true }
            let usedIds = labels.indices.filter { used[$0] }
            let (inferred, mapping) = LabelDomain.inferred(from: usedIds.map { labels[$0] })
            var remap = [Int32](repeating: -1, count: labels.count)
            for (k, id) in usedIds.enumerated() { remap[id] = mapping[k] }
            for i in ratings.indices { ratings[i].label = remap[Int(ratings[i].label)] }
            domain = inferred
        }
        let table = AnnotationTable(items: items, annotators: annotators, domain: domain, offsets: resolvedOffsets,
                                    ratings: ratings, itemTimes: sawTime ? itemTimes : nil)
        return (table, duplicates, duplicateCount)
    }

    private func location(_ row: Int) -> RecordLocation {
        RecordLocation(fileID: locations[row].file, line: Int(locations[row].line), index: row)
    }
}
