/// One column of an Arrow record batch: its buffers checked against its length, and its children.
public final class ArrowArray: @unchecked Sendable {
    public let field: ArrowField
    public let length: Int
    /// Validity bitmap (bit i set: value i present); nil when every value is present.
    public let validity: [UInt8]?
    /// The type's buffers after validity: values; or offsets then data.
    public let buffers: [[UInt8]]
    public let children: [ArrowArray]
    /// The dictionary of a dictionary-encoded column (its values are the indices).
    public let dictionary: ArrowArray?

    init(field: ArrowField, length: Int, validity: [UInt8]?, buffers: [[UInt8]], children: [ArrowArray], dictionary: ArrowArray?) {
        self.field = field
        self.length = length
        self.validity = validity
        self.buffers = buffers
        self.children = children
        self.dictionary = dictionary
    }

    @inline(__always)
    public func isNull(_ i: Int) -> Bool {
        guard let validity else { return false }
        return validity[i >> 3] & (1 << UInt8(i & 7)) == 0
    }

    /// Offset i of a list or binary column (32- or 64-bit offsets).
    public func offset(_ i: Int, large: Bool) -> Int {
        buffers[0].withUnsafeBytes { raw in
            large ? Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)))
                  : Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))
        }
    }
}

/// Reads Arrow IPC files and streams message by message (Arrow columnar format, "Serialization
/// and Interprocess Communication"): a stream is [0xFFFFFFFF, metadata length, `Message`
/// flatbuffer, body]*, ended by a zero length; a file is `ARROW1`, the same stream, a footer and
/// `ARROW1` again. Each record batch is read when asked for, so memory is one batch.
public final class ArrowIPCReader {
    public let file: RandomAccessFile
    public private(set) var schema: [ArrowField] = []
    public let isFileFormat: Bool
    private var position: Int
    private let streamEnd: Int
    private var dictionaries: [Int64: ArrowArray] = [:]
    private let limit: Int
    public private(set) var batchIndex = -1

    public init(path: String, limit: Int = 256 << 20) throws {
        file = try RandomAccessFile(path: path)
        self.limit = limit
        let head = try file.read(at: 0, count: min(8, file.size))
        if head.starts(with: Array("ARROW1".utf8)) {
            isFileFormat = true
            guard file.size >= 18 else { throw ColumnarError("Arrow file of \(file.size) bytes is truncated") }
            let tail = try file.read(at: file.size - 10, count: 10)
            guard Array(tail[4...]) == Array("ARROW1".utf8) else { throw ColumnarError("Arrow file does not end with ARROW1 (truncated?)") }
            let footerLength = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
            guard footerLength <= file.size - 18 else { throw ColumnarError("Arrow footer length \(footerLength) points past the start of the file") }
            position = 8
            streamEnd = file.size - 10 - footerLength
        } else {
            isFileFormat = false
            position = 0
            streamEnd = file.size
        }
        guard case .schema(let fields)? = try nextMessage() else { throw ColumnarError("Arrow stream does not start with a schema") }
        schema = fields
    }

    private enum Message {
        case schema([ArrowField])
        case batch(length: Int, arrays: [ArrowArray])
        case dictionary
    }

    /// The next record batch's columns and row count; nil at the end of the stream.
    public func nextBatch() throws -> (rows: Int, columns: [ArrowArray])? {
        while let message = try nextMessage() {
            switch message {
            case .batch(let length, let arrays):
                batchIndex += 1
                return (length, arrays)
            case .dictionary: continue
            case .schema: throw ColumnarError("a second schema in the middle of the Arrow stream")
            }
        }
        file.close()
        return nil
    }

