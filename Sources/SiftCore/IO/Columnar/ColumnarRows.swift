import SiftColumnar

/// A batch of rows of a Parquet file as its leaf columns, before any record is built: what
/// `DatasetStream.nextChunk()` hands a consumer that computes over columns (`sift stats`), so that
/// text is measured where the page decoder left it rather than first becoming strings, objects
/// and records (issue 16: building records was half the time of `sift stats` on Parquet).
///
/// The views (`text(ofField:)`, `textStructList(ofField:)`) describe exactly the values records
/// would carry, or are nil where they cannot vouch for that; `values(ofField:)` gives any field as
/// records carry it; `events()` gives the very records (or malformed item) `nextBatch` would have.
public struct ColumnarRows: @unchecked Sendable {
    public let rowCount: Int
    /// Top-level fields in record order (a partitioned dataset's folder fields last).
    public let fieldNames: [String]
    let nodes: [AssemblyNode]
    let partitionValues: [JSONValue]
    /// Indexed by leaf column; nil for leaves not read.
    let leaves: [LeafBatch?]
    let conversions: [ColumnarValueConversion?]
    let caches: [ColumnarValueConversion.DictionaryCache?]
    let threads: Int
    let origin: Origin
    let handOut: HandOut

    /// Where the rows sit in their file, for records' locations and a malformed item.
    struct Origin {
        var file: String
        var fileID: Int32
        var rowGroup: Int
        /// 1-based row number in the file of the first row.
        var firstRow: Int
        var firstIndex: Int
        /// Rows of the row group from the first row on: what a failed assembly loses.
        var restOfGroup: Int
    }

    /// Tells the reader that `events()` could not assemble the rows, so that it drops the rest of
    /// the row group as `nextBatch` does. A consumer handles one batch before asking for the next.
    final class HandOut: @unchecked Sendable {
        let rowCount: Int
        var assemblyFailed = false
        init(rowCount: Int) { self.rowCount = rowCount }
    }

    /// The rows as records, exactly as `nextBatch` reads them; or, when their level streams do not
    /// assemble, one malformed item for the rest of the row group.
    public func events() -> [ReadEvent] {
        do {
            let converted = try convertedLeaves(Set(nodes.flatMap(\.leaves)))
            var columns: [[JSONValue]] = []
            columns.reserveCapacity(fieldNames.count)
            for (name, node) in zip(fieldNames, nodes) {
                do {
                    let values = try RecordAssembly.values(node, converted)
                    guard values.count == rowCount else { throw AssemblyError(message: "field \(name) assembles \(values.count) values for \(rowCount) rows") }
                    columns.append(values)
                } catch let error as AssemblyError {
                    throw ColumnarError("field \(name): \(error.message)")
                }
            }
            for value in partitionValues { columns.append(Array(repeating: value, count: rowCount)) }
            let objects = RecordAssembly.objects(keys: fieldNames, columns: columns, count: rowCount)
            var events = [ReadEvent]()
            events.reserveCapacity(rowCount)
            for (i, object) in objects.enumerated() {
                guard case .object(let fields) = object else { continue }
                var location = RecordLocation(fileID: origin.fileID, line: origin.firstRow + i, index: origin.firstIndex + i)
                location.rowGroup = Int32(truncatingIfNeeded: origin.rowGroup)
                events.append(.record(Record(fields: fields, location: location)))
            }
            return events
        } catch {
            handOut.assemblyFailed = true
            return [.malformed(Self.lost(file: origin.file, firstRow: origin.firstRow, rows: origin.restOfGroup,
                                         rowGroup: origin.rowGroup, error))]
        }
    }

    /// Field `i`'s values as records carry them (`.null` where absent).
    public func values(ofField i: Int) throws -> [JSONValue] {
        guard i < nodes.count else { return Array(repeating: partitionValues[i - nodes.count], count: rowCount) }
        let node = nodes[i]
        let converted = try convertedLeaves(Set(node.leaves))
        do throws(AssemblyError) {
            let values = try RecordAssembly.values(node, converted)
            guard values.count == rowCount else { throw AssemblyError(message: "assembles \(values.count) values for \(rowCount) rows") }
            return values
        } catch {
            throw ColumnarError("field \(fieldNames[i]): \(error.message)")
        }
    }

