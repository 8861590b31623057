import SiftText
import Collections

/// Why a JSON text could not be read, and where: `offset` is the byte offset of the offending
/// byte in the input, which callers turn into a line and column for the user.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { message }
}

/// A strict RFC 8259 parser over UTF-8 bytes, written for throughput: Sift reads every record of
/// every dataset through it, and Foundation's `JSONSerialization` is several times slower on Linux.
///
/// Strictness matters because a lenient reader silently changes data: invalid UTF-8, control
/// characters in strings, trailing commas, `NaN` and leading zeros are errors with a position.
/// Duplicate keys keep the last value (as Python's `json` does). Lone UTF-16 surrogates in `\u`
/// escapes, which Python writes but which no valid UTF-8 string can hold, become U+FFFD.
public struct JSONParser: ~Copyable {
    /// Nesting deeper than this is rejected rather than risking the stack of a worker thread.
    public static let defaultMaxDepth = 512

    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var keyLists = KeyLists()
        return try parse(bytes, maxDepth: maxDepth, keyLists: &keyLists)
    }

    /// Parses with the key lists of earlier texts: a reader that parses many records of one shape
    /// passes the same `keyLists`, and their objects share key lists too.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth,
                             keyLists: inout KeyLists) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self), maxDepth: maxDepth)
        swap(&parser.keyLists, &keyLists)
        defer { swap(&parser.keyLists, &keyLists) }
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else {
            throw JSONParseError(message: "empty input, expected a JSON value", offset: 0)
        }
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.error("unexpected \(parser.describe(parser.bytes[parser.index])) after the end of the JSON value")
        }
        return value
    }

    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let array = Array(bytes)
        let result: Result<JSONValue, JSONParseError> = array.withUnsafeBytes { raw in
            do throws(JSONParseError) { return .success(try parse(raw, maxDepth: maxDepth)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    private var scratch: [UInt8] = []
    /// The members of the objects and elements of the arrays being parsed, innermost last: each
    /// container is built once, at its closing bracket, with its exact size, instead of growing
    /// (and reallocating) as members are appended.
    private var openKeys: [String] = []
    private var openValues = OpenValues()
    private var keyLists = KeyLists()

    /// The key lists of the last few objects built: objects with the same keys (the messages of a
    /// conversation, the records of a file) share one key list rather than each allocating its own.
    public struct KeyLists: Sendable {
        private var lists: [[String]] = []
        /// The slot the next new list replaces once all are taken.
        private var next = 0
        static let capacity = 4

        public init() {}

        /// A remembered list equal to `keys`, if any.
        func known(_ keys: ArraySlice<String>) -> [String]? {
            lists.first { $0.count == keys.count && $0.elementsEqual(keys) }
        }

        mutating func remember(_ keys: [String]) {
            if lists.count < Self.capacity {
                lists.append(keys)
            } else {
                lists[next] = keys
                next = (next + 1) % Self.capacity
            }
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(message: message, offset: offset ?? index)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw error("NaN and Infinity are not valid JSON (Python's json.dumps writes them unless allow_nan=False)")
        case let byte:
            throw error("unexpected \(describe(byte)), expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = index
        guard bytes.count - index >= count else { throw error("unexpected end of input inside literal '\(literal)'") }
        let matches = literal.withUTF8Buffer { expected in
            for i in 0..<count where bytes[start + i] != expected[i] { return false }
            return true
        }
        guard matches else { throw error("invalid literal, expected '\(literal)'") }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        let keyBase = openKeys.count
        let valueBase = openValues.count
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                throw error("expected a string key, found \(describe(bytes[index]))")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input after key \"\(key)\"") }
            guard bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\", found \(describe(bytes[index]))") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            openKeys.append(key)
            openValues.append(value)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object (missing '}')") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(closeObject(keysFrom: keyBase, valuesFrom: valueBase))
            case let byte: throw error("expected ',' or '}' in an object, found \(describe(byte))")
            }
        }
    }

    /// The object whose members are `openKeys[keyBase...]` and `openValues[valueBase...]` (arrays
    /// being parsed share `openValues`), which are then dropped. A repeated key keeps its first
    /// position and its last value.
    private mutating func closeObject(keysFrom keyBase: Int, valuesFrom valueBase: Int) -> JSONObject {
        defer { openKeys.removeSubrange(keyBase...) }
        let keys = openKeys[keyBase...]
        let values = openValues.removeArray(from: valueBase)
        // Small objects (almost every record) are checked for repeated keys pairwise, which costs
        // less than hashing; beyond that size the dictionary finds them.
        if keys.count <= 16 {
            if let known = keyLists.known(keys) {
                return JSONObject(uncheckedUniqueKeys: known, values: values)
            }
            if !Self.repeats(keys) {
                let list = Array(keys)
                keyLists.remember(list)
                return JSONObject(uncheckedUniqueKeys: list, values: values)
            }
        }
        var object = JSONObject(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { object[key] = value }
        return object
    }

    private static func repeats(_ keys: ArraySlice<String>) -> Bool {
        var i = keys.startIndex
        while i < keys.endIndex {
            var j = i + 1
            while j < keys.endIndex {
                if keys[i] == keys[j] { return true }
                j += 1
            }
            i += 1
        }
        return false
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        let base = openValues.count
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            openValues.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array (missing ']')") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(openValues.removeArray(from: base))
            case let byte: throw error("expected ',' or ']' in an array, found \(describe(byte))")
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zero") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, the string is a slice of the input.
        var sawNonASCII = skipPlainRun()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if !sawNonASCII { return String(decoding: slice, as: UTF8.self) }
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw error("invalid UTF-8 in string", at: start + Self.firstInvalidUTF8(in: slice))
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("unescaped control character \(describe(byte)) in string") }
            if byte >= 0x80 { sawNonASCII = true }
            index += 1
        }
        guard index < bytes.count else { throw error("unterminated string", at: start - 1) }
        return try parseEscapedString(from: start)
    }

    /// Skips a `TextBlock` at a time while none of its bytes is a quote, a backslash or a
    /// control character; returns whether a skipped byte was non-ASCII.
    @inline(__always)
    private mutating func skipPlainRun() -> Bool {
        var bits: UInt8 = 0
        if let base = bytes.baseAddress {
            while bytes.count &- index >= TextBlock.size {
                let block = TextBlock.plain(base + index)
                if block.stops != 0 { break }
                bits |= block.bits
                index &+= TextBlock.size
            }
        }
        return bits & 0x80 != 0
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        // The decoded string is never longer than the rest of the input: one allocation per
        // parser rather than one per doubling.
        scratch.reserveCapacity(bytes.count - start)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let string = scratch.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
                    let bad = scratch.withUnsafeBufferPointer { Self.firstInvalidUTF8(in: $0) }
                    throw error("invalid UTF-8 in string (at byte \(bad) of the decoded string)", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                if let byte = JSONEscape.byte(for: escape) {
                    scratch.append(byte)
                } else if escape == UInt8(ascii: "u") {
                    try appendUnicodeEscape()
                } else {
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in string", at: index - 2)
                }
            default:
                if byte < 0x20 { throw error("unescaped control character \(describe(byte)) in string") }
                // Text between escapes (most of a string, as a rule) is copied as one run.
                let run = index
                index += 1
                _ = skipPlainRun()
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
                    index += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            guard let digit = JSONEscape.hexDigit(byte) else { throw error("invalid hex digit \(describe(byte)) in \\u escape") }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUnicodeEscape() throws(JSONParseError) {
        let code = try readHex4()
        var next: UInt32?
        let save = index
        if JSONEscape.isHighSurrogate(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            next = try readHex4()
        }
        let (scalar, usesNext) = JSONEscape.scalar(code, next: next)
        if !usesNext { index = save }
        scratch.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// The index of the first byte that breaks UTF-8 well-formedness, for error positions only.
    static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// The values of the containers being parsed, innermost last, in storage the parser owns. A closed
/// container's values are moved out into its array rather than copied and then destroyed, so that
/// each value is retained once, not three times.
private struct OpenValues: ~Copyable {
    private var storage: UnsafeMutablePointer<JSONValue>
    private var capacity = 16
    private(set) var count = 0

    init() {
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    mutating func append(_ value: consuming JSONValue) {
        if count == capacity {
            let larger = UnsafeMutablePointer<JSONValue>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: value)
        count += 1
    }

    /// The values from `base` on, moved out (in order) into an array of their own.
    mutating func removeArray(from base: Int) -> [JSONValue] {
        let moved = count - base
        guard moved > 0 else { return [] }
        let values = [JSONValue](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: storage + base, count: moved)
            initialized = moved
        }
        count = base
        return values
    }
}
