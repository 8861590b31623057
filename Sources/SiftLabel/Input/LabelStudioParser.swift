import SiftCore

/// Label Studio's JSON export: an array of tasks, each with its `data` and the `annotations` made
/// on it (`completed_by` the annotator, `result` the regions and choices, `was_cancelled` for a
/// skipped task). See Label Studio's "Task format" guide (labelstud.io/guide/task_format).
///
/// Item-level answers are read from results of type `choices` (a list: several choices are
/// compared as a whole, sorted and joined by `|`), `rating` and `number`; region labels
/// (`labels`, `rectanglelabels`, ...) are not item-level and are ignored. When a project has
/// several such controls, `--label` picks one by its `from_name`. The item is the task `id`; the
/// annotator is `completed_by` (a user id, or the email of an expanded user object). Cancelled
/// annotations are counted and skipped; an annotation without an answer for the control is an
/// empty label.
struct LabelStudioParser {
    private let control: String?
    private var chosen: String?
    private let timeField: String?
    private let keepTexts: Bool

    init(fields: AnnotationFields, keepTexts: Bool) {
        control = fields.label
        timeField = fields.time
        self.keepTexts = keepTexts
    }

    static func looksLikeTask(_ record: Record) -> Bool {
        if case .array? = record.fields["annotations"], record.fields["data"] != nil { return true }
        return false
    }

    mutating func add(_ record: Record, to builder: inout AnnotationTableBuilder, input: inout AnnotationInput) throws {
        if input.fields.isEmpty {
            input.fields = [("item", "id"), ("annotator", "completed_by")] + (timeField.map { [("time", $0)] } ?? [])
        }
        guard case .array(let annotations)? = record.fields["annotations"] else {
            throw SiftLabelError.row(record.location, "not a Label Studio task: no \"annotations\" list")
        }
        let item = try AnnotationFields.identifier(record, "id", role: "task id")
        if keepTexts, let data = record.fields["data"]?.objectValue {
            let text = AnnotationFields.textColumns.lazy.compactMap { data[$0]?.stringValue }.first
                ?? data.values.lazy.compactMap(\.stringValue).first
            if let text { input.texts[item] = text }
        }
        for (k, entry) in annotations.enumerated() {
            input.entries += 1
            let context = "task \(item), annotation \(k + 1)"
            guard case .object(let annotation) = entry else {
                throw SiftLabelError.row(record.location, "\(context) is not an object")
            }
            if annotation["was_cancelled"]?.boolValue == true {
                input.cancelled += 1
                continue
            }
            let annotator = try Self.annotator(annotation["completed_by"], at: record.location, context: context)
            guard let label = try answer(annotation["result"], at: record.location, context: context) else {
                input.emptyLabels += 1
                continue
            }
            let time = try timeField.map { name in
                try AnnotationFields.time(annotation[name] ?? record.fields[name], field: name, at: record.location)
            }
            try builder.add(item: item, annotator: annotator, label: label, time: time, at: record.location)
        }
        if let chosen, !input.fields.contains(where: { $0.role == "label" }) { input.fields.append(("label", chosen)) }
    }

    private static func annotator(_ value: JSONValue?, at location: RecordLocation, context: String) throws -> String {
        switch value {
        case .number(let id)?: return id
        case .string(let name)? where !name.isEmpty: return name
        case .object(let user)?:
            if let email = user["email"]?.stringValue, !email.isEmpty { return email }
            if let id = user["id"]?.scalarText { return id }
        default: break
        }
        throw SiftLabelError.row(location, "\(context) has no completed_by (the annotator)")
    }

    /// The item-level answer of the chosen control in a result list, as label text.
    private mutating func answer(_ value: JSONValue?, at location: RecordLocation, context: String) throws -> String? {
        guard case .array(let results)? = value else { return nil }
        var found: String?
        for result in results {
            guard let name = result["from_name"]?.stringValue, let text = try Self.itemLevelAnswer(result, at: location) else { continue }
            if let control {
                if name == control { found = text }
                continue
            }
            if let chosen, chosen != name {
                throw SiftLabelError.row(location, "\(context) answers several label controls (\(chosen), \(name)); choose one with --label")
            }
            chosen = name
            found = text
        }
        return found
    }

    private static func itemLevelAnswer(_ result: JSONValue, at location: RecordLocation) throws -> String? {
        let value = result["value"]
        switch result["type"]?.stringValue {
        case "choices": return try AnnotationFields.labelText(value?["choices"], at: location, field: "choices")
        case "rating": return try AnnotationFields.labelText(value?["rating"], at: location, field: "rating")
        case "number": return try AnnotationFields.labelText(value?["number"], at: location, field: "number")
        default: return nil
        }
    }
}
