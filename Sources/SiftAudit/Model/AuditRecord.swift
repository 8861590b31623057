import SiftCore
import SiftText

/// A record as every check sees it: the fields, their meaning under the dataset's kind, how reports
/// point at it, the main text (the one lengths and diversity are measured on) and the hashes of its
/// canonical texts. Built once per record, on the worker threads, so that no check repeats the
/// field mapping or the normalisation. A class, so that handing it to twenty checks copies one
/// reference rather than retaining each of its strings twenty times.
public final class AuditRecord: Sendable {
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
    /// judged on and what examples in reports show. Joined on each use: checks that read every
    /// record's text go through `textParts` and pay for no copy.
    public var text: String { content.comparableText }
    /// XXH64 of the canonical (`TextNormalization.canonical`) `text`, nil when it is blank.
    public let textHash: UInt64?
    /// XXH64 of the canonical `input`, nil when there is no input or it is blank.
    public let inputHash: UInt64?
    /// XXH64 of the canonical `answer`, nil when there is none.
    public let answerHash: UInt64?
    /// The record's date (`content.timestamp`) as `TimestampParser` reads it, nil when it has no
    /// date field or the value is not a date: parsed once for the freshness and date-format checks.
    public let timestamp: ParsedTimestamp?

    public convenience init(_ record: Record, kind: DatasetKind) {
        var workspace = Workspace()
        self.init(record, kind: kind, workspace: &workspace)
    }

    /// What building records reuses from one record to the next: the buffer that holds canonical
    /// forms while their hashes are taken, and the layout of the previous record's fields. The
    /// auditor keeps one per slice of records.
    struct Workspace {
        var canonical = CanonicalBuffer()
        var layouts = FieldLayout.Cache()
    }

    init(_ record: Record, kind: DatasetKind, workspace: inout Workspace) {
        self.record = record
        let content = record.content(as: kind, layouts: &workspace.layouts)
        self.content = content
        reference = record.reference(id: content.id)
        timestamp = content.timestamp.flatMap { TimestampParser.parse($0.value) }
        let main: String?
        switch kind {
        case .chat, .sharegpt, .alpaca, .promptCompletion: main = content.response
        case .evalCase: main = content.prompt
        case .ragDocument, .classification, .text, .unknown: main = content.document
        }
        mainText = main
        mainCharacters = main.map(Self.scalarCount) ?? 0

        // Canonicalise each text once; the whole text, the input and the answer hash joins of parts.
        // Parts are numbered from 0 in the order appended: the document or the turns come first.
        workspace.canonical.reset()
        var textHash: UInt64?
        var inputHash: UInt64?
        var inputFound = false
        var answerPart: Int?
        func hash(_ parts: some Collection<Int>) -> UInt64? {
            workspace.canonical.hasText(parts) ? workspace.canonical.hash(parts) : nil
        }
        if let document = content.document {
            let part = workspace.canonical.append(document)
            textHash = hash(part...part)
            if content.prompt == nil { (inputHash, inputFound) = (textHash, true) }
        } else if !content.turns.isEmpty {
            let turns = content.turns
            for turn in turns { workspace.canonical.append(turn.content) }
            textHash = hash(turns.indices)
            let context = turns.last?.role == "assistant" ? turns.count - 1 : turns.count
            if content.prompt != nil { (inputHash, inputFound) = (hash((0..<context).lazy.filter { turns[$0].role != "system" }), true) }
            if content.response != nil, turns.last?.role == "assistant" { answerPart = turns.count - 1 }
        }
        if !inputFound, let prompt = content.prompt {
            let part = workspace.canonical.append(prompt)
            inputHash = hash(part...part)
        }
        if kind != .evalCase, let label = content.label { answerPart = workspace.canonical.append(label) }
        else if answerPart == nil, let answer = content.response ?? content.label { answerPart = workspace.canonical.append(answer) }
        self.textHash = textHash
        self.inputHash = inputHash
        answerHash = answerPart.map { workspace.canonical.hash($0...$0) }
    }

    /// The texts that `text` joins with newlines: the document, or else each turn's content.
    public var textParts: TextParts { TextParts(record: self) }

    /// `text` as the list of its parts, read in place.
    public struct TextParts: RandomAccessCollection, Sendable {
        let record: AuditRecord

        public var startIndex: Int { 0 }
        public var endIndex: Int { record.content.document != nil ? 1 : record.content.turns.count }
        public subscript(position: Int) -> String { record.content.document ?? record.content.turns[position].content }
    }

    /// The text a person reads to recognise the record, for examples in reports.
    public var excerpt: String { text }

    /// The input a label or an answer is given for: the prompt of pairs and conversations, the text
    /// of a classification record. Conflicting labels are judged on it.
    public var input: String? { content.prompt ?? content.document }

    /// The answer given for `input`: the label when the record has one (the cleanest supervision
    /// signal: a classification label, a chat's intent), else the response; for an evaluation case
    /// always its expected output first, which is what the case checks.
    public var answer: String? {
        content.kind == .evalCase ? content.response ?? content.label : content.label ?? content.response
    }

    /// Unicode scalars: the bytes that are not UTF-8 continuation bytes, sixteen at a time.
    static func scalarCount(_ text: String) -> Int {
        return text.withUTF8Bytes { bytes in
            var count = 0
            var i = 0
            while i + ByteBlock.width <= bytes.count {
                count &+= ByteBlock.bits(ByteBlock(bytes, at: i).scalarStarts).nonzeroBitCount
                i += ByteBlock.width
            }
            while i < bytes.count {
                count &+= Int(truncatingIfNeeded: (bytes[i] & 0xC0) != 0x80 ? 1 : 0)
                i += 1
            }
            return count
        }
    }
}
