import SiftCore
import SiftText

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

    /// Every placeholder, stated once; the scan derives its stop bytes and vector test from it.
    static let words = WordList<Kind>(
        // A bracket, then a slot word in any case: "[Your Name]", "[insert date]", "<placeholder>".
        ["[", "<"].flatMap { bracket in
            ["your ", "insert", "placeholder"].map { WordList<Kind>.Entry(bracket + $0, ignoringCase: true, tag: .bracketSlot) }
        }
        + [WordList<Kind>.Entry("{{", tag: .templateSlot, followedBy: { templateSlot($0, from: $1) })]
        // Markers in upper case, as whole words.
        + ["TODO", "FIXME", "TBD"].map { WordList<Kind>.Entry($0, boundary: .wholeWord, tag: .marker) }
        + [WordList<Kind>.Entry("lorem ipsum", ignoringCase: true, boundary: .wordStart, tag: .loremIpsum)]
    )

    /// The first placeholder outside code blocks, in one pass: fence lines toggle code; elsewhere
    /// only the bytes that begin an entry of `words` are tested.
    static func scan(_ text: String) -> Kind? {
        let words = Self.words
        let starts = words.starts
        return text.withUTF8Bytes { bytes -> Kind? in
            let count = bytes.count
            var inCode = false
            var i = 0
            var lineStart = true
            while i < count {
                // Sixteen bytes at a time up to the next byte where something can happen: a line
                // break, or the first two bytes of an entry.
                if !lineStart, i + ByteBlock.width < count {
                    let block = ByteBlock(bytes, at: i)
                    let stops = ByteBlock.bits(block.equals(0x0A) | starts.candidates(block, ByteBlock(bytes, at: i + 1)))
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
                if !inCode, starts.mayBegin(byte), let entry = words.match(at: i, in: bytes) { return entry.tag }
                i += 1
            }
            return nil
        }
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
