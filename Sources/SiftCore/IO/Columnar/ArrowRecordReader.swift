import SiftColumnar

/// Reads an Arrow IPC file or stream (and so a Hugging Face `datasets` folder's `.arrow` files) as
/// records, one record batch at a time. Types map to JSON as for Parquet (docs/formats.md).
final class ArrowRecordReader: ColumnarRecordReader {
    let path: String
    let format = DatasetFormat.arrow
    private(set) var fileSize = 0
    private let options: ReadOptions
    private var reader: ArrowIPCReader?
    private var pendingFailure: MalformedRecord?
    private var keys: [String] = []
    private var selected: [Int] = []
    private var partitionValues: [JSONValue] = []
    private var rowsBefore = 0
    private(set) var itemsSeen = 0
    private(set) var bytesRead = 0
    let diagnostics: [ReadDiagnostic] = []
    private let fileID: Int32

    init(path: String, options: ReadOptions, partition: PartitionFields) throws {
        self.path = path
        self.options = options
        fileID = RecordLocation.fileID(of: path)
        do {
            let reader = try ArrowIPCReader(path: path, limit: max(options.maxRecordBytes, 1 << 20))
            self.reader = reader
            fileSize = reader.file.size
            var names: [String] = []
            for (i, field) in reader.schema.enumerated() {
                if let wanted = options.fields, !wanted.contains(field.name) { continue }
                guard !names.contains(field.name) else { continue }
                names.append(field.name)
                selected.append(i)
            }
            keys = names
            for (name, value) in partition.fields where !keys.contains(name) {
                keys.append(name)
                partitionValues.append(value)
            }
        } catch {
            fileSize = (try? RandomAccessFile(path: path).size) ?? 0
            let reason = ColumnarError.from(error)
            pendingFailure = MalformedRecord(file: path, firstRow: 0, rows: nil, rowGroup: nil,
                                             error: (reason.isUnsupported ? "unsupported: " : "") + reason.message)
        }
    }

    func nextBatch(firstIndex: Int) throws -> [ReadEvent]? {
        if let failure = pendingFailure {
            pendingFailure = nil
            itemsSeen += 1
            return [.malformed(failure)]
        }
        guard let reader else { return nil }
        let firstRow = rowsBefore + 1
        do {
            guard let (rows, arrays) = try reader.nextBatch() else {
                self.reader = nil
                bytesRead = fileSize
                return nil
            }
            var columns = try selected.map { try ArrowValues.values(arrays[$0], 0..<rows) }
            for value in partitionValues { columns.append(Array(repeating: value, count: rows)) }
            let objects = RecordAssembly.objects(keys: keys, columns: columns, count: rows)
            var events = [ReadEvent]()
            events.reserveCapacity(rows)
            for (i, object) in objects.enumerated() {
                guard case .object(let fields) = object else { continue }
                var location = RecordLocation(fileID: fileID, line: firstRow + i, index: firstIndex + i)
                location.rowGroup = Int32(truncatingIfNeeded: reader.batchIndex)
                events.append(.record(Record(fields: fields, location: location)))
            }
            rowsBefore += rows
            itemsSeen += rows
            return events
        } catch {
            // An unreadable message ends the stream: what follows cannot be found without it.
            let reason = ColumnarError.from(error)
            self.reader = nil
            itemsSeen += 1
            return [.malformed(MalformedRecord(file: path, firstRow: firstRow, rows: nil, rowGroup: max(0, reader.batchIndex + 1),
                                               error: (reason.isUnsupported ? "unsupported: " : "") + "record batch: " + reason.message))]
        }
    }
}

