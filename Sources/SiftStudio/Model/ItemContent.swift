import SiftCore

/// What an annotator is shown for one record: its text, and its turns when it is a conversation
/// (chat, ShareGPT, or an instruction and its response), which the annotate page shows as turns.
struct ItemContent: Sendable {
    var text: String
    var turns: [Turn]?

    /// The content of a data record: `--text-field` when given, else the record's own text as
    /// every Sift command reads it (`RecordContent`). Nil, with the reason, when there is none.
    static func of(_ record: Record, textField: String?) -> Result<ItemContent, ImportProblem> {
        if let textField {
            guard let value = record.fields[textField] else {
                return .failure(ImportProblem("no field \"\(textField)\" (--text-field); the fields are: \(record.fields.keys.joined(separator: ", "))"))
            }
            if let turns = turns(value), !turns.isEmpty { return .success(ItemContent(text: joined(turns), turns: turns)) }
            let text = value.stringValue ?? value.scalarText ?? JSONWriter(style: .pretty).string(value)
            guard !text.allSatisfy(\.isWhitespace) else { return .failure(ImportProblem("field \"\(textField)\" is empty")) }
            return .success(ItemContent(text: text, turns: nil))
        }
        let content = record.content(as: DatasetKind.of(record.fields))
        if !content.turns.isEmpty {
            return .success(ItemContent(text: joined(content.turns), turns: content.turns))
        }
        let text = content.document ?? content.comparableText
        guard !text.allSatisfy(\.isWhitespace) else {
            return .failure(ImportProblem("no text found (fields: \(record.fields.keys.joined(separator: ", "))); name it with --text-field"))
        }
        return .success(ItemContent(text: text, turns: nil))
    }

    /// A row of a `sift synth review` file: the prompt and response it shows for review.
    static func ofReviewRow(_ record: Record) -> Result<ItemContent, ImportProblem> {
        let prompt = record.fields["prompt"]?.scalarText ?? ""
        let response = record.fields["response"]?.scalarText ?? ""
        if prompt.isEmpty && response.isEmpty, case .object(let inner)? = record.fields["record"] {
            return of(Record(fields: inner, location: record.location), textField: nil)
        }
        guard !(prompt.isEmpty && response.isEmpty) else { return .failure(ImportProblem("review row has neither prompt nor response")) }
        let turns = [Turn(role: "user", content: prompt), Turn(role: "assistant", content: response)]
        return .success(ItemContent(text: joined(turns), turns: turns))
    }

    /// A list of `{role, content}` (or ShareGPT `{from, value}`) messages, as turns.
    static func turns(_ value: JSONValue) -> [Turn]? {
        guard case .array(let messages) = value, !messages.isEmpty else { return nil }
        var turns: [Turn] = []
        for message in messages {
            guard let role = message["role"]?.stringValue ?? message["from"]?.stringValue,
                  let content = message["content"]?.stringValue ?? message["value"]?.stringValue else { return nil }
            turns.append(Turn(role: role, content: content))
        }
        return turns
    }

    static func joined(_ turns: [Turn]) -> String { turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n\n") }

    var turnsJSON: String? {
        turns.map { JSONWriter().string(.array($0.map { ["role": .string($0.role), "content": .string($0.content)] })) }
    }

    static func turns(json: String?) -> [Turn]? {
        guard let json, let value = try? JSONParser.parse(json) else { return nil }
        return turns(value)
    }
}

/// Why an input record did not become an item.
struct ImportProblem: Error, Sendable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
