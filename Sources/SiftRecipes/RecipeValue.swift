import Collections
import SiftCore

/// A position in the recipe file, for error messages that point at the YAML the user wrote.
public struct RecipeMark: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A recipe parameter value as written, with where it was written.
public indirect enum RecipeValue: Sendable {
    case scalar(String, RecipeMark)
    case list([RecipeValue], RecipeMark)
    case map([(key: String, value: RecipeValue)], RecipeMark)

    public var mark: RecipeMark {
        switch self {
        case .scalar(_, let m), .list(_, let m), .map(_, let m): return m
        }
    }

    /// The value as JSON (scalars typed by YAML 1.2 core rules: booleans, integers, floats, null),
    /// for manifests and for the parameter digest that decides whether a step can be resumed.
    public var json: JSONValue {
        switch self {
        case .scalar(let text, _):
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case "null", "Null", "NULL", "~", "": return .null
            default:
                if Int(text) != nil { return .number(text) }
                if let d = Double(text), d.isFinite, text.first?.isNumber == true || text.first == "-" || text.first == "." {
                    return .double(d)
                }
                return .string(text)
            }
        case .list(let items, _): return .array(items.map(\.json))
        case .map(let pairs, _):
            var object = JSONObject()
            for (key, value) in pairs { object[key] = value.json }
            return .object(object)
        }
    }
}
