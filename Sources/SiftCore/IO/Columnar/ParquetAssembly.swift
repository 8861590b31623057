import SiftColumnar

/// Rebuilds nested JSON values from leaf columns' definition and repetition levels (Dremel record
/// assembly; Melnik et al., VLDB 2010), column by column rather than record by record.
///
/// For a node N with definition level D(N), repetition level R(N), and `repAbove` the repetition
/// level of its nearest repeated ancestor, a level entry (d, r) of any leaf under N:
/// - opens a new *slot* of N (a value, or for a repeated N a list) when r <= repAbove and the
///   parent is defined (d >= D(parent));
/// - for a repeated N, adds an element to the current list when r <= R(N) and d >= D(N);
/// - defines N (not null, list not empty) when d >= D(N).
/// A node's children have one slot per defined instance (element) of the node, so values build
/// bottom-up by zipping children and cutting lists, and every leaf under a node must agree on the
/// node's shape: where they do not, the level streams are inconsistent and the batch is refused.
final class AssemblyNode: Sendable {
    enum Shape: Sendable {
        /// A leaf column: its converted values.
        case leaf(column: Int)
        /// A struct: an object of the children's values.
        case object([(String, AssemblyNode)])
        /// LIST wrapper (or a 3-level list's element group): the single child's value itself.
        case unwrap(AssemblyNode)
        /// MAP: the child yields [key, value] pairs per instance, turned into an object.
        case map(AssemblyNode)
        /// A map's repeated key/value group: a [key, value] pair.
        case pair(key: AssemblyNode, value: AssemblyNode)
    }

    let name: String
    let shape: Shape
    let isRepeated: Bool
    let definitionLevel: Int
    let repetitionLevel: Int
    let parentDefinitionLevel: Int
    let repetitionAbove: Int
    /// The first leaf under the node: its levels give the node's shape.
    let shapeLeaf: Int
    let leaves: [Int]

    init(name: String, shape: Shape, node: SchemaNode, parent: SchemaNode) {
        self.name = name
        self.shape = shape
        isRepeated = node.repetition == .repeated
        definitionLevel = node.maxDefinitionLevel
        repetitionLevel = node.maxRepetitionLevel
        parentDefinitionLevel = parent.maxDefinitionLevel
        repetitionAbove = node.maxRepetitionLevel - (node.repetition == .repeated ? 1 : 0)
        leaves = node.leafIndices
        shapeLeaf = leaves.first ?? -1
    }

    /// The plan for a schema node, reading LIST and MAP annotations and the legacy list layouts
    /// (parquet-format LogicalTypes.md, "Backward-compatibility rules").
    static func plan(_ node: SchemaNode, parent: SchemaNode) -> AssemblyNode? {
        if node.isLeaf { return AssemblyNode(name: node.name, shape: .leaf(column: node.leafIndex!), node: node, parent: parent) }
        guard !node.leafIndices.isEmpty else { return nil }
        let logical = node.element.effectiveLogicalType
        if logical == .list, node.children.count == 1, node.children[0].repetition == .repeated {
            let repeated = node.children[0]
            guard let element = listElement(repeated, listName: node.name, parent: node) else { return nil }
            return AssemblyNode(name: node.name, shape: .unwrap(element), node: node, parent: parent)
        }
        if logical == .map || logical == .mapKeyValue, node.children.count == 1, node.children[0].repetition == .repeated,
           !node.children[0].isLeaf, (1...2).contains(node.children[0].children.count) {
            let entries = node.children[0]
            guard let key = plan(entries.children[0], parent: entries) else { return nil }
            guard entries.children.count == 2, let value = plan(entries.children[1], parent: entries) else {
                // A map without values is the list of its keys (as Arrow reads it).
                let keys = AssemblyNode(name: entries.name, shape: .unwrap(key), node: entries, parent: node)
                return AssemblyNode(name: node.name, shape: .unwrap(keys), node: node, parent: parent)
            }
            let pairs = AssemblyNode(name: entries.name, shape: .pair(key: key, value: value), node: entries, parent: node)
            return AssemblyNode(name: node.name, shape: .map(pairs), node: node, parent: parent)
        }
        let children = node.children.compactMap { child in plan(child, parent: node).map { (child.name, $0) } }
        return AssemblyNode(name: node.name, shape: .object(uniqueNames(children)), node: node, parent: parent)
    }

    /// Field names made unique (`name`, `name_2`, ...), as the CSV reader does with headers.
    static func uniqueNames(_ fields: [(String, AssemblyNode)]) -> [(String, AssemblyNode)] {
        var seen = Set<String>()
        return fields.map { field in
            var name = field.0
            var k = 2
            while !seen.insert(name).inserted {
                name = "\(field.0)_\(k)"
                k += 1
            }
            return (name, field.1)
        }
    }

    /// A list's repeated child: the element itself (legacy two-level lists: a repeated primitive, a
    /// group of several fields, or a group named `array` or `<list>_tuple`), else its single child.
    private static func listElement(_ repeated: SchemaNode, listName: String, parent: SchemaNode) -> AssemblyNode? {
        if repeated.isLeaf || repeated.children.count != 1 || repeated.name == "array" || repeated.name == listName + "_tuple" {
            guard let element = plan(repeated, parent: parent) else { return nil }
            return element
        }
        guard let inner = plan(repeated.children[0], parent: repeated) else { return nil }
        return AssemblyNode(name: repeated.name, shape: .unwrap(inner), node: repeated, parent: parent)
    }
}

