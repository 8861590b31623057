import SiftCore

/// One row per label: `item, annotator, label` (CSV, TSV, JSON Lines or a JSON array; also Label
/// Studio's JSON-MIN export, which has an `annotator` field).
struct LongLayoutParser {
    private var fields: AnnotationFields
    private var item = ""
    private var annotator = ""
    private var label = ""
    private var resolved = false

    init(fields: AnnotationFields) {
        self.fields = fields
    }

    mutating func add(_ record: Record, to builder: inout AnnotationTableBuilder, input: inout AnnotationInput) throws {
        if !resolved {
            item = try AnnotationFields.resolve(fields.item, aliases: AnnotationFields.itemAliases, role: "item", option: "--item", in: record)
            annotator = try AnnotationFields.resolve(fields.annotator, aliases: AnnotationFields.annotatorAliases, role: "annotator", option: "--annotator", in: record)
            label = try AnnotationFields.resolve(fields.label, aliases: AnnotationFields.labelAliases, role: "label", option: "--label", in: record)
            if let time = fields.time { _ = try AnnotationFields.resolve(time, aliases: [], role: "time", option: "--time-field", in: record) }
            input.fields = [("item", item), ("annotator", annotator), ("label", label)] + (fields.time.map { [("time", $0)] } ?? [])
            resolved = true
        }
        input.entries += 1
        let itemId = try AnnotationFields.identifier(record, item, role: "item")
        let annotatorId = try AnnotationFields.identifier(record, annotator, role: "annotator")
        guard let text = try AnnotationFields.labelText(record.fields[label], at: record.location, field: label) else {
            input.emptyLabels += 1
            return
        }
        let time = try fields.time.map { try AnnotationFields.time(record, $0) }
        try builder.add(item: itemId, annotator: annotatorId, label: text, time: time, at: record.location)
    }
}
