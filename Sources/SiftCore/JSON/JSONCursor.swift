import SiftText

/// A forward-only reader over one JSON text that validates as it goes and builds nothing: a command
/// that needs a few measures of a record (`sift stats`: the types of its fields, the lengths of its
/// texts) walks the bytes with it instead of building a `JSONValue` tree of owned strings.
///
/// It accepts a subset of what `JSONParser` accepts and never more: whatever it cannot vouch for
/// (nesting deeper than `depthLimit`, malformed input of any kind) stops it with `JSONCursor.Stop`,
/// and the caller then reads the text with `JSONParser`, which either builds the record or reports
/// the error with its position. Tests compare the two on random and adversarial texts.
public struct JSONCursor {
    /// Why the cursor stopped; the caller falls back to `JSONParser` and needs no more than that.
    public struct Stop: Error {
        public init() {}
    }

    /// The kinds of JSON value, as `JSONValue.typeName` reports them.
    public enum Kind: Sendable {
        case string, object, array, integer, number, boolean, null
    }

    public let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var index = 0
    private let depthLimit: Int
    /// Decoded text of strings with escapes, reused from string to string.
    private var scratch: [UInt8]

    /// `maxDepth` as for `JSONParser`; the cursor goes no deeper than 64 levels whatever it is.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, scratch: [UInt8] = []) {
        self.bytes = bytes
        self.depthLimit = min(maxDepth, 64)
        self.scratch = scratch
    }

    /// The scratch buffer, for the next text's cursor to reuse its storage.
    public var scratchBuffer: [UInt8] { scratch }

    @inline(__always)
    public mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Whether only whitespace is left.
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// The kind of the value at the cursor (after whitespace), without reading it.
    public mutating func peekKind() throws(Stop) -> Kind {
        skipWhitespace()
        guard index < bytes.count else { throw Stop() }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return numberKind()
        default: throw Stop()
        }
    }

    /// Integer or number, by the same rule as `JSONValue.typeName`: a '.', 'e' or 'E' in the literal.
    private func numberKind() -> Kind {
        var i = index
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return .number
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"): i += 1
            default: return .integer
            }
        }
        return .integer
    }

    // MARK: Containers

    /// Reads `{` and says whether the object is empty (then its `}` is read too). `depth` is the
    /// object's own depth: 1 for a record.
    public mutating func enterObject(depth: Int) throws(Stop) -> Bool {
        guard depth <= depthLimit else { throw Stop() }
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return false
        }
        return true
    }

    /// Reads a member's key and its ':' and returns the key's bytes, which must hold no escape
    /// and be ASCII (anything else stops the cursor: such keys are rare, and `JSONParser` reads
    /// them). The cursor is then at the member's value.
    public mutating func key() throws(Stop) -> UnsafeBufferPointer<UInt8> {
        skipWhitespace()
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { throw Stop() }
            index += 1
        }
        guard index < bytes.count else { throw Stop() }
        let key = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// After a member's value: true if another member follows (its ',' read), false at the `}`.
    public mutating func nextMember() throws(Stop) -> Bool {
        try next(close: UInt8(ascii: "}"))
    }

    /// Reads `[` and says whether the array has elements (else its `]` is read too).
    public mutating func enterArray(depth: Int) throws(Stop) -> Bool {
        guard depth <= depthLimit else { throw Stop() }
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return false
        }
        return true
    }

    /// After an element: true if another element follows (its ',' read), false at the `]`.
    public mutating func nextElement() throws(Stop) -> Bool {
        try next(close: UInt8(ascii: "]"))
    }

    @inline(__always)
    private mutating func next(close: UInt8) throws(Stop) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Stop() }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == close { return false }
        throw Stop()
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8) throws(Stop) {
        guard index < bytes.count, bytes[index] == byte else { throw Stop() }
        index += 1
    }

    // MARK: Values

    /// Validates and skips the value at the cursor, which sits at depth `depth` (its containers
    /// are one deeper).
    public mutating func skipValue(depth: Int) throws(Stop) {
        switch try peekKind() {
        case .string: _ = try string()
        case .object:
            guard try enterObject(depth: depth + 1) else { return }
            repeat {
                _ = try key()
                try skipValue(depth: depth + 1)
            } while try nextMember()
        case .array:
            guard try enterArray(depth: depth + 1) else { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try nextElement()
        case .integer, .number: _ = try number()
        case .boolean: _ = try boolean()
        case .null: try literal("null")
        }
    }

    /// Reads a number literal and returns its bytes (the grammar of RFC 8259, as `JSONParser`).
    public mutating func number() throws(Stop) -> UnsafeBufferPointer<UInt8> {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw Stop() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw Stop() }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw Stop() }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw Stop() }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Reads `true` or `false`.
    public mutating func boolean() throws(Stop) -> Bool {
        if index < bytes.count, bytes[index] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// Reads `null`.
    public mutating func null() throws(Stop) {
        try literal("null")
    }

    private mutating func literal(_ text: StaticString) throws(Stop) {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw Stop() }
        let start = index
        let matches = text.withUTF8Buffer { expected in
            for i in 0..<count where bytes[start + i] != expected[i] { return false }
            return true
        }
        guard matches else { throw Stop() }
        index += count
    }

    // MARK: Strings

    /// A string read in place: its raw bytes between the quotes, and whether they hold escapes or
    /// non-ASCII bytes. A plain string (neither) is its own UTF-8.
    public struct RawString {
        public var bytes: UnsafeBufferPointer<UInt8>
        public var hasEscapes: Bool
        public var isASCII: Bool

        public var isPlain: Bool { !hasEscapes && isASCII }
    }

    /// Reads a string, checking what `JSONParser` checks of its raw bytes (no control character,
    /// valid escapes) and, when `validating` (the default), that the decoded text is well-formed
    /// UTF-8. Without `validating`, the caller must `measure` or `decode` it, which check that.
    public mutating func string(validating: Bool = true) throws(Stop) -> RawString {
        try expect(UInt8(ascii: "\""))
        let start = index
        var bits: UInt8 = 0
        var hasEscapes = false
        while true {
            // A block at a time while none is a quote, a backslash or a control byte.
            if let base = bytes.baseAddress {
                while bytes.count &- index >= TextBlock.size {
                    let block = TextBlock.plain(base + index)
                    if block.stops != 0 { break }
                    bits |= block.bits
                    index &+= TextBlock.size
                }
            }
            guard index < bytes.count else { throw Stop() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw Stop() }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 1
                guard index < bytes.count else { throw Stop() }
                if JSONEscape.byte(for: bytes[index]) != nil {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "u") {
                    index += 1
                    _ = try hex4(at: index)
                    index += 4
                } else {
                    throw Stop()
                }
                continue
            }
            bits |= byte
            index += 1
        }
        let string = RawString(bytes: UnsafeBufferPointer(rebasing: bytes[start..<index]), hasEscapes: hasEscapes,
                               isASCII: bits & 0x80 == 0)
        index += 1
        if validating, !string.isASCII {
            _ = try measure(string)
        }
        return string
    }

    /// Reads a string as `string(validating: false)` does and returns `measure` of it, counting
    /// while it scans: text whose raw bytes are ASCII (escapes of any kind included) is measured
    /// in this single pass; a non-ASCII byte hands the string to `measure`, which validates it.
    public mutating func measuredString() throws(Stop) -> TextMeasure {
        try expect(UInt8(ascii: "\""))
        guard let base = bytes.baseAddress else { throw Stop() }
        let start = index
        var i = index
        var words = 0
        var bits: UInt8 = 0
        /// Bytes of escapes beyond the one character each stands for.
        var escapeBytes = 0
        var hasEscapes = false
        var previousIsSpace: UInt8 = 1
        // Blocks may count word starts only where the byte before `i` is the previous character
        // itself: not at the opening quote, not after an escape.
        var previousIsRaw = false
        while true {
            if previousIsRaw {
                while bytes.count &- i >= TextBlock.size {
                    let block = TextBlock.scan(base + i)
                    if block.stops != 0 { break }
                    words &+= Int(block.wordStarts)
                    bits |= block.bits
                    i &+= TextBlock.size
                }
                previousIsSpace = TextBlock.space(base[i &- 1])
            }
            guard i < bytes.count else { throw Stop() }
            let byte = base[i]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw Stop() }
            let isSpace: UInt8
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                previousIsRaw = false
                guard i + 1 < bytes.count else { throw Stop() }
                if let decoded = JSONEscape.byte(for: base[i + 1]) {
                    isSpace = TextBlock.space(decoded)
                    escapeBytes += 1
                    i += 2
                } else if base[i + 1] == UInt8(ascii: "u") {
                    // As `decode`: a high surrogate and an escaped low one are one scalar.
                    let code = try hex4(at: i + 2)
                    i += 6
                    let next = JSONEscape.isHighSurrogate(code) && bytes.count - i >= 6 && base[i] == UInt8(ascii: "\\")
                        && base[i + 1] == UInt8(ascii: "u") ? try? hex4(at: i + 2) : nil
                    let (scalar, usesNext) = JSONEscape.scalar(code, next: next)
                    if usesNext { i += 6 }
                    escapeBytes += usesNext ? 11 : 5
                    isSpace = TextNormalization.isWhitespace(scalar) ? 1 : 0
                } else {
                    throw Stop()
                }
            } else {
                bits |= byte
                isSpace = TextBlock.space(byte)
                i += 1
                previousIsRaw = true
            }
            words &+= Int(previousIsSpace & (isSpace ^ 1))
            previousIsSpace = isSpace
        }
        index = i + 1
        if bits & 0x80 != 0 {
            return try measure(RawString(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]), hasEscapes: hasEscapes, isASCII: false))
        }
        return TextMeasure(characters: i - start - escapeBytes, words: words)
    }

    /// The characters and words of a string read with `string(validating: false)` (or with
    /// validation), as `TextMeasure` counts them in the decoded text. Stops on invalid UTF-8.
    public mutating func measure(_ string: RawString) throws(Stop) -> TextMeasure {
        if !string.hasEscapes {
            guard let measure = TextMeasure(validatingUTF8: string.bytes) else { throw Stop() }
            return measure
        }
        decode(string)
        let measure = scratch.withUnsafeBufferPointer { TextMeasure(validatingUTF8: $0) }
        guard let measure else { throw Stop() }
        return measure
    }

    /// Whether the decoded string is blank, as `TextNormalization.isBlank` decides.
    public mutating func isBlank(_ string: RawString) throws(Stop) -> Bool {
        // Most texts start with a letter.
        if let first = string.bytes.first, first != UInt8(ascii: "\\"), first < 0x80, !TextNormalization.isASCIIWhitespace(first) {
            return false
        }
        return try measure(string).words == 0
    }

    /// The decoded string as a `String`.
    public mutating func decoded(_ string: RawString) throws(Stop) -> String {
        if string.isPlain { return String(decoding: string.bytes, as: UTF8.self) }
        if !string.hasEscapes {
            guard let text = String(validating: string.bytes, as: UTF8.self) else { throw Stop() }
            return text
        }
        decode(string)
        guard let text = scratch.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else { throw Stop() }
        return text
    }

    /// `body` with the decoded UTF-8 bytes of `string`, which `string()` read and validated: its
    /// raw bytes when it holds no escape, else its text decoded into the scratch buffer (the same
    /// bytes as `decoded(_:)`'s `String`, without building one).
    public mutating func withDecodedBytes<R>(of string: RawString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard string.hasEscapes else { return body(string.bytes) }
        decode(string)
        return scratch.withUnsafeBufferPointer(body)
    }

    /// Decodes the escapes of `string` (already checked by `string()`) into `scratch`, with
    /// `JSONParser`'s rules: a `\u` high surrogate followed by an escaped low surrogate is one
    /// scalar, and a lone surrogate becomes U+FFFD.
    private mutating func decode(_ string: RawString) {
        scratch.removeAll(keepingCapacity: true)
        let raw = string.bytes
        var i = 0
        var run = 0
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: raw[run..<i]))
            let escape = raw[i + 1]
            i += 2
            if let byte = JSONEscape.byte(for: escape) {
                scratch.append(byte)
            } else {
                // `\u`: the only other escape `string()` lets through, its digits already checked.
                let code = Self.hex4(raw, i)
                i += 4
                let next = JSONEscape.isHighSurrogate(code) && raw.count - i >= 6 && raw[i] == UInt8(ascii: "\\") && raw[i + 1] == UInt8(ascii: "u")
                    ? Self.hex4(raw, i + 2) : nil
                let (scalar, usesNext) = JSONEscape.scalar(code, next: next)
                if usesNext { i += 6 }
                scratch.append(contentsOf: UTF8.encode(scalar)!)
            }
            run = i
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: raw[run..<raw.count]))
    }

    private func hex4(at offset: Int) throws(Stop) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw Stop() }
        for i in offset..<offset + 4 where JSONEscape.hexDigit(bytes[i]) == nil { throw Stop() }
        return Self.hex4(bytes, offset)
    }

    /// Four hex digits already checked.
    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for i in offset..<offset + 4 { value = value << 4 | UInt32(JSONEscape.hexDigit(bytes[i])!) }
        return value
    }

}
