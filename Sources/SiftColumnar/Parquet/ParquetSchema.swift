/// The schema tree rebuilt from the footer's depth-first list of `SchemaElement`s, with each
/// leaf's maximum definition and repetition levels (Dremel's encoding of optional and repeated
/// fields; Melnik et al., "Dremel: Interactive Analysis of Web-Scale Datasets", VLDB 2010).
public final class SchemaNode: Sendable {
    public let element: SchemaElement
    public let children: [SchemaNode]
    /// The leaf's column index (position among the leaves, as in a row group's `columns`).
    public let leafIndex: Int?
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    public let path: [String]

    init(element: SchemaElement, children: [SchemaNode], leafIndex: Int?, maxDefinitionLevel: Int, maxRepetitionLevel: Int, path: [String]) {
        self.element = element
        self.children = children
        self.leafIndex = leafIndex
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        self.path = path
    }

    public var name: String { element.name }
    public var repetition: Repetition { element.repetition ?? .required }
    public var isLeaf: Bool { leafIndex != nil }

    /// Leaf indices under this node, in order.
    public var leafIndices: [Int] {
        if let leafIndex { return [leafIndex] }
        return children.flatMap(\.leafIndices)
    }
}

/// One leaf column: what a column chunk reader needs to decode it.
public struct ColumnDescriptor: Sendable {
    public let path: [String]
    public let type: PhysicalType
    public let typeLength: Int
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    public let element: SchemaElement

    public var dottedPath: String { path.joined(separator: ".") }
}

public struct ParquetSchema: Sendable {
    public let root: SchemaNode
    public let columns: [ColumnDescriptor]
    /// Nesting deeper than this is refused (levels are stored in bytes; real schemas nest a few levels).
    public static let maxDepth = 100

    public init(_ elements: [SchemaElement]) throws {
        var position = 0
        var columns: [ColumnDescriptor] = []
        func build(depth: Int, definition: Int, repetition: Int, path: [String]) throws -> SchemaNode {
            guard depth <= Self.maxDepth else { throw ColumnarError("schema nested deeper than \(Self.maxDepth) levels") }
            guard position < elements.count else { throw ColumnarError("schema ends inside a group (child counts exceed the element list)") }
            let element = elements[position]
            position += 1
            let isRoot = depth == 0
            let rep = isRoot ? Repetition.required : (element.repetition ?? .required)
            let def = definition + (rep == .required ? 0 : 1)
            let repLevel = repetition + (rep == .repeated ? 1 : 0)
            let myPath = isRoot ? [] : path + [element.name]
            if let childCount = element.numChildren, element.type == nil || childCount > 0 {
                guard childCount >= 0, childCount <= elements.count - position else {
                    throw ColumnarError("schema element \(element.name) claims \(childCount) children, \(elements.count - position) elements follow")
                }
                var children: [SchemaNode] = []
                for _ in 0..<childCount { children.append(try build(depth: depth + 1, definition: def, repetition: repLevel, path: myPath)) }
                return SchemaNode(element: element, children: children, leafIndex: nil, maxDefinitionLevel: def, maxRepetitionLevel: repLevel, path: myPath)
            }
            guard !isRoot else { throw ColumnarError("schema root is not a group") }
            guard let type = element.type else { throw ColumnarError("schema leaf \(element.name) has no physical type") }
            if type == .fixedLenByteArray {
                guard let length = element.typeLength, length >= 0, length <= 1 << 20 else {
                    throw ColumnarError("FIXED_LEN_BYTE_ARRAY column \(element.name) has an invalid length")
                }
            }
            let index = columns.count
            columns.append(ColumnDescriptor(path: myPath, type: type, typeLength: Int(element.typeLength ?? -1),
                                            maxDefinitionLevel: def, maxRepetitionLevel: repLevel, element: element))
            return SchemaNode(element: element, children: [], leafIndex: index, maxDefinitionLevel: def, maxRepetitionLevel: repLevel, path: myPath)
        }
        root = try build(depth: 0, definition: 0, repetition: 0, path: [])
        guard position == elements.count else { throw ColumnarError("schema has \(elements.count - position) elements outside the root's children") }
        self.columns = columns
    }
}
