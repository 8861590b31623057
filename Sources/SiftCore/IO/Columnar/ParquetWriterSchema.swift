import SiftColumnar

/// The type a field takes in a Parquet file Sift writes, inferred from the records.
///
/// Rules (docs/formats.md, "Writing Parquet"), applied to all values of a field in record order, so
/// the same records always give the same schema:
/// - nulls and missing fields say nothing (a field never seen with a value is a string column);
/// - integers that fit in 64 bits are INT64; any other number makes the field DOUBLE;
/// - strings, booleans: STRING, BOOLEAN;
/// - objects are structs whose fields are the union of the keys, in first-seen order; arrays are
///   lists of their elements' merged type;
/// - anything else that disagrees (a string and a number, an object and an array, an integer too
///   large for 64 bits, an empty object) makes the field a JSON column: each value is stored as
///   its JSON text, with Parquet's JSON logical type, and read back as the value it was.
indirect enum WriterFieldType: Equatable, Sendable {
    case null, bool, int, double, string, json
    case list(WriterFieldType)
    case object([String], [WriterFieldType])

    static func of(_ value: JSONValue) -> WriterFieldType {
        switch value {
        case .null: return .null
        case .bool: return .bool
        case .string: return .string
        case .number(let literal):
            if Int64(literal) != nil { return .int }
            if literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
               let d = Double(literal), d.isFinite { return .double }
            return .json
        case .array(let elements):
            var element = WriterFieldType.null
            for e in elements {
                element = element.merged(with: of(e))
                if element == .json { break }
            }
            return .list(element)
        case .object(let object):
            guard !object.isEmpty else { return .json }
            return .object(Array(object.keys), object.values.map { of($0) })
        }
    }

    func merged(with other: WriterFieldType) -> WriterFieldType {
        switch (self, other) {
        case (.null, _): return other
        case (_, .null): return self
        case (.json, _), (_, .json): return .json
        case (.int, .double), (.double, .int): return .double
        case (.list(let a), .list(let b)): return .list(a.merged(with: b))
        case (.object(let ak, let at), .object(let bk, let bt)):
            var keys = ak
            var types = at
            for (k, t) in zip(bk, bt) {
                if let i = keys.firstIndex(of: k) {
                    types[i] = types[i].merged(with: t)
                } else {
                    keys.append(k)
                    types.append(t)
                }
            }
            return .object(keys, types)
        default: return self == other ? self : .json
        }
    }

    /// Whether `value` can be written under this type without widening it.
    func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (_, .null), (.json, _): return true
        case (.bool, .bool), (.string, .string): return true
        case (.int, .number(let literal)): return Int64(literal) != nil
        case (.double, .number(let literal)): return Int64(literal) != nil || WriterFieldType.of(value) == .double
        case (.list(let element), .array(let items)): return items.allSatisfy { element.accepts($0) }
        case (.object(let keys, let types), .object(let object)):
            guard !object.isEmpty else { return false }
            for (k, v) in object {
                guard let i = keys.firstIndex(of: k), types[i].accepts(v) else { return false }
            }
            return true
        default: return false
        }
    }
}

/// The Parquet schema for inferred field types: every field optional; lists in the standard
/// three-level layout (`optional group f (LIST) { repeated group list { optional element } }`).
struct WriterSchema: Sendable {
    let fields: [(String, WriterFieldType)]
    let elements: [SchemaElement]
    let columns: [ColumnChunkWriter.Column]

    init(fields: [(String, WriterFieldType)]) {
        self.fields = fields
        var elements = [SchemaElement(name: "schema", numChildren: Int32(fields.count))]
        var columns: [ColumnChunkWriter.Column] = []
        func add(_ name: String, _ type: WriterFieldType, path: [String], def: Int, rep: Int) {
            let path = path + [name]
            switch type {
            case .list(let element):
                elements.append(SchemaElement(name: name, repetition: .optional, numChildren: 1, convertedType: 3, logicalType: .list))
                elements.append(SchemaElement(name: "list", repetition: .repeated, numChildren: 1))
                add("element", element, path: path + ["list"], def: def + 2, rep: rep + 1)
            case .object(let keys, let types):
                elements.append(SchemaElement(name: name, repetition: .optional, numChildren: Int32(keys.count)))
                for (k, t) in zip(keys, types) { add(k, t, path: path, def: def + 1, rep: rep) }
            default:
                let physical = type.physical
                var element = SchemaElement(name: name, type: physical, repetition: .optional)
                if type == .string || type == .null {
                    element.convertedType = 0
                    element.logicalType = .string
                } else if type == .json {
                    element.convertedType = 19
                    element.logicalType = .json
                }
                elements.append(element)
                columns.append(ColumnChunkWriter.Column(path: path, type: physical, maxDefinitionLevel: def + 1, maxRepetitionLevel: rep))
            }
        }
        for (name, type) in fields { add(name, type, path: [], def: 0, rep: 0) }
        self.elements = elements
        self.columns = columns
    }
}

extension WriterFieldType {
    var physical: PhysicalType {
        switch self {
        case .bool: return .boolean
        case .int: return .int64
        case .double: return .double
        default: return .byteArray
        }
    }
}
