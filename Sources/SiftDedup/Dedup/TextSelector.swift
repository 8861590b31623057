import SiftCore

/// The text of a record that deduplication compares.
///
/// By default it is `RecordContent.comparableText` under the dataset's kind: the document text for
/// document-like kinds, the turns' contents joined by newlines for chat and ShareGPT, prompt and
/// response joined by a newline for Alpaca, prompt/completion and evaluation cases. `--field NAME`
/// compares that field instead (a string, or a number or boolean as written).
public struct TextSelector: Sendable {
    public let field: String?
    public let kind: DatasetKind

    public init(field: String?, kind: DatasetKind) {
        self.field = field
        self.kind = kind
    }

    /// The text, or nil when the record has none to compare (no such field, or a null, array or
    /// object in it). Blank texts are returned as they are: callers report them apart.
    public func text(of record: Record) -> String? {
        if let field { return record.fields[field]?.scalarText }
        let content = record.content(as: kind)
        if content.document == nil, content.turns.isEmpty, content.prompt == nil, content.response == nil { return nil }
        return content.comparableText
    }

    /// What is compared, for reports.
    public var description: String {
        if let field { return "field \"\(field)\"" }
        switch kind {
        case .chat, .sharegpt: return "\(kind.rawValue) turns joined by newlines"
        case .alpaca, .promptCompletion, .evalCase: return "\(kind.rawValue) prompt and response joined by a newline"
        case .ragDocument, .classification, .text, .unknown:
            return "document text (\(RecordSchema.documentTextFields.joined(separator: ", ")))"
        }
    }
}
