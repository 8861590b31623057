import SiftCore

/// One row per item, one column per annotator, an empty cell where an annotator skipped the item.
///
/// Annotator columns are `--annotators` when given, else every column except the item, the time
/// field and text columns (`text`, `content`, `prompt`, ..., kept as the item's text for reports).
struct WideLayoutParser {
    private var fields: AnnotationFields
    private var item = ""
    private var resolved = false
    private let keepTexts: Bool

    init(fields: AnnotationFields, keepTexts: Bool) {
        self.fields = fields
        self.keepTexts = keepTexts
    }

    mutating func add(_ record: Record, to builder: inout AnnotationTableBuilder, input: inout AnnotationInput) throws {
        if !resolved {
            item = try AnnotationFields.resolve(fields.item, aliases: AnnotationFields.itemAliases, role: "item", option: "--item", in: record)
            if let time = fields.time { _ = try AnnotationFields.resolve(time, aliases: [], role: "time", option: "--time-field", in: record) }
            if let named = fields.annotators {
                for name in named where record.fields[name] == nil {
                    throw SiftLabelError.row(record.location, "unknown annotator column \"\(name)\" (--annotators); the columns are: \(record.fields.keys.joined(separator: ", "))")
                }
                builder.declare(annotators: named)
            } else {
                builder.declare(annotators: record.fields.keys.filter(isAnnotatorColumn))
            }
            input.fields = [("item", item)] + (fields.time.map { [("time", $0)] } ?? [])
            resolved = true
        }
        let itemId = try AnnotationFields.identifier(record, item, role: "item")
        let time = try fields.time.map { try AnnotationFields.time(record, $0) }
        if keepTexts, let text = AnnotationFields.textColumns.lazy.compactMap({ record.fields[$0]?.stringValue }).first {
            input.texts[itemId] = text
        }
        let columns = fields.annotators ?? record.fields.keys.filter(isAnnotatorColumn)
        for column in columns {
            input.entries += 1
            guard let text = try AnnotationFields.labelText(record.fields[column], at: record.location, field: column) else {
                input.emptyLabels += 1
                continue
            }
            try builder.add(item: itemId, annotator: column, label: text, time: time, at: record.location)
        }
    }

    private func isAnnotatorColumn(_ name: String) -> Bool {
        name != item && name != fields.time && name != RecordSchema.annotationKey && !AnnotationFields.textColumns.contains(name)
    }
}
