import SiftCore

/// `placeholder_text`: template text left unfilled: "lorem ipsum", the markers TODO, FIXME and
/// TBD (upper case, as whole words), `{{variable}}` template slots, and bracketed slots such as
/// "[Your Name]", "[insert ...]", "<placeholder>". Text inside ``` code blocks is skipped: a code
/// answer may legitimately contain `# TODO` or a Jinja `{{ name }}`.
struct PlaceholderCheck: AuditCheck {
    enum Kind: String, Sendable, CaseIterable {
        case loremIpsum = "lorem ipsum"
        case marker = "TODO/FIXME/TBD"
        case templateSlot = "{{variable}}"
        case bracketSlot = "[your …]/[insert …]"
    }

    struct State {
        var flagged = FlaggedRecords()
        var byKind: [Kind: Int] = [:]
    }

    /// Every turn, or the document and its title.
    func observe(_ record: AuditRecord) -> Kind? {
        for turn in record.content.turns {
            if let kind = Self.scan(turn.content) { return kind }
        }
        if let document = record.content.document, let kind = Self.scan(document) { return kind }
        if let title = record.content.title, let kind = Self.scan(title) { return kind }
        return nil
    }

    /// The first placeholder outside code blocks, in one pass: fence lines toggle code; elsewhere
    /// only `[`, `<`, `{`, and `T`, `F`, `l`, `L` at word starts can begin a placeholder.
    static func scan(_ text: String) -> Kind? {
        return text.withUTF8Bytes { bytes -> Kind? in
            let count = bytes.count
            var inCode = false
            var i = 0
            var lineStart = true
            while i < count {
                // Sixteen bytes at a time up to the next byte where something can happen: a line
                // break, `[`, `<`, `{`, or the first two letters of a marker or of "lorem".
                if !lineStart, i + ByteBlock.width < count {
                    let stops = ByteBlock.bits(Self.stops(ByteBlock(bytes, at: i), ByteBlock(bytes, at: i + 1)))
                    if stops == 0 {
                        i += ByteBlock.width
                        continue
                    }
                    i += stops.trailingZeroBitCount
                }
                let byte = bytes[i]
                if lineStart {
                    lineStart = false
                    var j = i
                    while j < count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    if j + 2 < count, bytes[j] == 0x60, bytes[j + 1] == 0x60, bytes[j + 2] == 0x60 {
                        inCode.toggle()
                        while i < count, bytes[i] != 0x0A { i += 1 }
                        continue
                    }
                }
                if byte == 0x0A {
                    lineStart = true
                    i += 1
                    continue
                }
                if !inCode, isCandidate(byte), let kind = placeholder(at: i, in: bytes) { return kind }
                i += 1
            }
            return nil
        }
    }

    /// Where in `block` (followed by `next`, the same bytes one on) the byte loop has work: the
    /// candidates of `isCandidate`, with `T`, `F` and `l`/`L` only before the second letter of
    /// TODO or TBD, FIXME, or "lorem" (any case).
    @inline(__always) private static func stops(_ block: ByteBlock, _ next: ByteBlock) -> ByteBlock.Lanes {
        let brackets = block.equals(UInt8(ascii: "[")) | block.equals(UInt8(ascii: "<")) | block.equals(UInt8(ascii: "{"))
        let markers = block.equals(UInt8(ascii: "T")) & (next.equals(UInt8(ascii: "O")) | next.equals(UInt8(ascii: "B")))
            | block.equals(UInt8(ascii: "F")) & next.equals(UInt8(ascii: "I"))
        let lorem = block.mayEqualIgnoringCase(UInt8(ascii: "l")) & next.mayEqualIgnoringCase(UInt8(ascii: "o"))
        return block.equals(0x0A) | brackets | markers | lorem
    }

    /// `\n [ < { T F l L`: the only bytes the scan stops at, as a bit mask over 0-127.
    @inline(__always) private static func isCandidate(_ byte: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x0A | 1 << 0x3C  // '\n', '<'
        let high: UInt64 = 1 << (0x5B - 64) | 1 << (0x7B - 64) | 1 << (0x54 - 64) | 1 << (0x46 - 64) | 1 << (0x6C - 64) | 1 << (0x4C - 64)
        guard byte < 0x80 else { return false }
        return ((byte < 64 ? low : high) >> UInt64(byte & 63)) & 1 == 1
    }

    private static let slotWords: [[UInt8]] = ["your ", "insert", "placeholder"].map { Array($0.utf8) }
    private static let markers: [[UInt8]] = [Array("TODO".utf8), Array("FIXME".utf8), Array("TBD".utf8)]
    private static let lorem = Array("lorem ipsum".utf8)

    @inline(__always) private static func placeholder(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        switch bytes[i] {
        case UInt8(ascii: "["), UInt8(ascii: "<"):
            for word in slotWords where matches(word, at: i + 1, in: bytes, ignoringCase: true) { return .bracketSlot }
        case UInt8(ascii: "{"):
            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"), templateSlot(bytes, from: i + 2) { return .templateSlot }
        case UInt8(ascii: "T"), UInt8(ascii: "F"):
            guard i == 0 || !PhraseMatcher.isWordByte(bytes[i - 1]) else { return nil }
            for marker in markers where matches(marker, at: i, in: bytes, ignoringCase: false) {
                let end = i + marker.count
                if end == bytes.count || !PhraseMatcher.isWordByte(bytes[end]) { return .marker }
            }
        case UInt8(ascii: "l"), UInt8(ascii: "L"):
            guard i == 0 || !PhraseMatcher.isWordByte(bytes[i - 1]) else { return nil }
            if matches(lorem, at: i, in: bytes, ignoringCase: true) { return .loremIpsum }
        default:
            break
        }
        return nil
    }

    @inline(__always) private static func matches(_ word: [UInt8], at i: Int, in bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Bool {
        guard i + word.count <= bytes.count else { return false }
        for (k, expected) in word.enumerated() {
            let byte = ignoringCase ? PhraseMatcher.lower(bytes[i + k]) : bytes[i + k]
            if byte != expected { return false }
        }
        return true
    }

    /// `{{` then optional spaces, an identifier (letters, digits, `_`, `.`), optional spaces, `}}`.
    private static func templateSlot(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        let count = bytes.count
        while i < count, bytes[i] == 0x20 { i += 1 }
        let identifierStart = i
        while i < count, PhraseMatcher.isWordByte(bytes[i]) && bytes[i] < 0x80 || bytes[i] == UInt8(ascii: "_") || bytes[i] == UInt8(ascii: ".") { i += 1 }
        guard i > identifierStart else { return false }
        while i < count, bytes[i] == 0x20 { i += 1 }
        return i + 1 < count && bytes[i] == UInt8(ascii: "}") && bytes[i + 1] == UInt8(ascii: "}")
    }

    func makeState() -> State { State() }

    func absorb(_ kind: Kind?, of record: AuditRecord, into state: inout State) {
        guard let kind else { return }
        state.flagged.add(record)
        state.byKind[kind, default: 0] += 1
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let kinds = Kind.allCases.compactMap { kind in state.byKind[kind].map { "\(kind.rawValue) ×\($0)" } }.joined(separator: ", ")
        let message = "\(n) record\(plural(n)) \(verb(n, "contains", "contain")) unfilled placeholder text (\(kinds))"
        return CheckResult(findings: [state.flagged.finding("placeholder_text", .accuracy, .warning, message, rate: context.rate(n))])
    }
}
