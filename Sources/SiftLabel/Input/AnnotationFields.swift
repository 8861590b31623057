import Foundation
import SiftCore

/// Which fields hold the item, the annotator, the label and the time. A name left nil is found
/// among common spellings (`item`, `item_id`, `id`, ...); a name given must exist.
public struct AnnotationFields: Sendable {
    public var item: String?
    public var annotator: String?
    public var label: String?
    /// The time each label was given (`--time-field`); required on every label when set.
    public var time: String?
    /// Wide layout: the annotator columns (default: every column but the item, time and text).
    public var annotators: [String]?

    public init(item: String? = nil, annotator: String? = nil, label: String? = nil, time: String? = nil, annotators: [String]? = nil) {
        self.item = item
        self.annotator = annotator
        self.label = label
        self.time = time
        self.annotators = annotators
    }

    static let itemAliases = ["item", "item_id", "id", "task_id", "example_id", "doc_id", "uid", "_id"]
    static let annotatorAliases = ["annotator", "annotator_id", "rater", "coder", "worker", "worker_id", "labeler", "labeller", "user", "user_id"]
    static let labelAliases = ["label", "labels", "category", "class", "rating", "answer", "annotation", "value"]
    /// Columns that hold the item's text, never an annotator, in a wide file.
    static let textColumns = RecordSchema.documentTextFields + ["prompt", "question", "title"]

    /// The field for `role` in a record: the given name (which must be there), else the first
    /// alias present. Errors list the record's fields so the fix is obvious.
    static func resolve(_ given: String?, aliases: [String], role: String, option: String, in record: Record) throws -> String {
        let available = record.fields.keys.joined(separator: ", ")
        if let given {
            guard record.fields[given] != nil else {
                throw SiftLabelError.row(record.location, "unknown \(role) field \"\(given)\" (\(option)); the fields are: \(available)")
            }
            return given
        }
        guard let found = aliases.first(where: { record.fields[$0] != nil }) else {
            throw SiftLabelError.row(record.location, "no \(role) field: none of \(aliases.joined(separator: ", ")) is present; the fields are: \(available); name it with \(option)")
        }
        return found
    }

    /// A field's value as an identifier (item or annotator): a non-empty scalar.
    static func identifier(_ record: Record, _ name: String, role: String) throws -> String {
        guard let value = record.fields[name] else {
            throw SiftLabelError.row(record.location, "missing \(role) field \"\(name)\"")
        }
        guard let text = value.scalarText.map(trimmed), !text.isEmpty else {
            throw SiftLabelError.row(record.location, "\(role) field \"\(name)\" is empty or not a plain value (\(value.typeName))")
        }
        return text
    }

    /// A label value as text; nil when it is missing (absent, null, blank): a skipped item. A
    /// list (a multi-choice answer) is compared as a whole: its choices sorted, joined by `|`.
    static func labelText(_ value: JSONValue?, at location: RecordLocation, field: String) throws -> String? {
        guard let value else { return nil }
        switch value {
        case .null: return nil
        case .string, .number, .bool:
            let text = trimmed(value.scalarText!)
            return text.isEmpty ? nil : text
        case .array(let choices):
            let texts = try choices.map { choice -> String in
                guard let t = choice.scalarText else { throw SiftLabelError.row(location, "label field \"\(field)\" holds a list with a non-scalar value") }
                return t
            }
            return texts.isEmpty ? nil : texts.sorted(by: LabelDomain.codePointLess).joined(separator: "|")
        case .object:
            throw SiftLabelError.row(location, "label field \"\(field)\" holds an object, not a label")
        }
    }

    /// Without surrounding whitespace. Most values have none, and checking the ends first keeps a
    /// million labels off Foundation's slower trimming.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        // Printable ASCII at both ends cannot be whitespace; anything else takes the full check.
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The time of a label from the `--time-field`, which must be present and readable.
    static func time(_ record: Record, _ name: String) throws -> Double {
        try time(record.fields[name], field: name, at: record.location)
    }

    static func time(_ value: JSONValue?, field name: String, at location: RecordLocation) throws -> Double {
        guard let value, !value.isNull else {
            throw SiftLabelError.row(location, "missing time field \"\(name)\" (--time-field)")
        }
        guard let parsed = TimestampParser.parse(value) else {
            throw SiftLabelError.row(location, "time field \"\(name)\": cannot read \(value) as a date or time")
        }
        return parsed.secondsSince1970
    }
}