    private func nextMessage() throws -> Message? {
        guard position + 4 <= streamEnd else { return nil }
        var word = try file.read(at: position, count: 4)
        position += 4
        var length = Int(Int32(littleEndian: word.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        if length == -1 {
            guard position + 4 <= streamEnd else { throw ColumnarError("Arrow stream ends after a continuation marker") }
            word = try file.read(at: position, count: 4)
            position += 4
            length = Int(Int32(littleEndian: word.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        }
        if length == 0 { return nil }
        guard length > 0, length <= streamEnd - position, length <= limit else {
            throw ColumnarError("Arrow message metadata of \(length) bytes runs past the stream (\(streamEnd - position) bytes left)")
        }
        let metadata = FlatBuffer(bytes: try file.read(at: position, count: length))
        position += length
        let message = try metadata.root()
        let headerType = try message.u8(1)
        let bodyLength = Int(try message.i64(3))
        guard bodyLength >= 0, bodyLength <= streamEnd - position, bodyLength <= limit else {
            throw ColumnarError("Arrow message body of \(bodyLength) bytes runs past the stream (\(streamEnd - position) bytes left)")
        }
        let bodyStart = position
        position += bodyLength
        guard let header = try message.table(2) else { throw ColumnarError("Arrow message without a header") }
        switch headerType {
        case 1:
            let fields = try header.tables(1).map { try ArrowField.decode($0) }
            return .schema(fields)
        case 3:
            let body = try file.read(at: bodyStart, count: bodyLength)
            let (length, arrays) = try readRecordBatch(header, body: body, fields: schema)
            return .batch(length: length, arrays: arrays)
        case 2:
            let id = try header.i64(0)
            guard let data = try header.table(1) else { throw ColumnarError("Arrow dictionary batch without data") }
            guard try !header.bool(2) else { throw ColumnarError("Arrow delta dictionaries are not supported", unsupported: true) }
            guard let field = findDictionaryField(id, in: schema) else { throw ColumnarError("Arrow dictionary \(id) matches no field") }
            let valueField = ArrowField(name: field.name, nullable: true, type: field.type, children: field.children, dictionary: nil)
            let body = try file.read(at: bodyStart, count: bodyLength)
            let (_, arrays) = try readRecordBatch(data, body: body, fields: [valueField])
            dictionaries[id] = arrays.first
            return .dictionary
        default:
            throw ColumnarError("Arrow message of type \(headerType) (tensor?) is not supported", unsupported: true)
        }
    }

    private func findDictionaryField(_ id: Int64, in fields: [ArrowField]) -> ArrowField? {
        for field in fields {
            if let dictionary = field.dictionary, dictionary.id == id { return field }
            if let found = findDictionaryField(id, in: field.children) { return found }
        }
        return nil
    }

    private struct BatchCursor {
        var nodes: [(length: Int, nulls: Int)]
        var buffers: [(offset: Int, length: Int)]
        var node = 0
        var buffer = 0
    }

    private func readRecordBatch(_ batch: FlatBuffer.Table, body: [UInt8], fields: [ArrowField]) throws -> (Int, [ArrowArray]) {
        let length = Int(try batch.i64(0))
        var cursor = BatchCursor(nodes: [], buffers: [])
        if let (count, start) = try batch.vector(1, elementSize: 16) {
            for k in 0..<count {
                cursor.nodes.append((Int(try batch.buffer.i64(start + 16 * k)), Int(try batch.buffer.i64(start + 16 * k + 8))))
            }
        }
        if let (count, start) = try batch.vector(2, elementSize: 16) {
            for k in 0..<count {
                cursor.buffers.append((Int(try batch.buffer.i64(start + 16 * k)), Int(try batch.buffer.i64(start + 16 * k + 8))))
            }
        }
        var codec: Int?
        if let compression = try batch.table(3) { codec = Int(try compression.u8(0)) }
        guard length >= 0 else { throw ColumnarError("Arrow record batch with a negative length") }
        let arrays = try fields.map { try readArray($0, &cursor, body: body, codec: codec, depth: 0) }
        for array in arrays where array.length < length {
            throw ColumnarError("Arrow column \(array.field.name) has \(array.length) values for \(length) rows")
        }
        return (length, arrays)
    }

    private func takeBuffer(_ cursor: inout BatchCursor, body: [UInt8], codec: Int?) throws -> [UInt8] {
        guard cursor.buffer < cursor.buffers.count else { throw ColumnarError("Arrow record batch has fewer buffers than its schema needs") }
        let (offset, length) = cursor.buffers[cursor.buffer]
        cursor.buffer += 1
        guard offset >= 0, length >= 0, offset <= body.count, length <= body.count - offset else {
            throw ColumnarError("Arrow buffer (offset \(offset), \(length) bytes) lies outside the \(body.count)-byte message body")
        }
        let raw = Array(body[offset..<offset + length])
        guard let codec, length > 0 else { return raw }
        // Compressed buffers: the uncompressed length (-1: stored as is), then the codec's frame.
        guard length >= 8 else { throw ColumnarError("compressed Arrow buffer without its length prefix") }
        let uncompressed = raw.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        if uncompressed == -1 { return Array(raw[8...]) }
        guard uncompressed >= 0, uncompressed <= limit else { throw ColumnarError("compressed Arrow buffer declares \(uncompressed) bytes, over the limit") }
        return try raw[8...].withUnsafeBytes { data in
            switch codec {
            case 0: return try LZ4.decompressFrame(data, expected: uncompressed, limit: limit)
            case 1: return try Zstd.decompress(data, expected: uncompressed, limit: limit)
            default: throw ColumnarError("Arrow buffer compression \(codec) is not supported", unsupported: true)
            }
        }
    }

    private func readArray(_ field: ArrowField, _ cursor: inout BatchCursor, body: [UInt8], codec: Int?, depth: Int) throws -> ArrowArray {
        guard depth < 64 else { throw ColumnarError("Arrow columns nested deeper than 64 levels") }
        guard cursor.node < cursor.nodes.count else { throw ColumnarError("Arrow record batch has fewer field nodes than its schema") }
        let (length, nulls) = cursor.nodes[cursor.node]
        cursor.node += 1
        guard length >= 0, length <= limit, nulls >= 0 else { throw ColumnarError("Arrow column \(field.name) has an invalid length \(length)") }
        func validity() throws -> [UInt8]? {
            let bitmap = try takeBuffer(&cursor, body: body, codec: codec)
            if nulls == 0 || bitmap.isEmpty { return nil }
            guard bitmap.count * 8 >= length else { throw ColumnarError("Arrow column \(field.name): validity bitmap too short") }
            return bitmap
        }
        func fixed(_ width: Int) throws -> ArrowArray {
            let valid = try validity()
            let values = try takeBuffer(&cursor, body: body, codec: codec)
            let needed = width == 0 ? (length + 7) / 8 : length * width
            guard values.count >= needed else { throw ColumnarError("Arrow column \(field.name): \(values.count) value bytes for \(length) values") }
            return ArrowArray(field: field, length: length, validity: valid, buffers: [values], children: [], dictionary: nil)
        }
        func checkOffsets(_ offsets: [UInt8], large: Bool, target: Int) throws {
            let width = large ? 8 : 4
            guard length == 0 || offsets.count >= (length + 1) * width else { throw ColumnarError("Arrow column \(field.name): offsets buffer too short") }
            guard length > 0 else { return }
            var previous = -1
            try offsets.withUnsafeBytes { raw in
                for i in 0...length {
                    let v = large ? Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)))
                                  : Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))
                    guard v >= 0, v >= previous, v <= target else { throw ColumnarError("Arrow column \(field.name): offset \(v) out of order or past its data (\(target))") }
                    previous = v
                }
            }
        }
        if let dictionary = field.dictionary {
            guard let values = dictionaries[dictionary.id] else { throw ColumnarError("Arrow column \(field.name) uses dictionary \(dictionary.id) before it is sent") }
            let array = try fixed(dictionary.bits / 8)
            let indices = array.buffers[0]
            try indices.withUnsafeBytes { raw in
                for i in 0..<length where !array.isNull(i) {
                    let index: Int
                    switch dictionary.bits {
                    case 8: index = Int(dictionary.signed ? Int(Int8(bitPattern: raw[i])) : Int(raw[i]))
                    case 16: index = Int(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: Int16.self)))
                    case 32: index = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))
                    default: index = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)))
                    }
                    guard index >= 0, index < values.length else { throw ColumnarError("Arrow column \(field.name): dictionary index \(index) out of range (\(values.length) entries)") }
                }
            }
            return ArrowArray(field: field, length: length, validity: array.validity, buffers: array.buffers, children: [], dictionary: values)
        }
        switch field.type {
        case .null:
            return ArrowArray(field: field, length: length, validity: nil, buffers: [], children: [], dictionary: nil)
        case .bool: return try fixed(0)
        case .int(let bits, _): return try fixed(max(1, bits / 8))
        case .float(let bits): return try fixed(bits / 8)
        case .decimal(_, _, let bits): return try fixed(bits / 8)
        case .date(let millis): return try fixed(millis ? 8 : 4)
        case .time(_, let bits): return try fixed(bits / 8)
        case .timestamp, .duration: return try fixed(8)
        case .fixedSizeBinary(let width):
            guard width >= 0 else { throw ColumnarError("Arrow column \(field.name): negative binary width") }
            return try fixed(width)
        case .utf8, .binary, .largeUtf8, .largeBinary:
            let large: Bool
            if case .largeUtf8 = field.type { large = true } else if case .largeBinary = field.type { large = true } else { large = false }
            let valid = try validity()
            let offsets = try takeBuffer(&cursor, body: body, codec: codec)
            let data = try takeBuffer(&cursor, body: body, codec: codec)
            try checkOffsets(offsets, large: large, target: data.count)
            return ArrowArray(field: field, length: length, validity: valid, buffers: [offsets, data], children: [], dictionary: nil)
        case .list, .largeList, .map:
            let large: Bool
            if case .largeList = field.type { large = true } else { large = false }
            guard field.children.count == 1 else { throw ColumnarError("Arrow list column \(field.name) needs one child") }
            let valid = try validity()
            let offsets = try takeBuffer(&cursor, body: body, codec: codec)
            let child = try readArray(field.children[0], &cursor, body: body, codec: codec, depth: depth + 1)
            try checkOffsets(offsets, large: large, target: child.length)
            return ArrowArray(field: field, length: length, validity: valid, buffers: [offsets], children: [child], dictionary: nil)
        case .fixedSizeList(let size):
            guard field.children.count == 1, size >= 0 else { throw ColumnarError("Arrow fixed-size list column \(field.name) is malformed") }
            let valid = try validity()
            let child = try readArray(field.children[0], &cursor, body: body, codec: codec, depth: depth + 1)
            guard child.length >= length * size else { throw ColumnarError("Arrow column \(field.name): child too short for its lists") }
            return ArrowArray(field: field, length: length, validity: valid, buffers: [], children: [child], dictionary: nil)
        case .structure:
            let valid = try validity()
            let children = try field.children.map { try readArray($0, &cursor, body: body, codec: codec, depth: depth + 1) }
            for child in children where child.length < length {
                throw ColumnarError("Arrow struct column \(field.name): child \(child.field.name) is shorter than the struct")
            }
            return ArrowArray(field: field, length: length, validity: valid, buffers: [], children: children, dictionary: nil)
        case .unsupported(let what):
            throw ColumnarError("Arrow column \(field.name) has type \(what), which Sift does not read", unsupported: true)
        }
    }
}
