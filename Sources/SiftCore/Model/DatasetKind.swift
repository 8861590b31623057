/// What a dataset is for, as its fields reveal it. The kind decides which fields hold the prompt,
/// the response, the document text and the label (see `RecordContent`).
public enum DatasetKind: String, Sendable, CaseIterable, Hashable {
    /// OpenAI / Hugging Face chat: `messages: [{role, content}]`.
    case chat
    /// ShareGPT: `conversations: [{from, value}]`.
    case sharegpt
    /// Alpaca: `instruction`, optional `input`, `output`.
    case alpaca
    /// `prompt` and `completion` (or `response`).
    case promptCompletion = "prompt_completion"
    /// A retrievable document: `text`/`content` with metadata such as `id`, `source`, `title`, `url`, `updated_at`.
    case ragDocument = "rag_document"
    /// An evaluation case: `input`/`question` with `expected`/`expected_output`/`reference`/`answer`.
    case evalCase = "eval_case"
    /// `text` with a `label`.
    case classification
    /// Bare `text`, as in pretraining corpora.
    case text
    case unknown

    /// The kind one record's fields suggest. Checked from the most to the least specific shape, so
    /// that an Alpaca record (which has `input`) is not mistaken for an evaluation case.
    public static func of(_ fields: JSONObject) -> DatasetKind {
        if case .array? = fields["messages"] { return .chat }
        if case .array? = fields["conversations"] { return .sharegpt }
        if fields["instruction"] != nil, fields["output"] != nil { return .alpaca }
        if fields["prompt"] != nil, RecordSchema.firstPresent(RecordSchema.completionFields, in: fields) != nil { return .promptCompletion }
        if RecordSchema.firstPresent(RecordSchema.evalInputFields, in: fields) != nil,
           RecordSchema.firstPresent(RecordSchema.evalExpectedFields, in: fields) != nil { return .evalCase }
        let hasText = RecordSchema.firstPresent(RecordSchema.documentTextFields, in: fields) != nil
        if hasText, RecordSchema.firstPresent(RecordSchema.labelFields, in: fields) != nil { return .classification }
        if hasText, RecordSchema.firstPresent(RecordSchema.documentMetadataFields, in: fields) != nil { return .ragDocument }
        if fields["text"] != nil { return .text }
        return .unknown
    }

    /// The kind of a dataset: the most common kind among its (sampled) records; ties go to the more
    /// specific kind. Records of other kinds then show up as `missing_field` in an audit.
    public static func detect(_ records: some Sequence<JSONObject>) -> DatasetKind {
        var counts: [DatasetKind: Int] = [:]
        for fields in records { counts[of(fields), default: 0] += 1 }
        var best = DatasetKind.unknown
        var bestCount = 0
        for kind in allCases where kind != .unknown {
            if let count = counts[kind], count > bestCount {
                best = kind
                bestCount = count
            }
        }
        return best
    }

    /// The fields a record of this kind must have; each inner list holds interchangeable names.
    public var requiredFields: [[String]] {
        switch self {
        case .chat: return [["messages"]]
        case .sharegpt: return [["conversations"]]
        case .alpaca: return [["instruction"], ["output"]]
        case .promptCompletion: return [["prompt"], RecordSchema.completionFields]
        case .ragDocument: return [RecordSchema.documentTextFields]
        case .evalCase: return [RecordSchema.evalInputFields, RecordSchema.evalExpectedFields]
        case .classification: return [RecordSchema.documentTextFields, RecordSchema.labelFields]
        case .text: return [["text"]]
        case .unknown: return []
        }
    }

    /// Whether records are prompt/response pairs (instruction data), as opposed to documents.
    public var isInstructionData: Bool {
        switch self {
        case .chat, .sharegpt, .alpaca, .promptCompletion: return true
        case .ragDocument, .evalCase, .classification, .text, .unknown: return false
        }
    }
}
