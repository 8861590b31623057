import SiftCore

/// `truncated_response`: a response cut off by a length limit or a broken export. Two signs:
/// - an odd number of ``` fence lines (a code block opened and never closed);
/// - the text ends on a character that announces more (`,` `:` `(` `[` `{`), or ends without
///   terminal punctuation while its last line is a prose sentence of at least 8 words.
/// List items, headings, short answers ("Paris", "42") and code end without a period on purpose;
/// the 8-word rule keeps them out, trading a few missed truncations for few false alarms.
struct TruncationCheck: AuditCheck {
    enum Sign: Sendable { case openCodeBlock, midSentence }

    static let minimumProseWords = 8

    struct State {
        var flagged = FlaggedRecords()
        var openCodeBlocks = 0
    }

    func observe(_ record: AuditRecord) -> Sign? {
        guard let response = record.content.response else { return nil }
        return Self.sign(response)
    }

    static func sign(_ text: String) -> Sign? {
        return text.withUTF8Bytes { bytes -> Sign? in
            var fences = 0
            let count = bytes.count
            // Line starts: the text's start and each byte after a line feed.
            var nextLine: Int? = 0
            while let i = nextLine, i < count {
                var j = i
                while j < count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j + 2 < count, bytes[j] == 0x60, bytes[j + 1] == 0x60, bytes[j + 2] == 0x60 { fences += 1 }
                nextLine = ByteBlock.firstIndex(of: 0x0A, in: bytes, from: i).map { $0 + 1 }
            }
            if fences % 2 == 1 { return .openCodeBlock }
            var end = count
            while end > 0, WordScanner.isSpace(bytes[end - 1]) { end -= 1 }
            guard end > 0 else { return nil }
            let last = bytes[end - 1]
            if last == UInt8(ascii: ",") || last == UInt8(ascii: ":") || last == UInt8(ascii: "(") || last == UInt8(ascii: "[") || last == UInt8(ascii: "{") {
                return .midSentence
            }
            let endsWithLetter = (last >= 0x41 && last <= 0x5A) || (last >= 0x61 && last <= 0x7A)
            guard endsWithLetter else { return nil }
            // Words of the last line, counted backwards only as far as the rule needs.
            var words = 0
            var inWord = false
            var k = end
            while k > 0, bytes[k - 1] != 0x0A {
                let space = WordScanner.isSpace(bytes[k - 1])
                if !space && !inWord {
                    words += 1
                    if words >= minimumProseWords { return .midSentence }
                }
                inWord = !space
                k -= 1
            }
            return nil
        }
    }

    func makeState() -> State { State() }

    func absorb(_ sign: Sign?, of record: AuditRecord, into state: inout State) {
        guard let sign else { return }
        state.flagged.add(record, excerpt: record.content.response.map { String($0.suffix(300)) })
        if sign == .openCodeBlock { state.openCodeBlocks += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let message = "\(n) response\(plural(n)) \(verb(n, "looks", "look")) cut off (\(state.openCodeBlocks) with an unclosed code block, \(n - state.openCodeBlocks) ending mid-sentence)"
        return CheckResult(findings: [state.flagged.finding("truncated_response", .accuracy, .warning, message, rate: context.rate(n))])
    }
}
