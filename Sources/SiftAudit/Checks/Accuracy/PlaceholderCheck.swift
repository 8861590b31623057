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

    static let bracketOpeners = PhraseMatcher(["[your ", "[insert", "<insert", "[placeholder", "<placeholder", "lorem ipsum"])

    func observe(_ record: AuditRecord) -> Kind? {
        var found: Kind?
        for text in Self.texts(of: record) {
            if let kind = Self.scan(text) { found = kind; break }
        }
        return found
    }

    private static func texts(of record: AuditRecord) -> [String] {
        if !record.content.turns.isEmpty { return record.content.turns.map(\.content) }
        return [record.content.document, record.content.title].compactMap { $0 }
    }

    /// The first placeholder outside code blocks.
    static func scan(_ text: String) -> Kind? {
        guard hasFence(text) else { return scanProse(text) }
        var prose = ""
        var text = text
        text.withUTF8 { bytes in
            var inCode = false
            var lineStart = 0
            let count = bytes.count
            while lineStart < count {
                var lineEnd = lineStart
                while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var j = lineStart
                while j < lineEnd, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                let isFence = j + 2 < lineEnd && bytes[j] == 0x60 && bytes[j + 1] == 0x60 && bytes[j + 2] == 0x60
                if isFence {
                    inCode.toggle()
                } else if !inCode {
                    prose += String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
                    prose += "\n"
                }
                lineStart = lineEnd + 1
            }
        }
        return scanProse(prose)
    }

    static func hasFence(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 2
            while i < bytes.count {
                if bytes[i] == 0x60, bytes[i - 1] == 0x60, bytes[i - 2] == 0x60 { return true }
                i += 1
            }
            return false
        }
    }

    private static func scanProse(_ text: String) -> Kind? {
        if let phrase = bracketOpeners.firstMatch(in: text) {
            return phrase == 5 ? .loremIpsum : .bracketSlot
        }
        var text = text
        return text.withUTF8 { bytes -> Kind? in
            let count = bytes.count
            var i = 0
            while i < count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "{"), i + 1 < count, bytes[i + 1] == UInt8(ascii: "{"), templateSlot(bytes, from: i + 2) {
                    return .templateSlot
                }
                if byte == UInt8(ascii: "T") || byte == UInt8(ascii: "F"), i == 0 || !PhraseMatcher.isWordByte(bytes[i - 1]) {
                    for marker in markers where i + marker.count <= count {
                        if zip(marker, bytes[i..<(i + marker.count)]).allSatisfy({ $0 == $1 }),
                           i + marker.count == count || !PhraseMatcher.isWordByte(bytes[i + marker.count]) {
                            return .marker
                        }
                    }
                }
                i += 1
            }
            return nil
        }
    }

    private static let markers: [[UInt8]] = [Array("TODO".utf8), Array("FIXME".utf8), Array("TBD".utf8)]

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
