/// The string operations the published filters are written with, on Unicode scalar arrays, with
/// Python's exact semantics (which line breaks `splitlines` knows, what `strip` removes), because a
/// line counted differently is a decision that differs from the reference implementation.
/// What `PythonText.scanLine` finds in a line.
struct LineScan {
    var words = 0
    var longestWord = 0
    var hasOpenBracket = false
    var hasCurlyBracket = false
    var isASCII = true
}

enum PythonText {
    /// `str.splitlines()`: breaks at \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029; no
    /// empty line after a final break.
    static func splitLines(_ t: [UInt32], _ start: Int = 0, _ end: Int? = nil) -> [TokenSpan] {
        let end = end ?? t.count
        var lines: [TokenSpan] = []
        var lineStart = start
        var i = start
        while i < end {
            let c = t[i]
            let isBreak = c == 10 || c == 13 || c == 11 || c == 12 || (c >= 28 && c <= 30) || c == 0x85 || c == 0x2028 || c == 0x2029
            if isBreak {
                lines.append(TokenSpan(lineStart, i))
                if c == 13, i + 1 < end, t[i + 1] == 10 { i += 1 }
                lineStart = i + 1
            }
            i += 1
        }
        if lineStart < end { lines.append(TokenSpan(lineStart, end)) }
        return lines
    }

    /// `text.split(separator)` for a one-character separator: always at least one piece.
    static func split(_ t: [UInt32], on separator: UInt32) -> [TokenSpan] {
        var pieces: [TokenSpan] = []
        var start = 0
        for (i, c) in t.enumerated() where c == separator {
            pieces.append(TokenSpan(start, i))
            start = i + 1
        }
        pieces.append(TokenSpan(start, t.count))
        return pieces
    }

    /// `re.split("\n{minimum,}", text[start..<end])`: pieces between runs of at least `minimum`
    /// newlines, empty pieces at the ends included.
    static func split(_ t: [UInt32], _ start: Int, _ end: Int, onNewlineRunsOf minimum: Int) -> [TokenSpan] {
        var pieces: [TokenSpan] = []
        var pieceStart = start
        var i = start
        while i < end {
            if t[i] == 10 {
                var j = i
                while j < end, t[j] == 10 { j += 1 }
                if j - i >= minimum {
                    pieces.append(TokenSpan(pieceStart, i))
                    pieceStart = j
                }
                i = j
            } else {
                i += 1
            }
        }
        pieces.append(TokenSpan(pieceStart, end))
        return pieces
    }

    /// `str.strip()` of a span.
    static func strip(_ t: [UInt32], _ span: TokenSpan) -> TokenSpan {
        var s = Int(span.start)
        var e = Int(span.end)
        while s < e, PythonCharacter.isSpace(t[s]) { s += 1 }
        while e > s, PythonCharacter.isSpace(t[e - 1]) { e -= 1 }
        return TokenSpan(s, e)
    }

    /// One pass over a line for C4: `len(line.split())`, the length of its longest word, and which
    /// of `[`, `{` and non-ASCII characters it holds.
    static func scanLine(_ t: UnsafeBufferPointer<UInt32>, _ span: TokenSpan) -> LineScan {
        var scan = LineScan()
        var current = 0
        var seen: UInt32 = 0
        for i in Int(span.start)..<Int(span.end) {
            let c = t[i]
            seen |= c
            if c == 0x5B { scan.hasOpenBracket = true }
            if c == 0x7B { scan.hasCurlyBracket = true }
            if PythonCharacter.isSpace(c) {
                current = 0
            } else {
                if current == 0 { scan.words += 1 }
                current += 1
                if current > scan.longestWord { scan.longestWord = current }
            }
        }
        scan.isASCII = seen < 0x80
        return scan
    }

    static func contains(_ haystack: [UInt32], _ needle: [UInt32]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
}

/// A line as `str.lower()` would make it, for substring tests: ASCII lines are compared in place,
/// case-insensitively; other lines are lower-cased with the full Unicode mapping first (a few
/// characters lower-case to more than one, or to ASCII, such as the Kelvin sign).
struct LowercasedLine {
    private let t: UnsafeBufferPointer<UInt32>
    private let s: Int
    private let e: Int
    private let unicode: [UInt32]?

    init(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, isASCII: Bool) {
        self.t = t
        self.s = s
        self.e = e
        if !isASCII {
            var out: [UInt32] = []
            out.reserveCapacity(e - s)
            for i in s..<e {
                let c = t[i]
                if c < 128 {
                    out.append(c >= 65 && c <= 90 ? c + 32 : c)
                } else if let scalar = Unicode.Scalar(c) {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower.value) }
                }
            }
            unicode = out
        } else {
            unicode = nil
        }
    }

    /// Bit k set when the lower-cased line contains phrase k.
    func occurring(_ phrases: PhraseSet) -> UInt64 {
        var found: UInt64 = 0
        if let unicode {
            for (k, phrase) in phrases.phrases.enumerated() where PythonText.contains(unicode, phrase) { found |= 1 << UInt64(k) }
            return found
        }
        // Phrases are compared only where the first two lower-cased characters start one.
        guard e - s >= 2 else { return found }
        var c = PhraseSet.lower(t[s])
        for i in s..<(e - 1) {
            let next = PhraseSet.lower(t[i + 1])
            if phrases.startsPhrase(c, next), let candidates = phrases.byFirst[Int(c)] {
                for k in candidates where found & (1 << UInt64(k)) == 0 {
                    let phrase = phrases.phrases[k]
                    guard i + phrase.count <= e else { continue }
                    var j = 1
                    while j < phrase.count, PhraseSet.lower(t[i + j]) == phrase[j] { j += 1 }
                    if j == phrase.count { found |= 1 << UInt64(k) }
                }
            }
            c = next
        }
        return found
    }
}

/// Lower-case ASCII phrases indexed by first character, for one-pass substring tests.
struct PhraseSet: Sendable {
    let phrases: [[UInt32]]
    let byFirst: [[Int]?]
    /// Bit `first << 7 | second` set when a phrase starts with those two (ASCII) characters.
    private let pairs: [UInt64]

    /// Phrases of at least two characters.
    init(_ phrases: [[UInt32]]) {
        self.phrases = phrases
        var byFirst = [[Int]?](repeating: nil, count: 128)
        var pairs = [UInt64](repeating: 0, count: 128 * 128 / 64)
        for (k, phrase) in phrases.enumerated() {
            let first = Int(phrase[0])
            byFirst[first] = (byFirst[first] ?? []) + [k]
            let pair = first << 7 | Int(phrase[1])
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        self.byFirst = byFirst
        self.pairs = pairs
    }

    /// ASCII lower case, other characters unchanged.
    @inline(__always)
    static func lower(_ c: UInt32) -> UInt32 { c >= 65 && c <= 90 ? c + 32 : c }

    @inline(__always)
    func startsPhrase(_ first: UInt32, _ second: UInt32) -> Bool {
        guard first < 128, second < 128 else { return false }
        let pair = Int(first << 7 | second)
        return pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }
}