    /// Field `i` when it is a top-level text column (a string or enum leaf), one slot per row.
    public func text(ofField i: Int) -> ColumnarText? {
        guard i < nodes.count, case .leaf(let column) = nodes[i].shape, !nodes[i].isRepeated,
              let batch = leaves[column], batch.repetitionLevels.isEmpty, Self.isText(conversions[column]) else { return nil }
        let defined = UInt8(nodes[i].definitionLevel)
        var slots = [Int32]()
        slots.reserveCapacity(rowCount)
        if batch.definitionLevels.isEmpty {
            guard batch.valueCount == rowCount else { return nil }
            slots.append(contentsOf: (0..<Int32(rowCount)))
        } else {
            var next: Int32 = 0
            for d in batch.definitionLevels {
                if d >= defined {
                    slots.append(next)
                    next += 1
                } else {
                    slots.append(-1)
                }
            }
            guard slots.count == rowCount, Int(next) == batch.valueCount else { return nil }
        }
        return ColumnarText(slots: slots, runs: batch.runs)
    }

    /// Field `i` when it is a list of structs whose children are all plain leaves (a chat's
    /// `messages` of `role` and `content`), with its text children's values per element. Nil for
    /// any other shape, and when the children's level streams do not agree exactly (then only
    /// record assembly can say what the rows hold).
    public func textStructList(ofField i: Int) -> ColumnarStructList? {
        guard i < nodes.count else { return nil }
        let field = nodes[i]
        let list: AssemblyNode
        if field.isRepeated {
            list = field
        } else if case .unwrap(let inner) = field.shape, inner.isRepeated {
            list = inner
        } else {
            return nil
        }
        guard list.repetitionLevel == 1 else { return nil }
        let element: AssemblyNode
        switch list.shape {
        case .object: element = list
        case .unwrap(let inner):
            guard !inner.isRepeated, case .object = inner.shape else { return nil }
            element = inner
        default: return nil
        }
        guard case .object(let children) = element.shape, !children.isEmpty else { return nil }
        var columns: [(name: String, column: Int, node: AssemblyNode)] = []
        for (name, child) in children {
            guard case .leaf(let column) = child.shape, !child.isRepeated, child.repetitionLevel == 1,
                  let batch = leaves[column], batch.repetitionLevels.count == batch.entryCount else { return nil }
            columns.append((name, column, child))
        }
        // The structure from the first child; every child must repeat it level for level.
        let first = leaves[columns[0].column]!
        let entries = first.entryCount
        let elementLevel = UInt8(element.definitionLevel)
        let listLevel = UInt8(list.definitionLevel)
        let fieldLevel = UInt8(field.definitionLevel)
        for (_, column, _) in columns.dropFirst() {
            let other = leaves[column]!
            guard other.entryCount == entries, other.repetitionLevels == first.repetitionLevels else { return nil }
            let agree = first.definitionLevels.withUnsafeBufferPointer { a in
                other.definitionLevels.withUnsafeBufferPointer { b in
                    guard a.count == b.count else { return false }
                    for k in 0..<a.count where min(a[k], elementLevel) != min(b[k], elementLevel) { return false }
                    return true
                }
            }
            guard agree else { return nil }
        }
        var rows = [Int32]()
        rows.reserveCapacity(rowCount)
        var elements = [Bool]()
        elements.reserveCapacity(entries)
        let hasDef = !first.definitionLevels.isEmpty
        for k in 0..<entries {
            let d = hasDef ? first.definitionLevels[k] : elementLevel
            if first.repetitionLevels[k] == 0 {
                if !field.isRepeated, d < fieldLevel {
                    rows.append(-1)
                    continue
                }
                rows.append(0)
            } else {
                guard !rows.isEmpty, rows[rows.count - 1] >= 0 else { return nil }
            }
            guard d >= listLevel else {
                // An empty list: only a row's first entry may say so.
                guard first.repetitionLevels[k] == 0 else { return nil }
                continue
            }
            rows[rows.count - 1] += 1
            elements.append(d >= elementLevel)
        }
        guard rows.count == rowCount else { return nil }
        var texts: [String: ColumnarText] = [:]
        for (name, column, node) in columns where Self.isText(conversions[column]) {
            let batch = leaves[column]!
            let defined = UInt8(node.definitionLevel)
            var slots = [Int32]()
            slots.reserveCapacity(elements.count)
            var next: Int32 = 0
            for k in 0..<entries {
                let d = batch.definitionLevels.isEmpty ? defined : batch.definitionLevels[k]
                guard d >= listLevel else { continue }
                if d >= defined {
                    slots.append(next)
                    next += 1
                } else {
                    slots.append(-1)
                }
            }
            guard slots.count == elements.count, Int(next) == batch.valueCount else { return nil }
            texts[name] = ColumnarText(slots: slots, runs: batch.runs)
        }
        var firstElement = [Int32]()
        firstElement.reserveCapacity(rowCount)
        var next: Int32 = 0
        for count in rows {
            firstElement.append(next)
            next += max(count, 0)
        }
        return ColumnarStructList(rows: rows, firstElement: firstElement, elementIsDefined: elements, childNames: columns.map(\.name), texts: texts)
    }

