import SiftCore

/// What a project asks for on each item, and the check every submitted answer passes before it is
/// stored: a label outside the set is refused with a reason (HTTP 422), never silently kept.
public enum LabelSpec: Sendable, Equatable {
    /// One of these labels (or, with `multi`, a non-empty set of them), in this order.
    case choices([String], multi: Bool)
    /// An integer rating in this range (`--scale 1-5`).
    case scale(lower: Int, upper: Int)
    /// A review of a synthetic record: accept, reject or edit, with a note.
    case review

    public static let reviewVerdicts = ["accept", "reject", "edit"]

    /// The answers offered on the annotate page, in order (number keys pick them).
    public var options: [String] {
        switch self {
        case .choices(let labels, _): return labels
        case .scale(let lower, let upper): return (lower...upper).map(String.init)
        case .review: return Self.reviewVerdicts
        }
    }

    public var isMulti: Bool {
        if case .choices(_, true) = self { return true }
        return false
    }

    public var kind: String {
        switch self {
        case .choices: return "labels"
        case .scale: return "scale"
        case .review: return "review"
        }
    }

    /// `--scale 1-5`.
    public static func parseScale(_ text: String) throws -> LabelSpec {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), lower < upper, upper - lower <= 100 else {
            throw ParameterError("scale", "{scale} must be LOW-HIGH with integers, LOW < HIGH and at most 101 steps (e.g. 1-5), not \"\(text)\"")
        }
        return .scale(lower: lower, upper: upper)
    }

    /// `--labels a,b,c`: each label non-empty and listed once. A multi-label answer is compared
    /// by `sift agree` as its choices joined by `|`, so a label may not contain one there.
    public static func parseLabels(_ labels: [String], multi: Bool) throws -> LabelSpec {
        guard labels.count >= 2 else { throw ParameterError("labels", "{labels} needs at least two labels") }
        var seen = Set<String>()
        for label in labels {
            guard !label.isEmpty else { throw ParameterError("labels", "{labels} has an empty label") }
            guard seen.insert(label).inserted else { throw ParameterError("labels", "{labels} lists \"\(label)\" twice") }
            if multi && label.contains("|") {
                throw ParameterError("labels", "{labels}: \"\(label)\" contains |, which joins the choices of a multi-label answer")
            }
        }
        return .choices(labels, multi: multi)
    }

    /// The spec as stored with the project.
    public var json: JSONValue {
        switch self {
        case .choices(let labels, let multi):
            return ["kind": "labels", "labels": .array(labels.map(JSONValue.string)), "multi": .bool(multi)]
        case .scale(let lower, let upper):
            return ["kind": "scale", "lower": .integer(lower), "upper": .integer(upper)]
        case .review:
            return ["kind": "review", "labels": .array(Self.reviewVerdicts.map(JSONValue.string))]
        }
    }

    public init(json: JSONValue) throws {
        switch json["kind"]?.stringValue {
        case "labels":
            self = .choices(json["labels"]?.arrayValue?.compactMap(\.stringValue) ?? [], multi: json["multi"]?.boolValue ?? false)
        case "scale":
            guard let lower = json["lower"]?.intValue, let upper = json["upper"]?.intValue else { throw SiftError("corrupt scale spec") }
            self = .scale(lower: lower, upper: upper)
        case "review":
            self = .review
        default:
            throw SiftError("corrupt label spec \(json)")
        }
    }

    /// The canonical stored form of a submitted answer, or the reason it does not fit. A label
    /// is a string, a multi-label answer a list in the project's order, a rating an integer.
    public func validate(_ value: JSONValue?) throws(StudioError) -> JSONValue {
        guard let value, !value.isNull else { throw StudioError(.invalid, "\"label\" is missing") }
        switch self {
        case .choices(let labels, let multi):
            if multi {
                let given: [JSONValue]
                if case .array(let list) = value { given = list } else { given = [value] }
                guard !given.isEmpty else { throw StudioError(.invalid, "a multi-label answer needs at least one label") }
                var chosen = Set<String>()
                for item in given {
                    guard let text = item.stringValue else { throw StudioError(.invalid, "labels must be strings, not \(item.typeName)") }
                    guard labels.contains(text) else { throw Self.outside(text, labels) }
                    chosen.insert(text)
                }
                return .array(labels.filter(chosen.contains).map(JSONValue.string))
            }
            guard let text = value.stringValue else { throw StudioError(.invalid, "\"label\" must be a string, not \(value.typeName)") }
            guard labels.contains(text) else { throw Self.outside(text, labels) }
            return .string(text)
        case .scale(let lower, let upper):
            let number: Int?
            switch value {
            case .number(let text): number = Int(text)
            case .string(let text): number = Int(text)
            default: number = nil
            }
            guard let number else { throw StudioError(.invalid, "a rating must be a whole number from \(lower) to \(upper), not \(value)") }
            guard (lower...upper).contains(number) else {
                throw StudioError(.invalid, "rating \(number) is outside the project's scale \(lower)-\(upper)")
            }
            return .integer(number)
        case .review:
            guard let text = value.stringValue, Self.reviewVerdicts.contains(text) else {
                throw StudioError(.invalid, "a review verdict is one of accept, reject, edit; not \(value)")
            }
            return .string(text)
        }
    }

    private static func outside(_ label: String, _ labels: [String]) -> StudioError {
        let shown = label.count > 80 ? String(label.prefix(80)) + "…" : label
        return StudioError(.invalid, "label \"\(shown)\" is not one of the project's labels (\(labels.joined(separator: ", ")))")
    }

    /// An answer as one line of text, as `sift agree` compares it (multi-label: sorted, `|`-joined).
    public static func display(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return items.compactMap(\.scalarText).joined(separator: "|")
        default: return value.scalarText ?? JSONWriter().string(value)
        }
    }
}
