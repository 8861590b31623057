import SiftColumnar

/// Reads a Parquet file as records, one row group at a time and, within it, a batch of rows at a
/// time: each projected leaf column streams page by page (`ColumnChunkReader`), so memory is a
/// batch of rows plus one page per column, whatever the size of the file or its row groups.
///
/// Only the leaves under the fields a command asked for (`ReadOptions.fields`) are read. Anything
/// unreadable becomes a malformed item instead of records: the whole file when its footer is bad,
/// else the rest of the row group from the first row that could not be assembled. With
/// `ReadOptions.rowGroups` only those row groups are read (one shard of a sharded run); rows and
/// row groups keep their numbers in the whole file.
final class ParquetRecordReader: ColumnarRecordReader {
    let path: String
    let format = DatasetFormat.parquet
    private(set) var fileSize = 0
    private let options: ReadOptions
    private var file: ParquetFile?
    private var pendingFailure: MalformedRecord?
    private var fields: [(String, AssemblyNode)] = []
    private var keys: [String] = []
    private var partitionValues: [JSONValue] = []
    private var leaves: [Int] = []
    private var conversions: [ColumnarValueConversion?] = []
    private var caches: [ColumnarValueConversion.DictionaryCache?] = []
    private var rowGroup = 0
    /// The row group after the last one read.
    private var endGroup = 0
    private var rowInGroup = 0
    private var rowsBefore = 0
    private var readers: [Int: ColumnChunkReader] = [:]
    private(set) var itemsSeen = 0
    private(set) var bytesRead = 0
    private(set) var diagnostics: [ReadDiagnostic] = []
    private let fileID: Int32
    private var nextIndex = 0

    init(path: String, options: ReadOptions, partition: PartitionFields) throws {
        self.path = path
        self.options = options
        fileID = RecordLocation.fileID(of: path)
        let limits = ParquetLimits(maxPageBytes: max(options.maxRecordBytes, 1 << 20))
        do {
            let file = try ParquetFile(path: path, limits: limits)
            self.file = file
            fileSize = file.file.size
            try plan(file, partition: partition)
            endGroup = file.rowGroupCount
        } catch {
            fileSize = (try? RandomAccessFile(path: path).size) ?? 0
            let reason = ColumnarError.from(error)
            pendingFailure = MalformedRecord(file: path, firstRow: 0, rows: nil, rowGroup: nil,
                                             error: (reason.isUnsupported ? "unsupported: " : "") + reason.message)
            file = nil
        }
        if let range = options.rowGroups, let file {
            guard range.first >= 0, range.first <= range.end, range.end <= file.rowGroupCount else {
                throw SiftError("\(path): row groups \(range.first)..<\(range.end) asked for, the file has \(file.rowGroupCount); "
                                + "it changed since the run was planned", status: .dataError)
            }
            rowGroup = range.first
            endGroup = range.end
            rowsBefore = (0..<range.first).reduce(0) { $0 + file.rowCount(ofRowGroup: $1) }
        }
    }

    private func plan(_ file: ParquetFile, partition: PartitionFields) throws {
        let root = file.schema.root
        var planned: [(String, AssemblyNode)] = []
        for child in root.children {
            if let wanted = options.fields, !wanted.contains(child.name) { continue }
            if let node = AssemblyNode.plan(child, parent: root) { planned.append((child.name, node)) }
        }
        fields = AssemblyNode.uniqueNames(planned)
        keys = fields.map(\.0)
        for (name, value) in partition.fields where !keys.contains(name) {
            keys.append(name)
            partitionValues.append(value)
        }
        leaves = fields.flatMap(\.1.leaves)
        // With nothing projected, one column still counts the rows (and checks them).
        if leaves.isEmpty, !file.schema.columns.isEmpty { leaves = [0] }
        conversions = Array(repeating: nil, count: file.schema.columns.count)
        caches = Array(repeating: nil, count: file.schema.columns.count)
        for leaf in leaves {
            conversions[leaf] = ColumnarValueConversion(parquet: file.schema.columns[leaf])
            caches[leaf] = ColumnarValueConversion.DictionaryCache()
        }
    }

    func nextBatch(firstIndex: Int) throws -> [ReadEvent]? {
        nextIndex = firstIndex
        if let failure = pendingFailure {
            pendingFailure = nil
            itemsSeen += 1
            return [.malformed(failure)]
        }
        guard let file, let groupRows = nextRowGroupRows(file) else { return nil }
        return readRows(file, groupRows: groupRows)
    }

    /// The rows of the row group the next batch comes from, past finished groups; nil at the end
    /// of the file (or of the row groups asked for).
    private func nextRowGroupRows(_ file: ParquetFile) -> Int? {
        applyHandOut()
        while rowGroup < endGroup {
            let groupRows = file.rowCount(ofRowGroup: rowGroup)
            if rowInGroup < groupRows { return groupRows }
            finishRowGroup(file, rows: groupRows)
        }
        file.suspend()
        bytesRead = fileSize
        return nil
    }

    private func finishRowGroup(_ file: ParquetFile, rows: Int) {
        readers.removeAll()
        rowsBefore += rows
        rowGroup += 1
        rowInGroup = 0
        bytesRead = Int(file.metadata.rowGroups[..<rowGroup].reduce(Int64(0)) { $0 + ($1.totalCompressedSize ?? $1.totalByteSize) })
        bytesRead = min(bytesRead, fileSize)
    }

    /// Rows per batch: about `chunkBytes` of the projected columns' uncompressed data.
    private func batchRows(_ file: ParquetFile, groupRows: Int) -> Int {
        let perRow = max(1, file.uncompressedBytesPerRow(rowGroup: rowGroup, columns: leaves))
        let rows = min(max(options.chunkBytes / perRow, 64), 1 << 16)
        return min(rows, groupRows - rowInGroup)
    }