/// Arrow arrays to JSON values, column by column.
enum ArrowValues {
    static func values(_ array: ArrowArray, _ range: Range<Int>) throws -> [JSONValue] {
        if let dictionary = array.dictionary {
            let decoded = try values(dictionary, 0..<dictionary.length)
            let bits = array.field.dictionary?.bits ?? 32
            let signed = array.field.dictionary?.signed ?? true
            return array.buffers[0].withUnsafeBytes { raw in
                range.map { i in
                    if array.isNull(i) { return .null }
                    switch bits {
                    case 8: return decoded[signed ? Int(Int8(bitPattern: raw[i])) : Int(raw[i])]
                    case 16: return decoded[Int(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: Int16.self)))]
                    case 32: return decoded[Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))]
                    default: return decoded[Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)))]
                    }
                }
            }
        }
        switch array.field.type {
        case .null:
            return Array(repeating: .null, count: range.count)
        case .bool:
            return range.map { i in array.isNull(i) ? .null : .bool(array.buffers[0][i >> 3] & (1 << UInt8(i & 7)) != 0) }
        case .int(let bits, let signed):
            return array.buffers[0].withUnsafeBytes { raw in
                range.map { i -> JSONValue in
                    if array.isNull(i) { return .null }
                    switch (bits, signed) {
                    case (8, true): return .integer(Int(Int8(bitPattern: raw[i])))
                    case (8, false): return .integer(Int(raw[i]))
                    case (16, true): return .integer(Int(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: Int16.self))))
                    case (16, false): return .integer(Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))))
                    case (32, true): return .integer(Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))))
                    case (32, false): return .integer(Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))))
                    case (_, true): return .number(String(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))))
                    default: return .number(String(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))))
                    }
                }
            }
        case .float(let bits):
            return array.buffers[0].withUnsafeBytes { raw in
                range.map { i -> JSONValue in
                    if array.isNull(i) { return .null }
                    switch bits {
                    case 16: return ColumnarValueConversion.float16(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[(i * 2)..<(i * 2 + 2)]))
                    case 32:
                        let v = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                        return v.isFinite ? .number(v.description) : .null
                    default:
                        let v = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
                        return v.isFinite ? .number(v.description) : .null
                    }
                }
            }
        case .decimal(_, let scale, let bits):
            let width = bits / 8
            return array.buffers[0].withUnsafeBufferPointer { raw in
                range.map { i -> JSONValue in
                    if array.isNull(i) { return .null }
                    // Little-endian two's complement: reverse into big-endian for the shared formatter.
                    let bigEndian = Array(raw[(i * width)..<((i + 1) * width)].reversed())
                    return .number(bigEndian.withUnsafeBufferPointer { ColumnarValueConversion.decimalText(bigEndianTwosComplement: $0, scale: scale) })
                }
            }
        case .date(let millis):
            return int64s(array, range, width: millis ? 8 : 4) { v in
                .string(ColumnarValueConversion.dateText(days: millis ? floorDiv(v, 86_400_000) : v))
            }
        case .time(let unit, let bits):
            return int64s(array, range, width: bits / 8) { v in
                let (value, parquetUnit) = normalized(v, unit)
                return .string(ColumnarValueConversion.timeText(value, unit: parquetUnit))
            }
        case .timestamp(let unit, let timezone):
            return int64s(array, range, width: 8) { v in
                let (value, parquetUnit) = normalized(v, unit)
                return .string(ColumnarValueConversion.timestampText(value, unit: parquetUnit, utc: timezone != nil))
            }
        case .duration:
            return int64s(array, range, width: 8) { .number(String($0)) }
        case .utf8, .largeUtf8, .binary, .largeBinary:
            var large = false
            var text = false
            switch array.field.type {
            case .largeUtf8: large = true; text = true
            case .largeBinary: large = true
            case .utf8: text = true
            default: break
            }
            let isText = text
            let isLarge = large
            return array.buffers[1].withUnsafeBufferPointer { data in
                range.map { i -> JSONValue in
                    if array.isNull(i) { return .null }
                    let slice = UnsafeBufferPointer(rebasing: data[array.offset(i, large: isLarge)..<array.offset(i + 1, large: isLarge)])
                    if isText { return .string(String(decoding: slice, as: UTF8.self)) }
                    // As for unannotated Parquet bytes: text when valid UTF-8, else base64.
                    if let text = String(validating: slice, as: UTF8.self) { return .string(text) }
                    return .string(Base64.encode(slice))
                }
            }
        case .fixedSizeBinary(let width):
            return array.buffers[0].withUnsafeBufferPointer { data in
                range.map { i -> JSONValue in
                    array.isNull(i) ? .null : .string(Base64.encode(UnsafeBufferPointer(rebasing: data[(i * width)..<((i + 1) * width)])))
                }
            }
        case .list, .largeList:
            let large: Bool
            if case .largeList = array.field.type { large = true } else { large = false }
            guard !range.isEmpty else { return [] }
            let start = array.offset(range.lowerBound, large: large)
            let end = array.offset(range.upperBound, large: large)
            let child = try values(array.children[0], start..<end)
            return range.map { i -> JSONValue in
                if array.isNull(i) { return .null }
                return .array(Array(child[(array.offset(i, large: large) - start)..<(array.offset(i + 1, large: large) - start)]))
            }
        case .fixedSizeList(let size):
            let child = try values(array.children[0], (range.lowerBound * size)..<(range.upperBound * size))
            return range.map { i -> JSONValue in
                if array.isNull(i) { return .null }
                let from = (i - range.lowerBound) * size
                return .array(Array(child[from..<from + size]))
            }
        case .map:
            guard !range.isEmpty else { return [] }
            let entries = array.children[0]
            guard entries.children.count >= 1 else { throw ColumnarError("Arrow map column \(array.field.name) without keys") }
            let start = array.offset(range.lowerBound, large: false)
            let end = array.offset(range.upperBound, large: false)
            let keys = try values(entries.children[0], start..<end)
            let vals = entries.children.count > 1 ? try values(entries.children[1], start..<end) : Array(repeating: .null, count: end - start)
            return range.map { i -> JSONValue in
                if array.isNull(i) { return .null }
                var object = JSONObject()
                for k in (array.offset(i, large: false) - start)..<(array.offset(i + 1, large: false) - start) {
                    if let key = keys[k].scalarText { object[key] = vals[k] }
                }
                return .object(object)
            }
        case .structure:
            var names: [String] = []
            var columns: [[JSONValue]] = []
            for child in array.children where !names.contains(child.field.name) {
                names.append(child.field.name)
                columns.append(try values(child, range))
            }
            let objects = RecordAssembly.objects(keys: names, columns: columns, count: range.count)
            return range.map { i in array.isNull(i) ? .null : objects[i - range.lowerBound] }
        case .unsupported(let what):
            throw ColumnarError("Arrow column \(array.field.name) has type \(what), which Sift does not read", unsupported: true)
        }
    }

    private static func int64s(_ array: ArrowArray, _ range: Range<Int>, width: Int, _ convert: (Int64) -> JSONValue) -> [JSONValue] {
        array.buffers[0].withUnsafeBytes { raw in
            range.map { i -> JSONValue in
                if array.isNull(i) { return .null }
                let v = width == 8 ? Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
                                   : Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))
                return convert(v)
            }
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// Arrow seconds have no Parquet unit: count them as milliseconds.
    private static func normalized(_ v: Int64, _ unit: ArrowType.TimeUnitArrow) -> (Int64, TimeUnit) {
        switch unit {
        case .second: return (v &* 1000, .millis)
        case .milli: return (v, .millis)
        case .micro: return (v, .micros)
        case .nano: return (v, .nanos)
        }
    }
}