    private static func isText(_ conversion: ColumnarValueConversion?) -> Bool {
        if case .string? = conversion?.kind { return true }
        return false
    }

    /// The given leaves converted to JSON values (on several cores when there are several).
    private func convertedLeaves(_ wanted: Set<Int>) throws -> [LeafColumnBatch] {
        let columns = wanted.sorted()
        let jobs = columns.map { ConversionJob(batch: leaves[$0]!, conversion: conversions[$0]!, cache: caches[$0]!) }
        let converted = parallelMap(count: jobs.count, threads: min(threads, jobs.count), minimumPerSlice: 1) { k in
            let job = jobs[k]
            return LeafColumnBatch(definition: job.batch.definitionLevels, repetition: job.batch.repetitionLevels,
                                   values: job.conversion.convert(job.batch.values, cache: job.cache), entryCount: job.batch.entryCount)
        }
        var out = [LeafColumnBatch](repeating: LeafColumnBatch(definition: [], repetition: [], values: [], entryCount: 0), count: leaves.count)
        for (k, column) in columns.enumerated() { out[column] = converted[k] }
        return out
    }

    /// The malformed item for rows of a row group that cannot be read.
    static func lost(file: String, firstRow: Int, rows: Int, rowGroup: Int, _ error: Error) -> MalformedRecord {
        let reason = ColumnarError.from(error)
        return MalformedRecord(file: file, firstRow: firstRow, rows: rows, rowGroup: rowGroup,
                               error: (reason.isUnsupported ? "unsupported: " : "") + reason.message)
    }
}

/// One leaf's values and conversion state, handed to exactly one worker.
private struct ConversionJob: @unchecked Sendable {
    let batch: LeafBatch
    let conversion: ColumnarValueConversion
    let cache: ColumnarValueConversion.DictionaryCache
}

/// Text values of a column by slot (a row, or a list element), as the page decoder left them.
public struct ColumnarText: @unchecked Sendable {
    /// Per slot, the index of its value, or -1 where the value is null.
    public let slots: [Int32]
    let runs: [ValueRun]

    /// The text measures of the values in `slots`, as `TextMeasure(String)` gives them for the
    /// strings records would hold (malformed UTF-8 replaced, as `String(decoding:)` does); nil
    /// where the value is null. One pass over the values, without building them.
    public func measures(_ range: Range<Int>) -> [TextMeasure?] {
        forEachValue(range) { bytes in
            TextMeasure(validatingUTF8: bytes) ?? TextMeasure(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The strings records would hold for the values in `slots` (nil where null).
    public func strings(_ range: Range<Int>) -> [String?] {
        forEachValue(range) { String(decoding: $0, as: UTF8.self) }
    }

    private func forEachValue<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> [R?] {
        var out = [R?]()
        out.reserveCapacity(range.count)
        var slot = range.lowerBound
        var runStart = 0
        // Slots' value indices only grow: each run serves the slots up to its last value.
        for run in runs {
            let runEnd = runStart + run.range.count
            let arrays: ByteArrays
            var indices: [Int32]?
            switch run.values {
            case .bytes(let plain): arrays = plain
            case .dictionary(let dictionaryIndices, let dictionary):
                guard case .bytes(let plain) = dictionary.values else { return Array(repeating: nil, count: range.count) }
                (arrays, indices) = (plain, dictionaryIndices)
            default:
                return Array(repeating: nil, count: range.count)
            }
            let shift = run.range.lowerBound - runStart
            let gap = arrays.gap
            arrays.data.withUnsafeBufferPointer { data in
                arrays.offsets.withUnsafeBufferPointer { offsets in
                    while slot < range.upperBound, Int(slots[slot]) < runEnd {
                        var index = Int(slots[slot])
                        slot += 1
                        guard index >= 0 else {
                            out.append(nil)
                            continue
                        }
                        index += shift
                        if let indices { index = Int(indices[index]) }
                        out.append(body(UnsafeBufferPointer(rebasing: data[offsets[index]..<offsets[index + 1] - gap])))
                    }
                }
            }
            runStart = runEnd
        }
        // Null slots after the last value.
        while out.count < range.count { out.append(nil) }
        return out
    }
}

/// A top-level list of structs: per row its element count (-1 where the list is null), per
/// element whether the struct is there (a null element is not), and its text children by name.
public struct ColumnarStructList: Sendable {
    public let rows: [Int32]
    /// Per row, the index of its first element.
    public let firstElement: [Int32]
    public let elementIsDefined: [Bool]
    /// Every child of the struct, in order (text or not).
    public let childNames: [String]
    /// The text children: one slot per element.
    public let texts: [String: ColumnarText]
}
