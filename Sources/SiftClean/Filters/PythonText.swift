import SiftText

/// What `PythonText.scanLine` finds in a line.
struct LineScan {
    var words = 0
    var hasOpenBracket = false
    var hasCurlyBracket = false
    var isASCII = true
}

/// The string operations the published filters are written with, on Unicode scalar arrays, with
/// Python's exact semantics (which line breaks `splitlines` knows, what `strip` removes), because a
/// line counted differently is a decision that differs from the reference implementation.
enum PythonText {
    /// `str.strip()` of a span.
    static func strip(_ t: [UInt32], _ span: TokenSpan) -> TokenSpan {
        var s = Int(span.start)
        var e = Int(span.end)
        while s < e, PythonCharacter.isSpace(t[s]) { s += 1 }
        while e > s, PythonCharacter.isSpace(t[e - 1]) { e -= 1 }
        return TokenSpan(s, e)
    }

    /// One pass over a line for C4: `len(line.split())`, and which of `[`, `{` and non-ASCII
    /// characters it holds. Vectorised for ASCII lines; others are counted again exactly.
    static func scanLine(_ t: UnsafeBufferPointer<UInt32>, _ span: TokenSpan) -> LineScan {
        let start = Int(span.start)
        let end = Int(span.end)
        guard start < end, let base = t.baseAddress else { return LineScan() }
        // A word starts at a non-space character after a space, or at the line's start.
        @inline(__always) func space(_ c: UInt32) -> UInt32 { bit(c &- 9 < 5) | bit(c &- 28 < 5) }
        var words = space(base[start]) ^ 1
        var seen = base[start]
        var brackets = bit(base[start] == 0x5B) | bit(base[start] == 0x7B) << 1
        var i = start &+ 1
        while i < end {
            let c = base[i]
            words &+= (space(c) ^ 1) & space(base[i &- 1])
            seen |= c
            brackets |= bit(c == 0x5B) | bit(c == 0x7B) << 1
            i &+= 1
        }
        var scan = LineScan()
        scan.hasOpenBracket = brackets & 1 != 0
        scan.hasCurlyBracket = brackets & 2 != 0
        scan.isASCII = seen < 0x80
        scan.words = scan.isASCII ? Int(words) : wordCount(t, span)
        return scan
    }

    /// `len(text.split())` for any text.
    private static func wordCount(_ t: UnsafeBufferPointer<UInt32>, _ span: TokenSpan) -> Int {
        var words = 0
        var previousSpace = true
        for i in Int(span.start)..<Int(span.end) {
            let space = PythonCharacter.isSpace(t[i])
            if !space && previousSpace { words += 1 }
            previousSpace = space
        }
        return words
    }

    /// The length of the longest word of `text.split()`.
    static func longestWord(_ t: UnsafeBufferPointer<UInt32>, _ span: TokenSpan) -> Int {
        var longest = 0
        var current = 0
        for i in Int(span.start)..<Int(span.end) {
            if PythonCharacter.isSpace(t[i]) {
                current = 0
            } else {
                current += 1
                longest = max(longest, current)
            }
        }
        return longest
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
    /// The same phrases as bytes, for the whole-document search of ASCII texts (`ASCIIPhraseMatches`).
    let ascii: ASCIIPhraseList

    /// Lower-case ASCII phrases of at least three characters.
    init(_ phrases: [[UInt32]]) {
        precondition(phrases.allSatisfy { $0.count >= 3 && $0.allSatisfy { $0 < 0x80 && PhraseSet.lower($0) == $0 } })
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
        ascii = ASCIIPhraseList(phrases.map { $0.map { UInt8($0) } })
    }

    /// ASCII lower case, other characters unchanged.
    @inline(__always)
    static func lower(_ c: UInt32) -> UInt32 { c | bit(c &- 65 < 26) << 5 }

    @inline(__always)
    func startsPhrase(_ first: UInt32, _ second: UInt32) -> Bool {
        guard first < 128, second < 128 else { return false }
        let pair = Int(first << 7 | second)
        return pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }
}
