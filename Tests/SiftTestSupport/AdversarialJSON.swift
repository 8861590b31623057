import SiftCore

/// Seeded random JSON Lines records, valid and not, written to catch a fast reader that drifts
/// from `JSONParser`: escapes of every kind, surrogate pairs and lone surrogates, raw multi-byte
/// and invalid UTF-8, Unicode whitespace, control bytes, numbers at the edges of the grammar,
/// literals, deep nesting, repeated and escaped keys, and records of the chat, ShareGPT and
/// document shapes with odd roles, contents and labels; some lines are then damaged byte-wise.
public struct AdversarialJSON: RandomNumberGenerator {
    public enum Shape: CaseIterable, Sendable {
        case chat, sharegpt, document
    }

    /// Sift's own seeded generator, so that a failing seed replays anywhere.
    private var random: SplitMix64

    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    public mutating func next() -> UInt64 { random.next() }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Pieces of string content, as they appear between the quotes (escapes written out).
    private static let pieces: [[UInt8]] = [
        "word", "Two words", " ", "  ", "\\t", "\\n", "\\r\\n", "\\\"quoted\\\"", "back\\\\slash", "\\/",
        "\\b\\f", "\\u00e9t\\u00E9", "\\u0041", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud800x",
        "\\u2003", "\\u00a0", "\\u0085", "\\u001c", "é", "日本語", "😀", "\u{00A0}", "\u{2003}", "\u{3000}",
        "\u{0085}", "a.b,c?", "0123456789", String(repeating: "long text ", count: 8),
    ].map { Array($0.utf8) } + [
        [0xFF], [0xC0, 0x80], [0xE3, 0x81], [0xED, 0xA0, 0x80], [0x01], [0x7F], [0x5C, 0x78], [0x5C, 0x75, 0x31, 0x32],
    ]

