#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiftCore

/// Reads a JSON Lines record's stats straight from its bytes (issue 20): the type and emptiness of
/// each top-level field, the characters and words of the prompt, response or document, the number
/// of turns and the label, without building the record's `JSONValue` tree or owned strings.
///
/// It mirrors `RecordContent` for the kinds it `supports` and declines everything else: any line
/// it cannot vouch for (malformed, nesting past `JSONCursor`'s limit, repeated keys, escaped or
/// non-ASCII keys, list-valued message content or labels) leaves the accumulator untouched, and the
/// caller decodes that line with `JSONParser` and adds the record as before. Tests compare both
/// ways on random and adversarial lines. One reader serves one accumulator.
struct StatsLineReader {
    let kind: DatasetKind
    let maxDepth: Int
    private let conversationKey: String
    private let roleKey: String
    private let contentKey: [UInt8]
    private var scratch: [UInt8] = []
    /// The top-level keys of the last record read and what they are, while records keep them.
    private var layout = Layout(names: [], kind: .unknown)
    /// Per top-level field of the current line: its type and whether it is empty.
    private var observed: [(type: String, isEmpty: Bool)] = []
    private var turns: [TurnMeasure] = []

    static func supports(_ kind: DatasetKind) -> Bool {
        switch kind {
        case .chat, .sharegpt, .ragDocument, .classification, .text, .unknown: return true
        case .alpaca, .promptCompletion, .evalCase: return false
        }
    }

    init(kind: DatasetKind, maxDepth: Int) {
        self.kind = kind
        self.maxDepth = maxDepth
        // RecordContent: chat reads messages' role/content, ShareGPT conversations' from/value.
        let content: String
        if kind == .sharegpt {
            (conversationKey, roleKey, content) = ("conversations", "from", "value")
        } else {
            (conversationKey, roleKey, content) = ("messages", "role", "content")
        }
        contentKey = Array(content.utf8)
    }

    /// Where the fields `sift stats` reads sit in one list of top-level keys.
    private struct Layout {
        var names: [String]
        var keys: [[UInt8]]
        /// The conversation's position (chat, ShareGPT).
        var conversation: Int?
        /// Per position, its rank among `RecordSchema.documentTextFields` (document kinds).
        var documentRank: [Int?]
        /// The most preferred label field present (`RecordSchema.labelFields`).
        var label: Int?
        /// Per position, the field's index in the accumulator's `fields`, once known.
        var slots: [Int?]

        init(names: [String], kind: DatasetKind, conversationKey: String = "messages") {
            self.names = names
            keys = names.map { Array($0.utf8) }
            slots = Array(repeating: nil, count: names.count)
            let isConversation = kind == .chat || kind == .sharegpt
            conversation = isConversation ? names.firstIndex(of: conversationKey) : nil
            documentRank = names.map { isConversation ? nil : RecordSchema.documentTextFields.firstIndex(of: $0) }
            label = RecordSchema.labelFields.lazy.compactMap { names.firstIndex(of: $0) }.first
        }
    }

    private struct LayoutChanged: Error {}

