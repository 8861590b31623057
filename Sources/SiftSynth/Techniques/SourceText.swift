import SiftCore

/// What a generator reads from an input record, whatever its shape. Kinds are detected per record
/// (`DatasetKind.of`), so a seed file may mix Alpaca, chat and bare `{"instruction": ...}` lines.
public enum SourceText {
    /// The instruction or prompt: the prompt of instruction data, else an `instruction`, `prompt`,
    /// `question`, `query` or `input` field, else the document text.
    public static func instruction(_ record: Record) -> String? {
        let content = record.content(as: DatasetKind.of(record.fields))
        if let prompt = content.prompt, !TextNormalization.isBlank(prompt) { return prompt }
        for name in ["instruction", "prompt", "question", "query", "input"] {
            if let text = record.fields[name]?.stringValue, !TextNormalization.isBlank(text) { return text }
        }
        return document(record)
    }

    /// The text of a document, or the response of instruction data (what backtranslation reads).
    public static func document(_ record: Record) -> String? {
        let content = record.content(as: DatasetKind.of(record.fields))
        if let document = content.document, !TextNormalization.isBlank(document) { return document }
        if let response = content.response, !TextNormalization.isBlank(response) { return response }
        for name in RecordSchema.documentTextFields + ["output", "response", "completion", "answer"] {
            if let text = record.fields[name]?.stringValue, !TextNormalization.isBlank(text) { return text }
        }
        return nil
    }

    /// The conversation before the final user turn of a chat record (system prompt and earlier
    /// turns), so that distillation answers in context; empty for single-turn records.
    public static func context(_ record: Record) -> [ChatMessage] {
        let kind = DatasetKind.of(record.fields)
        guard kind == .chat || kind == .sharegpt else { return [] }
        var turns = record.content(as: kind).turns
        if turns.last?.role == "assistant" { turns.removeLast() }
        guard turns.last?.role == "user" else { return [] }
        turns.removeLast()
        return turns.map { ChatMessage(role: $0.role, content: $0.content) }
    }
}

/// Reads a whole (small) input file of records: seed sets and instruction lists. A malformed line
/// stops the run before any model is called, naming the file and line.
public func readRecords(_ paths: [String], options: ReadOptions = ReadOptions()) throws -> [Record] {
    let stream = try DatasetStream(paths: paths, options: options)
    var records: [Record] = []
    try stream.forEach { event in
        switch event {
        case .record(let record): records.append(record)
        case .malformed(let bad): throw SiftError(bad.description)
        }
    }
    return records
}
