import SiftColumnar

/// A writer schema as the line shredder walks it: each struct's keys as bytes, to compare with the
/// keys in the JSON text without making strings, and where each child's leaves start.
final class LineSchemaNode: Sendable {
    /// `type` without its payload, to switch on in the hot loop.
    enum Shape { case list, object, string, bool, int, double, json, onlyNull }

    let type: WriterFieldType
    let shape: Shape
    let keys: [[UInt8]]
    let children: [LineSchemaNode]
    let leafOffsets: [Int]
    let leafCount: Int

    /// The record level: the writer's top-level fields.
    convenience init(fields: [(String, WriterFieldType)]) {
        self.init(.object(fields.map(\.0), fields.map(\.1)))
    }

    init(_ type: WriterFieldType) {
        self.type = type
        var keys: [[UInt8]] = []
        var children: [LineSchemaNode] = []
        switch type {
        case .list(let element):
            shape = .list
            children = [LineSchemaNode(element)]
        case .object(let names, let types):
            shape = .object
            keys = names.map { Array($0.utf8) }
            children = types.map(LineSchemaNode.init)
        case .string: shape = .string
        case .bool: shape = .bool
        case .int: shape = .int
        case .double: shape = .double
        case .json: shape = .json
        case .null: shape = .onlyNull
        }
        self.keys = keys
        self.children = children
        var offsets: [Int] = []
        var total = 0
        for child in children {
            offsets.append(total)
            total += child.leafCount
        }
        leafOffsets = offsets
        leafCount = type.leafCount
    }

    /// The index of the child named `key`, looked for from `hint` on (records mostly keep one key
    /// order, so the next key is usually the next child).
    func child(named key: UnsafeBufferPointer<UInt8>, from hint: Int) -> Int? {
        let n = keys.count
        for step in 0..<n {
            let k = (hint + step) % n
            if keys[k].withUnsafeBufferPointer({ $0.elementsEqual(key) }) { return k }
        }
        return nil
    }
}

/// Where a leaf's buffers stood before a line, to take the line back out.
struct LeafMark {
    var entries = 0
    var definitions = 0
    var repetitions = 0
    var values = 0
    var bytes = 0
}

extension RecordShredder {
    /// Shreds one JSON Lines line straight from its bytes, exactly as `add` shreds the record
    /// `JSONParser` makes of it, and returns that record's `ParquetRecordWriter.approximateSize`.
    ///
    /// Nil, with the shredder as it was, when the line is not an object the schema holds as it is
    /// (a new field, a value of another type, a repeated key, an empty struct) or not one
    /// `JSONCursor` can vouch for: the caller then decodes it and takes the record path, which
    /// widens the schema or reports the line as malformed. Skipping the record tree is what makes
    /// converting JSON Lines to Parquet cost little more than compressing it.
    mutating func add(line: UnsafeBufferPointer<UInt8>, root: LineSchemaNode, maxDepth: Int,
                      marks: inout [LeafMark], scratch: inout [UInt8]) -> Int? {
        mark(&marks)
        var cursor = JSONCursor(line, maxDepth: maxDepth, scratch: Self.take(&scratch))
        defer { scratch = cursor.scratchBuffer }
        do throws(JSONCursor.Stop) {
            let size = try shredObject(&cursor, root, leaf: 0, def: -1, rep: 0, depth: 0, jsonDepth: 0)
            guard cursor.atEnd() else { throw JSONCursor.Stop() }
            return size
        } catch {
            rollBack(to: marks)
            return nil
        }
    }

    private static func take(_ buffer: inout [UInt8]) -> [UInt8] {
        let taken = buffer
        buffer = []
        return taken
    }

    private func mark(_ marks: inout [LeafMark]) {
        if marks.count != leaves.count { marks = Array(repeating: LeafMark(), count: leaves.count) }
        for i in leaves.indices {
            marks[i].entries = leaves[i].entryCount
            marks[i].definitions = leaves[i].definition.count
            marks[i].repetitions = leaves[i].repetition.count
            marks[i].values = bools[i].count + ints[i].count + doubles[i].count
            marks[i].bytes = bytes[i].count
        }
    }

    private mutating func rollBack(to marks: [LeafMark]) {
        for (i, mark) in marks.enumerated() {
            leaves[i].entryCount = mark.entries
            leaves[i].definition.removeLast(leaves[i].definition.count - mark.definitions)
            leaves[i].repetition.removeLast(leaves[i].repetition.count - mark.repetitions)
            // A leaf holds one kind of value; the others stay empty.
            bools[i].removeLast(bools[i].count - (bools[i].isEmpty ? 0 : mark.values))
            ints[i].removeLast(ints[i].count - (ints[i].isEmpty ? 0 : mark.values))
            doubles[i].removeLast(doubles[i].count - (doubles[i].isEmpty ? 0 : mark.values))
            if bytes[i].count > mark.bytes {
                bytes[i].offsets.removeLast(bytes[i].count - mark.bytes)
                bytes[i].data.removeLast(bytes[i].data.count - bytes[i].offsets[mark.bytes])
            }
        }
    }