    private func readRows(_ file: ParquetFile, groupRows: Int) -> [ReadEvent] {
        if file.schema.columns.isEmpty { return readRowsWithoutColumns(groupRows: groupRows) }
        switch readColumns(file, groupRows: groupRows) {
        case .success(let rows): return rows.events()
        case .failure(let lost): return [.malformed(lost)]
        }
    }

    /// The next batch as columns (`ReadChunk.columns`), for a consumer that computes over them.
    func nextColumns(firstIndex: Int) throws -> ReadChunk? {
        guard let file, pendingFailure == nil, !file.schema.columns.isEmpty else {
            return try nextBatch(firstIndex: firstIndex).map(ReadChunk.events)
        }
        nextIndex = firstIndex
        guard let groupRows = nextRowGroupRows(file) else { return nil }
        switch readColumns(file, groupRows: groupRows) {
        case .success(let rows): return .columns(rows)
        case .failure(let lost): return .events([.malformed(lost)])
        }
    }

    /// What the consumer of the last columns found: when their records could not be assembled,
    /// the rest of the row group is lost as one item, as `readRows` would have decided.
    private func applyHandOut() {
        guard let handOut, handOut.assemblyFailed else { return }
        self.handOut = nil
        itemsSeen -= handOut.rowCount - 1
        rowInGroup = Int.max
    }

    private var handOut: ColumnarRows.HandOut?

    /// Records without fields (`{}` written as Parquet). No column backs the count, so a count past
    /// a fixed bound is refused rather than allocated because it is claimed.
    private func readRowsWithoutColumns(groupRows: Int) -> [ReadEvent] {
        let firstRow = rowsBefore + rowInGroup + 1
        guard groupRows <= 1 << 20 else {
            return [.malformed(lose(from: firstRow, groupRows: groupRows, ColumnarError("the schema has no columns and claims \(groupRows) rows")))]
        }
        rowInGroup = groupRows
        itemsSeen += groupRows
        return (0..<groupRows).map { i in
            .record(Record(fields: JSONObject(uncheckedUniqueKeys: keys, values: partitionValues), location: location(row: firstRow + i)))
        }
    }

    /// Reads the next batch of rows of every needed leaf, before any record is built; a column
    /// that cannot be read loses the rest of the row group.
    private func readColumns(_ file: ParquetFile, groupRows: Int) -> Result<ColumnarRows, MalformedRecord> {
        let count = batchRows(file, groupRows: groupRows)
        let firstRow = rowsBefore + rowInGroup + 1
        do {
            let leafBatches = try readLeaves(file, count: count)
            let handOut = ColumnarRows.HandOut(rowCount: count)
            self.handOut = handOut
            let rows = ColumnarRows(
                rowCount: count, fieldNames: keys, nodes: fields.map(\.1), partitionValues: partitionValues,
                leaves: leafBatches, conversions: conversions, caches: caches, threads: options.threads,
                origin: .init(file: path, fileID: fileID, rowGroup: rowGroup, firstRow: firstRow, firstIndex: nextIndex,
                              restOfGroup: groupRows - rowInGroup),
                handOut: handOut)
            nextIndex += count
            rowInGroup += count
            itemsSeen += count
            return .success(rows)
        } catch {
            return .failure(lose(from: firstRow, groupRows: groupRows, error))
        }
    }

    /// The rest of the row group as one malformed item, then the next group.
    private func lose(from firstRow: Int, groupRows: Int, _ error: Error) -> MalformedRecord {
        let lost = groupRows - rowInGroup
        rowInGroup = groupRows
        itemsSeen += 1
        return ColumnarRows.lost(file: path, firstRow: firstRow, rows: lost, rowGroup: rowGroup, error)
    }

    private func location(row: Int) -> RecordLocation {
        var location = RecordLocation(fileID: fileID, line: row, index: nextIndex)
        nextIndex += 1
        location.rowGroup = Int32(truncatingIfNeeded: rowGroup)
        return location
    }

    /// Reads `count` rows of every needed leaf (on several cores when there are several leaves),
    /// indexed by leaf column; errors name the column and page.
    private func readLeaves(_ file: ParquetFile, count: Int) throws -> [LeafBatch?] {
        for leaf in leaves where readers[leaf] == nil {
            do {
                readers[leaf] = try file.columnReader(rowGroup: rowGroup, column: leaf)
            } catch {
                throw ColumnarError.from(error).located("column \(file.schema.columns[leaf].dottedPath)")
            }
        }
        let jobs = leaves.map { LeafJob(reader: readers[$0]!) }
        let results = parallelMap(count: jobs.count, threads: min(options.threads, jobs.count), minimumPerSlice: 1) { i -> Result<LeafBatch, ColumnarError> in
            let reader = jobs[i].reader
            do {
                let batch = try reader.readRows(count)
                guard batch.rowCount == count else {
                    throw ColumnarError("column chunk ends after \(batch.rowCount) of the \(count) rows asked for (the row group promises more)")
                }
                return .success(batch)
            } catch {
                return .failure(ColumnarError.from(error).located("column \(reader.descriptor.dottedPath), \(reader.pageDescription)"))
            }
        }
        var out = [LeafBatch?](repeating: nil, count: file.schema.columns.count)
        for (k, leaf) in leaves.enumerated() { out[leaf] = try results[k].get() }
        return out
    }
}

/// One leaf's reader, handed to exactly one worker per batch.
private struct LeafJob: @unchecked Sendable {
    let reader: ColumnChunkReader
}
