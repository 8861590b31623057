import SiftText

/// What a cut-off response looks like, defined once for the audit's `truncated_response` check, the
/// `instruction.code_fences` filter rule and synth QA's `unbalanced_code_fences`.
public enum Truncation {
    public enum Sign: Sendable, Equatable {
        /// An odd number of code fence lines: a block opened and never closed.
        case openCodeBlock
        /// The text ends on a character that announces more (`,` `:` `(` `[` `{`), or without
        /// terminal punctuation while its last line is a prose sentence of at least
        /// `minimumProseWords` words.
        case midSentence
    }

    /// List items, headings, short answers ("Paris", "42") and code end without a period on
    /// purpose; the 8-word rule keeps them out, trading a few missed truncations for few false alarms.
    public static let minimumProseWords = 8

    /// The number of code fence lines: lines whose first non-blank characters (after any spaces
    /// and tabs) are three backticks. Lines end at line feeds, so CRLF text counts the same as LF
    /// text. Any indentation counts, because models nest fenced blocks in list items (indented by
    /// four or more spaces) and the question is only whether every opened block is closed.
    public static func codeFenceLines(_ text: String) -> Int {
        text.withUTF8Bytes { codeFenceLines($0) }
    }

    /// Whether the fence lines leave a block open.
    public static func hasOpenCodeBlock(_ text: String) -> Bool { codeFenceLines(text) % 2 == 1 }

    /// The sign that `text` was cut off, or nil.
    public static func sign(_ text: String) -> Sign? {
        text.withUTF8Bytes { bytes -> Sign? in
            if codeFenceLines(bytes) % 2 == 1 { return .openCodeBlock }
            let count = bytes.count
            var end = count
            while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
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
                let space = isSpace(bytes[k - 1])
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

    static func codeFenceLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
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
        return fences
    }

    /// ASCII whitespace: TAB...CR or SPACE.
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