/// One batch of rows: each projected leaf's levels and converted values.
struct LeafColumnBatch {
    var definition: [UInt8]
    var repetition: [UInt8]
    var values: [JSONValue]
    var entryCount: Int
}

struct AssemblyError: Error {
    var message: String
}

enum RecordAssembly {
    /// One value per slot of `node` (per row for a top-level field).
    static func values(_ node: AssemblyNode, _ leaves: [LeafColumnBatch]) throws(AssemblyError) -> [JSONValue] {
        let shapeLeaf = leaves[node.shapeLeaf]
        let entries = shapeLeaf.entryCount
        let hasDef = !shapeLeaf.definition.isEmpty
        let hasRep = !shapeLeaf.repetition.isEmpty
        // Fast path: a top-level flat leaf (optional or required) has one slot per entry.
        if case .leaf = node.shape, !node.isRepeated, !hasRep, node.parentDefinitionLevel == 0 {
            let values = shapeLeaf.values
            if !hasDef {
                guard values.count == entries else { throw AssemblyError(message: "column holds \(values.count) values for \(entries) rows") }
                return values
            }
            let def = UInt8(node.definitionLevel)
            var out = [JSONValue]()
            out.reserveCapacity(entries)
            var next = 0
            for d in shapeLeaf.definition {
                if d >= def {
                    guard next < values.count else { throw AssemblyError(message: "definition levels call for more values than the column holds") }
                    out.append(values[next])
                    next += 1
                } else {
                    out.append(.null)
                }
            }
            return out
        }
        let inner = try instances(node, leaves)
        var out = [JSONValue]()
        var next = 0
        let parentDef = node.parentDefinitionLevel
        let def = node.definitionLevel
        let repAbove = node.repetitionAbove
        let rep = node.repetitionLevel
        func take() throws(AssemblyError) -> JSONValue {
            guard next < inner.count else { throw AssemblyError(message: "level streams disagree about \(node.name) (too few values)") }
            let v = inner[next]
            next += 1
            return v
        }
        var list: [JSONValue] = []
        var inList = false
        for i in 0..<entries {
            let d = hasDef ? Int(shapeLeaf.definition[i]) : 0
            let r = hasRep ? Int(shapeLeaf.repetition[i]) : 0
            if r <= repAbove {
                if inList {
                    out.append(.array(list))
                    list = []
                    inList = false
                }
                guard d >= parentDef else { continue }
                if node.isRepeated {
                    inList = true
                    if d >= def { list.append(try take()) }
                } else {
                    out.append(d >= def ? try take() : .null)
                }
            } else if node.isRepeated, r <= rep, d >= def {
                guard inList else { throw AssemblyError(message: "repetition level \(r) continues a list of \(node.name) that was never started") }
                list.append(try take())
            }
        }
        if inList { out.append(.array(list)) }
        guard next == inner.count else { throw AssemblyError(message: "level streams disagree about \(node.name) (\(inner.count - next) values left over)") }
        return out
    }

    /// One value per defined instance of `node` (per element, for a repeated node).
    private static func instances(_ node: AssemblyNode, _ leaves: [LeafColumnBatch]) throws(AssemblyError) -> [JSONValue] {
        switch node.shape {
        case .leaf(let column):
            return leaves[column].values
        case .unwrap(let child):
            return try values(child, leaves)
        case .map(let pairs):
            return try values(pairs, leaves).map { entry in
                guard case .array(let list) = entry else { return entry }
                var object = JSONObject(minimumCapacity: list.count)
                for pair in list {
                    guard case .array(let kv) = pair, kv.count == 2, let key = keyText(kv[0]) else { continue }
                    object[key] = kv[1]
                }
                return .object(object)
            }
        case .pair(let key, let value):
            let keys = try values(key, leaves)
            let vals = try values(value, leaves)
            guard keys.count == vals.count else { throw AssemblyError(message: "map keys and values disagree in number (\(keys.count) and \(vals.count))") }
            return zip(keys, vals).map { .array([$0, $1]) }
        case .object(let children):
            guard !children.isEmpty else { return [] }
            let columns = try children.map { child throws(AssemblyError) in try values(child.1, leaves) }
            let count = columns[0].count
            for (k, column) in columns.enumerated() where column.count != count {
                throw AssemblyError(message: "level streams disagree: \(children[k].0) has \(column.count) values where \(children[0].0) has \(count)")
            }
            return objects(keys: children.map(\.0), columns: columns, count: count)
        }
    }

    /// Objects sharing one key list (`keys` are unique: `AssemblyNode.plan` renames duplicates).
    static func objects(keys: [String], columns: [[JSONValue]], count: Int) -> [JSONValue] {
        var out = [JSONValue]()
        out.reserveCapacity(count)
        var row = [JSONValue]()
        row.reserveCapacity(keys.count)
        for i in 0..<count {
            row.removeAll(keepingCapacity: true)
            for column in columns { row.append(column[i]) }
            out.append(.object(JSONObject(uncheckedUniqueKeys: keys, values: row)))
        }
        return out
    }

    /// A map key as an object key: strings as they are, other scalars by their text.
    private static func keyText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}