    /// A string literal with its quotes; mostly valid, sometimes not (the last pieces above).
    public mutating func string(maxPieces: Int = 6, valid: Bool = false) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for _ in 0..<below(maxPieces + 1) {
            let limit = valid ? Self.pieces.count - 8 : (chance(90) ? Self.pieces.count - 8 : Self.pieces.count)
            out += Self.pieces[below(limit)]
        }
        out.append(0x22)
        return out
    }

    private static let numbers = ["0", "-0", "7", "-12", "3.25", "1e10", "-2.5E-3", "1E+2", "12345678901234567890", "0.0"]
    private static let badNumbers = ["01", "1.", ".5", "+1", "1e", "-", "1.e3", "0x1F", "NaN", "Infinity"]
    private static let literals = ["true", "false", "null"]
    private static let badLiterals = ["tru", "nul", "True", "nulll", "falsy"]

    /// Any JSON value `depth` levels down.
    public mutating func value(depth: Int = 0) -> [UInt8] {
        switch below(depth > 66 ? 4 : 7) {
        case 0: return string()
        case 1: return Array((chance(95) ? pick(Self.numbers) : pick(Self.badNumbers)).utf8)
        case 2: return Array((chance(95) ? pick(Self.literals) : pick(Self.badLiterals)).utf8)
        case 3: return chance(50) ? Array("[]".utf8) : Array("{}".utf8)
        case 4: return array(depth: depth + 1)
        case 5: return object(depth: depth + 1)
        default: return nested(depth: depth)
        }
    }

    /// A chain of arrays and objects around a scalar, sometimes past `JSONCursor`'s 64 levels.
    private mutating func nested(depth: Int) -> [UInt8] {
        let levels = pick([1, 3, 10, 62, 63, 64, 65, 70])
        var open: [UInt8] = []
        var close: [UInt8] = []
        for _ in 0..<levels {
            if chance(50) {
                open += Array("[".utf8)
                close = Array("]".utf8) + close
            } else {
                open += Array("{\"k\":".utf8)
                close = Array("}".utf8) + close
            }
        }
        return open + Array("1".utf8) + close
    }

    private mutating func array(depth: Int) -> [UInt8] {
        var out: [UInt8] = [0x5B]
        for i in 0..<below(4) {
            if i > 0 { out += Array((chance(97) ? ", " : ",,").utf8) }
            out += value(depth: depth)
        }
        out += Array((chance(97) ? "]" : ",]").utf8)
        return out
    }

    private mutating func object(depth: Int) -> [UInt8] {
        var members: [([UInt8], [UInt8])] = []
        for _ in 0..<below(4) { members.append((key(), value(depth: depth))) }
        return object(members)
    }

    private mutating func key() -> [UInt8] {
        if chance(10) { return string(maxPieces: 2) }
        return Array("\"\(pick(["a", "b", "k", "text", "label", "role", "content", "te\\u0078t", "clé", "from", "value"]))\"".utf8)
    }

    private mutating func object(_ members: [([UInt8], [UInt8])]) -> [UInt8] {
        var out: [UInt8] = Array((chance(10) ? " { " : "{").utf8)
        for (i, (key, value)) in members.enumerated() {
            if i > 0 { out += Array((chance(98) ? ", " : " ,\t").utf8) }
            out += key + Array((chance(95) ? ": " : ":").utf8) + value
        }
        out += Array((chance(98) ? "}" : ",}").utf8)
        return out
    }

    private mutating func quoted(_ text: String) -> [UInt8] { Array("\"\(text)\"".utf8) }

    /// One message of a conversation, `roleKey`/`contentKey` being its shape's names.
    private mutating func message(roleKey: String, contentKey: String) -> [UInt8] {
        if chance(3) { return value() }
        let roles = ["user", "assistant", "system", "tool", "human", "gpt", "USER", "Model", "bot", "narrator", "us\\u0065r", "", "assistant "]
        var members: [([UInt8], [UInt8])] = []
        if chance(92) {
            let key = chance(85) ? roleKey : pick(["role", "from"])
            members.append((quoted(key), chance(95) ? quoted(pick(roles)) : value()))
        }
        if chance(5) { members.append((quoted(pick(["role", "from"])), quoted(pick(roles)))) }
        if chance(95) {
            let content: [UInt8]
            switch below(20) {
            case 0: content = value()
            case 1: content = Array("[{\"type\": \"text\", \"text\": \"part\"}, \"two\"]".utf8)
            case 2: content = Array(pick(["12", "-3.5", "true", "false", "null", "{}"]).utf8)
            default: content = string(maxPieces: 12)
            }
            members.append((quoted(contentKey), content))
        }
        if chance(5) { members.append((quoted(contentKey), string())) }
        if chance(10) { members.append((quoted("name"), value())) }
        if chance(30) { members.shuffle(using: &self) }
        return object(members)
    }

    /// One record of `shape`, valid more often than not.
    public mutating func record(_ shape: Shape) -> [UInt8] {
        var members: [([UInt8], [UInt8])] = []
        if chance(80) { members.append((quoted("id"), chance(70) ? quoted("r\(below(1000))") : value())) }
        switch shape {
        case .chat, .sharegpt:
            let (conversation, roleKey, contentKey) = shape == .chat ? ("messages", "role", "content") : ("conversations", "from", "value")
            if chance(95) {
                var turns: [UInt8] = [0x5B]
                for i in 0..<below(6) {
                    if i > 0 { turns += Array(", ".utf8) }
                    turns += message(roleKey: roleKey, contentKey: contentKey)
                }
                turns.append(0x5D)
                members.append((quoted(conversation), chance(96) ? turns : value()))
            }
        case .document:
            for name in ["text", "content", "body", "document"] where chance(name == "text" ? 90 : 20) {
                members.append((quoted(name), chance(85) ? string(maxPieces: 12) : value()))
            }
        }
        if chance(40) {
            let label: [UInt8] = chance(70) ? quoted(pick(["pos", "neg", " pos", ""])) : (chance(50) ? Array("[\"one\"]".utf8) : value())
            members.append((quoted(pick(["label", "labels", "category", "class"])), label))
        }
        if chance(30) { members.append((quoted(pick(["source", "created_at", "meta", "score"])), value())) }
        if chance(5) { members.append((quoted("id"), value())) }
        if chance(5) { members.append((key(), value())) }
        if chance(30) { members.shuffle(using: &self) }
        return object(members)
    }

    /// `record(shape)`, damaged one byte at a time in a fifth of the cases.
    public mutating func line(_ shape: Shape) -> [UInt8] {
        var bytes = record(shape)
        if chance(20), !bytes.isEmpty {
            for _ in 0..<(1 + below(2)) {
                let at = below(bytes.count)
                switch below(4) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(pick(Array("\"\\{}[],:0 eé\u{1}".utf8)), at: at)
                case 2: bytes[at] = UInt8(truncatingIfNeeded: next())
                default: bytes.removeSubrange(at...)
                }
                if bytes.isEmpty { bytes = Array("{}".utf8) }
            }
        }
        // A raw line break would split the line: keep it JSON Lines.
        return bytes.map { $0 == 0x0A ? 0x20 : $0 }
    }
}
