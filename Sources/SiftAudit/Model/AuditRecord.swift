import SiftCore

/// A record as every check sees it: the fields, their meaning under the dataset's kind, how reports
/// point at it, and the main text (the one lengths and diversity are measured on). Built once per
/// record, on the worker threads, so that no check repeats the field mapping.
public struct AuditRecord: Sendable {
    public let record: Record
    public let content: RecordContent
    public let reference: String
    /// The text the record is about: the response of instruction data (what a model learns to
    /// produce), the input of an evaluation case (what the model is tested on), the document text
    /// otherwise. Nil when the record has none.
    public let mainText: String?
    /// Unicode scalars in `mainText` (0 when there is none).
    public let mainCharacters: Int
    /// The text that identifies the record (`RecordContent.comparableText`): what duplicates are
    /// judged on and what examples in reports show.
    public let text: String

    public init(_ record: Record, kind: DatasetKind) {
        self.record = record
        content = record.content(as: kind)
        reference = record.reference
        let main: String?
        switch kind {
        case .chat, .sharegpt, .alpaca, .promptCompletion: main = content.response
        case .evalCase: main = content.prompt
        case .ragDocument, .classification, .text, .unknown: main = content.document
        }
        mainText = main
        mainCharacters = main.map(Self.scalarCount) ?? 0
        text = content.comparableText
    }

    /// The text a person reads to recognise the record, for examples in reports.
    public var excerpt: String { text }

    /// The input a label or an answer is given for: the prompt of pairs and conversations, the text
    /// of a classification record. Conflicting labels are judged on it.
    public var input: String? { content.prompt ?? content.document }

    /// The answer given for `input`: the label when the record has one, else the response.
    public var answer: String? { content.label ?? content.response }

    static func scalarCount(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