    /// Adds the record on `line` to `accumulator` and returns true, or returns false and leaves the
    /// accumulator as it was.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>, to accumulator: inout StatsAccumulator) -> Bool {
        do {
            try read(line, into: &accumulator)
            return true
        } catch is LayoutChanged {
            // New keys: learn them (unless repeated, which JSONParser resolves), then read again.
            guard let names = keys(of: line), Set(names).count == names.count else { return false }
            layout = Layout(names: names, kind: kind, conversationKey: conversationKey)
            return (try? read(line, into: &accumulator)) != nil
        } catch {
            return false
        }
    }

    /// The record's top-level keys, or nil if the line is not one the cursor reads.
    private mutating func keys(of line: UnsafeBufferPointer<UInt8>) -> [String]? {
        var cursor = JSONCursor(line, maxDepth: maxDepth, scratch: scratch)
        defer { scratch = cursor.scratchBuffer }
        var names: [String] = []
        do {
            guard try cursor.enterObject(depth: 1) else { return cursor.atEnd() ? [] : nil }
            repeat {
                names.append(String(decoding: try cursor.key(), as: UTF8.self))
                try cursor.skipValue(depth: 1)
            } while try cursor.nextMember()
        } catch {
            return nil
        }
        return cursor.atEnd() ? names : nil
    }

    private mutating func read(_ line: UnsafeBufferPointer<UInt8>, into accumulator: inout StatsAccumulator) throws {
        var cursor = JSONCursor(line, maxDepth: maxDepth, scratch: scratch)
        defer { scratch = cursor.scratchBuffer }
        observed.removeAll(keepingCapacity: true)
        turns.removeAll(keepingCapacity: true)
        var document: (rank: Int, measure: TextMeasure)?
        var label: String?
        if try cursor.enterObject(depth: 1) {
            var position = 0
            repeat {
                let key = try cursor.key()
                guard position < layout.keys.count, Self.equal(key, layout.keys[position]) else { throw LayoutChanged() }
                if position == layout.conversation {
                    let observation = try readConversation(&cursor)
                    observed.append(observation)
                } else if let rank = layout.documentRank[position] {
                    if try cursor.peekKind() == .string {
                        let measure = try cursor.measuredString()
                        if document == nil || rank < document!.rank { document = (rank, measure) }
                        observed.append(("string", measure.words == 0))
                    } else {
                        let observation = try observe(&cursor)
                        observed.append(observation)
                    }
                } else if position == layout.label {
                    let (observation, text) = try readLabel(&cursor)
                    observed.append(observation)
                    label = text
                } else {
                    let observation = try observe(&cursor)
                    observed.append(observation)
                }
                position += 1
            } while try cursor.nextMember()
            guard position == layout.keys.count else { throw LayoutChanged() }
        } else if !layout.keys.isEmpty {
            throw LayoutChanged()
        }
        guard cursor.atEnd() else { throw JSONCursor.Stop() }

        // Everything read and valid: only now does the accumulator change.
        accumulator.records += 1
        for position in observed.indices {
            let slot: Int
            if let known = layout.slots[position] {
                slot = known
            } else {
                let name = layout.names[position]
                if accumulator.fields[name] == nil { accumulator.fields[name] = FieldStats() }
                slot = accumulator.fields.index(forKey: name)!
                layout.slots[position] = slot
            }
            accumulator.fields.values[slot].add(typeName: observed[position].type, isEmpty: observed[position].isEmpty)
        }
        let (prompt, response) = turns.promptAndResponse()
        accumulator.addContent(prompt: prompt, response: response, document: document?.measure, turns: turns.count,
                               label: label, labelField: layout.label.map { layout.names[$0] })
    }

    /// The type and emptiness of any value (`JSONValue.typeName`, `JSONValue.isEmpty`), read past.
    private func observe(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> (type: String, isEmpty: Bool) {
        switch try cursor.peekKind() {
        case .string:
            let string = try cursor.string()
            return ("string", try cursor.isBlank(string))
        case .object:
            guard try cursor.enterObject(depth: 2) else { return ("object", true) }
            repeat {
                _ = try cursor.key()
                try cursor.skipValue(depth: 2)
            } while try cursor.nextMember()
            return ("object", false)
        case .array:
            guard try cursor.enterArray(depth: 2) else { return ("array", true) }
            repeat {
                try cursor.skipValue(depth: 2)
            } while try cursor.nextElement()
            return ("array", false)
        case .integer:
            _ = try cursor.number()
            return ("integer", false)
        case .number:
            _ = try cursor.number()
            return ("number", false)
        case .boolean:
            _ = try cursor.boolean()
            return ("boolean", false)
        case .null:
            try cursor.null()
            return ("null", true)
        }
    }

    /// A label field's value: `RecordContent`'s label is a scalar's text (null and objects have
    /// none). A list label (one element counts) is left to `JSONParser`.
    private func readLabel(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> ((type: String, isEmpty: Bool), String?) {
        switch try cursor.peekKind() {
        case .string:
            let string = try cursor.string()
            return (("string", try cursor.isBlank(string)), try cursor.decoded(string))
        case .integer, .number:
            let kind = try cursor.peekKind()
            let literal = try cursor.number()
            return ((kind == .integer ? "integer" : "number", false), String(decoding: literal, as: UTF8.self))
        case .boolean:
            let value = try cursor.boolean()
            return (("boolean", false), value ? "true" : "false")
        case .array:
            throw JSONCursor.Stop()
        case .null, .object:
            return (try observe(&cursor), nil)
        }
    }

    /// The conversation field: its turns into `turns` (`RecordContent.turns`), and its own type.
    private mutating func readConversation(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> (type: String, isEmpty: Bool) {
        guard try cursor.peekKind() == .array else { return try observe(&cursor) }
        guard try cursor.enterArray(depth: 2) else { return ("array", true) }
        repeat {
            if try cursor.peekKind() == .object {
                try readTurn(&cursor)
            } else {
                try cursor.skipValue(depth: 2)
            }
        } while try cursor.nextElement()
        return ("array", false)
    }

    /// One message: its role (`roleKey`, else `role`, else `from`, strings only; normalised) and
    /// its content's measures (a string; a number's or boolean's text; nothing for null, an object
    /// or no content). Repeated role or content keys, and list content, are left to `JSONParser`.
    private mutating func readTurn(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) {
        var role: String?, from: String?
        var sawRole = false, sawFrom = false, sawContent = false
        var measure = TextMeasure(characters: 0, words: 0)
        if try cursor.enterObject(depth: 3) {
            repeat {
                let key = try cursor.key()
                let isRole = Self.equal(key, Self.role)
                if isRole || Self.equal(key, Self.from) {
                    var value: String?
                    if try cursor.peekKind() == .string {
                        value = try cursor.decoded(try cursor.string(validating: false))
                    } else {
                        try cursor.skipValue(depth: 3)
                    }
                    if isRole {
                        guard !sawRole else { throw JSONCursor.Stop() }
                        (sawRole, role) = (true, value)
                    } else {
                        guard !sawFrom else { throw JSONCursor.Stop() }
                        (sawFrom, from) = (true, value)
                    }
                } else if Self.equal(key, contentKey) {
                    guard !sawContent else { throw JSONCursor.Stop() }
                    sawContent = true
                    switch try cursor.peekKind() {
                    case .string: measure = try cursor.measuredString()
                    case .integer, .number: measure = TextMeasure(characters: try cursor.number().count, words: 1)
                    case .boolean: measure = TextMeasure(characters: try cursor.boolean() ? 4 : 5, words: 1)
                    case .null, .object: try cursor.skipValue(depth: 3)
                    case .array: throw JSONCursor.Stop()
                    }
                } else {
                    try cursor.skipValue(depth: 3)
                }
            } while try cursor.nextMember()
        }
        // `message[roleKey] ?? message["role"] ?? message["from"]`, roleKey being "role" or "from".
        let text = (roleKey == "from" ? from ?? role : role ?? from) ?? ""
        turns.append(TurnMeasure(role: Turn.normalizedRole(text), measure: measure))
    }

    private static let role = Array("role".utf8)
    private static let from = Array("from".utf8)

    /// Byte comparison with `memcmp`: keys are compared several times per record.
    private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: [UInt8]) -> Bool {
        guard key.count == name.count else { return false }
        guard let base = key.baseAddress else { return true }
        return name.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, key.count) == 0 }
    }
}
