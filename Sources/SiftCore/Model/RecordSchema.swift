/// The field names Sift recognises, in order of preference. Kept in one table so that every
/// module agrees on what "the id", "the label" or "the timestamp" of a record is.
public enum RecordSchema {
    public static let annotationKey = "_sift"
    public static let idFields = ["id", "_id", "uuid", "doc_id", "document_id", "item_id", "example_id", "case_id", "uid"]
    public static let labelFields = ["label", "labels", "category", "intent", "class", "sentiment", "gold_label"]
    public static let timestampFields = [
        "updated_at", "last_updated", "modified_at", "last_modified", "date_modified", "modified",
        "published_at", "date_published", "published", "created_at", "date", "timestamp", "crawl_date",
    ]
    public static let sourceFields = ["source", "provenance", "origin", "data_source"]
    public static let titleFields = ["title", "name", "heading"]
    public static let documentTextFields = ["text", "content", "body", "document", "page_content"]
    public static let evalInputFields = ["input", "question", "query"]
    public static let evalExpectedFields = ["expected", "expected_output", "reference", "answer", "target", "ideal"]
    public static let completionFields = ["completion", "response"]
    /// Fields that, next to a text, make a record a retrievable document rather than bare text.
    public static let documentMetadataFields = ["id", "source", "title", "url", "updated_at", "doc_id", "document_id", "metadata", "last_modified", "created_at", "published_at"]
    /// Every top-level field any kind's content, references or detection can read: a pass that
    /// only computes from `RecordContent` reads these columns of a Parquet file and skips the rest
    /// (`ReadOptions.fields`).
    public static let contentFields: Set<String> = Set(idFields + labelFields + timestampFields + sourceFields + titleFields
        + documentTextFields + evalInputFields + evalExpectedFields + completionFields + documentMetadataFields
        + ["messages", "conversations", "instruction", "input", "output", "prompt", "metadata", annotationKey])

    /// The first of `names` present in `fields` whose value is a scalar, as text.
    public static func firstScalar(_ names: [String], in fields: JSONObject) -> String? {
        firstScalar(of: names.lazy.compactMap { fields[$0] })
    }

    /// The first of `values` that is a scalar, as text.
    public static func firstScalar(of values: some Sequence<JSONValue>) -> String? {
        for value in values {
            if let text = value.scalarText { return text }
        }
        return nil
    }

    /// The first of `names` present in `fields`, with its name.
    public static func firstPresent(_ names: [String], in fields: JSONObject) -> (name: String, value: JSONValue)? {
        for name in names {
            if let value = fields[name] { return (name, value) }
        }
        return nil
    }

    /// The first of `names` holding a string.
    public static func firstString(_ names: [String], in fields: JSONObject) -> (name: String, value: String)? {
        for name in names {
            if case .string(let s)? = fields[name] { return (name, s) }
        }
        return nil
    }

    /// The first of `values` that is a string.
    public static func firstString(of values: some Sequence<JSONValue>) -> String? {
        for value in values {
            if case .string(let s) = value { return s }
        }
        return nil
    }
}
