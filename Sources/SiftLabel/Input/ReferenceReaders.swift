import SiftCore

/// Reads the side files of a study: gold labels (`--gold`) and item texts (`--items`).
public enum ReferenceReaders {
    /// Gold labels: one row per item with an item field and a label field (`--gold-label`, else
    /// the `--label` name, else `gold_label`, `gold`, `label`, ...).
    public static func gold(path: String, itemField: String?, labelField: String?, readOptions: ReadOptions) throws -> GoldStandard {
        let stream = try DatasetStream(paths: [path], options: readOptions)
        var gold = GoldStandard()
        var item = ""
        var label = ""
        var resolved = false
        try stream.forEach { event in
            switch event {
            case .malformed(let bad):
                throw SiftLabelError.data("\(bad.description) (malformed gold row; fix or remove it)")
            case .record(let record):
                if !resolved {
                    item = try AnnotationFields.resolve(itemField, aliases: AnnotationFields.itemAliases, role: "gold item", option: "--item", in: record)
                    label = try AnnotationFields.resolve(labelField, aliases: ["gold_label", "gold", "expected"] + AnnotationFields.labelAliases,
                                                         role: "gold label", option: "--gold-label", in: record)
                    resolved = true
                }
                let id = try AnnotationFields.identifier(record, item, role: "gold item")
                guard let text = try AnnotationFields.labelText(record.fields[label], at: record.location, field: label) else {
                    throw SiftLabelError.row(record.location, "gold item \"\(id)\" has an empty gold label")
                }
                try gold.add(item: id, label: text, at: record.location)
            }
        }
        guard resolved else { throw SiftLabelError.data("\(path): no gold rows") }
        return gold
    }

    /// Texts of the `wanted` items from an items file (JSON Lines, CSV, ...): the item field as in
    /// the annotations (`--item`, else `id`, `item`, ...), the text from `textField` or the
    /// record's own text (its prompt and response, its document).
    public static func texts(path: String, itemField: String?, textField: String?, wanted: Set<String>, readOptions: ReadOptions) throws -> [String: String] {
        let stream = try DatasetStream(paths: [path], options: readOptions)
        let kind = try stream.detectKind()
        var texts: [String: String] = [:]
        var item: String?
        try stream.forEach { event in
            guard case .record(let record) = event else { return }
            if item == nil {
                item = try AnnotationFields.resolve(itemField, aliases: ["id"] + AnnotationFields.itemAliases, role: "item", option: "--item", in: record)
            }
            guard let id = record.fields[item!]?.scalarText, wanted.contains(id) else { return }
            if let textField {
                if let text = record.fields[textField]?.scalarText { texts[id] = text }
            } else {
                let text = record.content(as: kind).comparableText
                if !text.isEmpty { texts[id] = text }
            }
        }
        return texts
    }
}