    /// The object at the cursor under struct `node` (the record itself when `def` is -1: its
    /// fields sit at levels 0, a struct's one deeper than the struct). Missing keys are nulls, as
    /// `shred` makes them; an empty struct is not one the schema accepts.
    private mutating func shredObject(_ c: inout JSONCursor, _ node: LineSchemaNode, leaf first: Int, def: Int, rep: Int,
                                      depth: Int, jsonDepth: Int) throws(JSONCursor.Stop) -> Int {
        let isRecord = def < 0
        // Keys seen are bits of one word; wider records take the record path.
        guard node.keys.count <= 64 else { throw JSONCursor.Stop() }
        var size = 2
        var seen: UInt64 = 0
        if try c.enterObject(depth: jsonDepth + 1) {
            var hint = 0
            repeat {
                let key = try c.key()
                guard let k = node.child(named: key, from: hint), seen & (1 << UInt64(k)) == 0 else { throw JSONCursor.Stop() }
                seen |= 1 << UInt64(k)
                hint = k + 1
                var leaf = first + node.leafOffsets[k]
                size += key.count + 4
                size += try shred(&c, node.children[k], leaf: &leaf, def: def + 1, rep: rep, depth: depth, jsonDepth: jsonDepth + 1)
            } while try c.nextMember()
        } else if !isRecord {
            throw JSONCursor.Stop()
        }
        for k in node.children.indices where seen & (1 << UInt64(k)) == 0 {
            var leaf = first + node.leafOffsets[k]
            nulls(node.children[k].type, leaf: &leaf, def: def + 1, rep: rep)
        }
        return size
    }

    /// The value at the cursor under `node`, with `shred`'s levels; returns its approximate size.
    private mutating func shred(_ c: inout JSONCursor, _ node: LineSchemaNode, leaf: inout Int, def: Int, rep: Int, depth: Int,
                                jsonDepth: Int) throws(JSONCursor.Stop) -> Int {
        let kind = try c.peekKind()
        if kind == .null {
            try c.null()
            nulls(node.type, leaf: &leaf, def: def, rep: rep)
            return 5
        }
        switch node.shape {
        case .list:
            guard kind == .array else { throw JSONCursor.Stop() }
            guard try c.enterArray(depth: jsonDepth + 1) else {
                nulls(node.type, leaf: &leaf, def: def + 1, rep: rep)
                return 2
            }
            let element = node.children[0]
            let first = leaf
            var size = 2
            var i = 0
            repeat {
                leaf = first
                size += try shred(&c, element, leaf: &leaf, def: def + 2, rep: i == 0 ? rep : depth + 1, depth: depth + 1,
                                  jsonDepth: jsonDepth + 1)
                i += 1
            } while try c.nextElement()
            return size
        case .object:
            guard kind == .object else { throw JSONCursor.Stop() }
            let size = try shredObject(&c, node, leaf: leaf, def: def, rep: rep, depth: depth, jsonDepth: jsonDepth)
            leaf += node.leafCount
            return size
        case .string:
            guard kind == .string else { throw JSONCursor.Stop() }
            let raw = try c.string()
            let target = leaf
            let count = c.withDecodedBytes(of: raw) { text in
                bytes[target].append(UnsafeRawBufferPointer(text))
                return text.count
            }
            level(leaf, def: def + 1, rep: rep)
            leaf += 1
            return count + 3
        case .bool:
            guard kind == .boolean else { throw JSONCursor.Stop() }
            bools[leaf].append(try c.boolean())
            level(leaf, def: def + 1, rep: rep)
            leaf += 1
            return 5
        case .int, .double:
            guard kind == .integer || kind == .number else { throw JSONCursor.Stop() }
            let literal = try c.number()
            let text = String(decoding: literal, as: UTF8.self)
            // `WriterFieldType.accepts` and `shred`'s conversions, on the literal `JSONParser` keeps.
            if node.shape == .int {
                guard let n = Int64(text) else { throw JSONCursor.Stop() }
                ints[leaf].append(n)
            } else {
                guard node.type.accepts(.number(text)) else { throw JSONCursor.Stop() }
                doubles[leaf].append(Double(text) ?? 0)
            }
            level(leaf, def: def + 1, rep: rep)
            leaf += 1
            return literal.count + 1
        case .json:
            // The value's text as the record path writes it: parsed alone (the cursor has checked
            // its depth against the record's limit) and written by `JSONWriter`.
            let start = c.index
            try c.skipValue(depth: jsonDepth)
            let text = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(c.bytes)[start..<c.index])
            guard let value = try? JSONParser.parse(text) else {
                throw JSONCursor.Stop()
            }
            writer.bytes(value).withUnsafeBytes { bytes[leaf].append($0) }
            level(leaf, def: def + 1, rep: rep)
            leaf += 1
            return ParquetRecordWriter.approximateSize(value)
        case .onlyNull:
            // A field never seen with a value: any value widens the schema.
            throw JSONCursor.Stop()
        }
    }
}
