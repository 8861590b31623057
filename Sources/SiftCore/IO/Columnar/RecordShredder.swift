import SiftColumnar

/// Splits records into leaf columns with definition and repetition levels (Dremel's striping;
/// Melnik et al., VLDB 2010), for a `WriterSchema`. Every record must be accepted by the schema's
/// types (`WriterFieldType.accepts`); the writer widens the schema first when one is not.
struct RecordShredder {
    // Internal rather than private for the line shredder (`RecordShredder+Lines.swift`), which
    // fills the same buffers straight from JSON text.
    var leaves: [LeafData]
    var bools: [[Bool]]
    var ints: [[Int64]]
    var doubles: [[Double]]
    var bytes: [ByteArrays]
    let schema: WriterSchema
    let writer = JSONWriter()

    /// `spare`: the previous row group's leaves, whose level and byte buffers are emptied and
    /// refilled rather than grown afresh (a row group's text is above glibc's mmap threshold, so
    /// new buffers were new mappings, page-faulted in every row group).
    init(schema: WriterSchema, reusing spare: inout [LeafData]) {
        self.schema = schema
        let n = schema.columns.count
        leaves = schema.columns.map { LeafData(values: .empty($0.type == .int64 ? .int64 : $0.type)) }
        bools = Array(repeating: [], count: n)
        ints = Array(repeating: [], count: n)
        doubles = Array(repeating: [], count: n)
        bytes = Array(repeating: ByteArrays(), count: n)
        guard spare.count == n else { return }
        for i in 0..<n {
            swap(&leaves[i].definition, &spare[i].definition)
            swap(&leaves[i].repetition, &spare[i].repetition)
            leaves[i].definition.removeAll(keepingCapacity: true)
            leaves[i].repetition.removeAll(keepingCapacity: true)
            if case .bytes(var buffer) = spare[i].values {
                spare[i].values = .int32([])
                buffer.data.removeAll(keepingCapacity: true)
                buffer.offsets.removeAll(keepingCapacity: true)
                buffer.offsets.append(0)
                bytes[i] = buffer
            }
        }
    }

    mutating func add(_ record: JSONObject) {
        var leaf = 0
        for (name, type) in schema.fields {
            shred(record[name], type, leaf: &leaf, def: 0, rep: 0, depth: 0)
        }
    }

    /// The leaves with their values in place.
    mutating func finish() -> [LeafData] {
        for i in leaves.indices {
            switch schema.columns[i].type {
            case .boolean: leaves[i].values = .boolean(bools[i])
            case .int64: leaves[i].values = .int64(ints[i])
            case .double: leaves[i].values = .double(doubles[i])
            default:
                leaves[i].values = .bytes(bytes[i])
                bytes[i] = ByteArrays()
            }
        }
        return leaves
    }

    mutating func level(_ leaf: Int, def: Int, rep: Int) {
        leaves[leaf].definition.append(UInt8(def))
        if schema.columns[leaf].maxRepetitionLevel > 0 { leaves[leaf].repetition.append(UInt8(rep)) }
        leaves[leaf].entryCount += 1
    }

    mutating func nulls(_ type: WriterFieldType, leaf: inout Int, def: Int, rep: Int) {
        for _ in 0..<type.leafCount {
            level(leaf, def: def, rep: rep)
            leaf += 1
        }
    }

    /// `def`/`rep`: levels of the enclosing value; `depth`: lists enclosing this field.
    private mutating func shred(_ value: JSONValue?, _ type: WriterFieldType, leaf: inout Int, def: Int, rep: Int, depth: Int) {
        guard let value, !value.isNull else {
            nulls(type, leaf: &leaf, def: def, rep: rep)
            return
        }
        switch type {
        case .list(let element):
            guard case .array(let items) = value, !items.isEmpty else {
                nulls(type, leaf: &leaf, def: def + 1, rep: rep)
                return
            }
            let first = leaf
            for (i, item) in items.enumerated() {
                leaf = first
                shred(item, element, leaf: &leaf, def: def + 2, rep: i == 0 ? rep : depth + 1, depth: depth + 1)
            }
        case .object(let keys, let types):
            guard case .object(let object) = value else {
                nulls(type, leaf: &leaf, def: def, rep: rep)
                return
            }
            for (k, t) in zip(keys, types) { shred(object[k], t, leaf: &leaf, def: def + 1, rep: rep, depth: depth) }
        default:
            level(leaf, def: def + 1, rep: rep)
            switch type {
            case .bool: bools[leaf].append(value.boolValue ?? false)
            case .int:
                if case .number(let literal) = value { ints[leaf].append(Int64(literal) ?? 0) }
            case .double:
                if case .number(let literal) = value { doubles[leaf].append(Double(literal) ?? 0) }
            case .json:
                let text = writer.bytes(value)
                text.withUnsafeBytes { bytes[leaf].append($0) }
            default:
                if case .string(var s) = value {
                    s.withUTF8 { bytes[leaf].append(UnsafeRawBufferPointer($0)) }
                }
            }
            leaf += 1
        }
    }
}

extension WriterFieldType {
    var leafCount: Int {
        switch self {
        case .list(let element): return element.leafCount
        case .object(_, let types): return types.reduce(0) { $0 + $1.leafCount }
        default: return 1
        }
    }
}
