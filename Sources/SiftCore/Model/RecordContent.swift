/// One turn of a conversation, with the role normalised to `system`, `user`, `assistant` or `tool`
/// (ShareGPT's `human`/`gpt` map to `user`/`assistant`); unknown roles are kept as written.
public struct Turn: Sendable, Hashable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func normalizedRole(_ raw: String) -> String {
        // The common spellings first, without allocating a lowercased copy.
        switch raw {
        case "user", "assistant", "system", "tool": return raw
        case "human": return "user"
        case "gpt": return "assistant"
        default: break
        }
        switch raw.lowercased() {
        case "user", "human", "customer", "prompter": return "user"
        case "assistant", "gpt", "chatgpt", "model", "bot", "bard", "bing", "agent": return "assistant"
        case "system", "developer": return "system"
        case "tool", "function", "observation", "ipython": return "tool"
        default: return raw
        }
    }
}

/// What a record says, independent of how its kind spells it. This is the single place where each
/// kind's fields are mapped to meaning; audits, dedup, filters and synthesis all read records
/// through it.
///
/// - `prompt`: what the model is given (chat: every turn before the final assistant turn).
/// - `response`: what the model should produce (chat: the final assistant turn).
/// - `document`: the text of a document-like record (RAG, classification, pretraining text).
/// - `comparableText`: the text that identifies the record for deduplication and overlap: the
///   turns joined by newlines for conversations, prompt and response for pairs, the document text.
public struct RecordContent: Sendable {
    public var kind: DatasetKind
    public var turns: [Turn]
    public var prompt: String?
    public var response: String?
    public var document: String?
    public var title: String?
    public var label: String?
    public var labelField: String?
    /// The name and raw value of the record's date field, parsed by `TimestampParser`.
    public var timestamp: (field: String, value: JSONValue)?
    public var source: String?
    public var id: String?

    public init(_ fields: JSONObject, kind: DatasetKind) {
        self.init(fields, kind: kind, layout: FieldLayout(fields))
    }

    /// The content view with the fields found at the positions `layout` (of these fields' keys,
    /// usually from a `FieldLayout.Cache`) gives.
    public init(_ fields: JSONObject, kind: DatasetKind, layout: FieldLayout) {
        let found = FoundFields(fields: fields, layout: layout)
        self.kind = kind
        turns = []
        id = found.firstScalar(.id)
        if let (name, value) = found.first(.label) {
            labelField = name
            label = Self.labelText(value)
        }
        if let (name, value) = found.first(.timestamp), !value.isNull {
            timestamp = (name, value)
        }
        source = Self.source(found)
        title = found.firstString(.title)

        switch kind {
        case .chat:
            turns = Self.turns(found.value(.messages), roleKey: "role", contentKey: "content")
            (prompt, response) = Self.split(turns)
        case .sharegpt:
            turns = Self.turns(found.value(.conversations), roleKey: "from", contentKey: "value")
            (prompt, response) = Self.split(turns)
        case .alpaca:
            let instruction = found.value(.instruction)?.scalarText ?? ""
            let input = found.value(.input)?.scalarText ?? ""
            prompt = input.allSatisfy(\.isWhitespace) ? instruction : instruction + "\n\n" + input
            response = found.value(.output)?.scalarText
        case .promptCompletion:
            prompt = found.value(.prompt)?.scalarText
            response = found.firstScalar(.completion)
        case .evalCase:
            prompt = found.firstScalar(.evalInput)
            response = found.firstScalar(.evalExpected)
        case .ragDocument, .classification, .text, .unknown:
            document = found.firstString(.document)
        }
        if turns.isEmpty, prompt != nil || response != nil {
            if let prompt { turns.append(Turn(role: "user", content: prompt)) }
            if let response { turns.append(Turn(role: "assistant", content: response)) }
        }
    }

    /// A label field's value as a label: a scalar's text, or a one-element list's.
    public static func labelText(_ value: JSONValue) -> String? {
        if let text = value.scalarText { return text }
        if case .array(let items) = value, items.count == 1 { return items[0].scalarText }
        return nil
    }

    /// The text that identifies the record, for duplicate detection and overlap measures.
    public var comparableText: String {
        if let document { return document }
        if !turns.isEmpty { return turns.map(\.content).joined(separator: "\n") }
        return [prompt, response].compactMap { $0 }.joined(separator: "\n")
    }

    private static func source(_ found: FoundFields) -> String? {
        if let provenance = found.value(.annotation)?["provenance"]?["source"]?.stringValue { return provenance }
        for value in found.values(.source) {
            switch value {
            case .string(let s): return s
            case .object(let o): if let s = o["source"]?.stringValue ?? o["type"]?.stringValue { return s }
            default: continue
            }
        }
        return found.value(.metadata)?["source"]?.stringValue
    }

    /// Message content is a string, or (OpenAI multimodal) a list of parts whose text parts count.
    private static func text(of content: JSONValue?) -> String {
        switch content {
        case .string(let s)?: return s
        case .array(let parts)?:
            return parts.compactMap { part in part["text"]?.stringValue ?? part.stringValue }.joined(separator: "\n")
        default: return content?.scalarText ?? ""
        }
    }

    private static func turns(_ value: JSONValue?, roleKey: String, contentKey: String) -> [Turn] {
        guard case .array(let items)? = value else { return [] }
        var turns: [Turn] = []
        turns.reserveCapacity(items.count)
        for item in items {
            guard case .object(let message) = item else { continue }
            let role = message[roleKey]?.stringValue ?? message["role"]?.stringValue ?? message["from"]?.stringValue ?? ""
            turns.append(Turn(role: Turn.normalizedRole(role), content: text(of: message[contentKey])))
        }
        return turns
    }

    private static func split(_ turns: [Turn]) -> (prompt: String?, response: String?) {
        guard let last = turns.last else { return (nil, nil) }
        let context = last.role == "assistant" ? turns.dropLast() : turns[...]
        // The non-system turns joined by newlines; one turn (the usual case) is shared, not copied.
        var prompt: String?
        for turn in context where turn.role != "system" {
            if prompt == nil { prompt = turn.content } else { prompt! += "\n" + turn.content }
        }
        return (context.isEmpty ? nil : prompt ?? "", last.role == "assistant" ? last.content : nil)
    }
}

/// A record's fields read through their layout: the `RecordSchema` lookups (`firstScalar`,
/// `firstPresent`, `firstString`) by position.
private struct FoundFields {
    let fields: JSONObject
    let layout: FieldLayout

    func values(_ role: FieldLayout.Role) -> some Sequence<JSONValue> {
        layout.positions(role).lazy.map { fields.values[Int($0)] }
    }

    func value(_ role: FieldLayout.Role) -> JSONValue? {
        layout.positions(role).first.map { fields.values[Int($0)] }
    }

    func first(_ role: FieldLayout.Role) -> (name: String, value: JSONValue)? {
        layout.positions(role).first.map { (fields.keys[Int($0)], fields.values[Int($0)]) }
    }

    func firstScalar(_ role: FieldLayout.Role) -> String? {
        RecordSchema.firstScalar(of: values(role))
    }

    func firstString(_ role: FieldLayout.Role) -> String? {
        RecordSchema.firstString(of: values(role))
    }
}
