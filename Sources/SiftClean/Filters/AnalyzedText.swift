import SiftText

/// One document's text prepared once for every rule set: its Unicode scalars (Python counts
/// characters as code points, and so do the published filters), its bytes when it is ASCII, and,
/// computed on first use and then shared by the rule sets that need them, its words, its line
/// breaks and `splitlines()` lines and a scratch hash table.
///
/// A reference type so the lazily computed parts are computed once per document; each document is
/// analysed on one worker thread, never shared.
public final class AnalyzedText {
    public let scalars: [UInt32]
    /// The text's bytes when it is ASCII (one per character) and then eight zero bytes, so that
    /// copies may read eight bytes at a time; nil for other texts. Hashing a span of these reads a
    /// quarter of the bytes its scalars hold.
    let asciiBytes: [UInt8]?
    /// The table given by the caller, if any (see `counter`).
    private let sharedCounter: HashCounter?

    public convenience init(_ text: String) {
        self.init(text, sharedCounter: nil)
    }

    /// A text whose hash-table passes use `counter`, a table the caller reuses from one document to
    /// the next on its thread: a table of its own per document would cost an allocation and the
    /// zeroing of three arrays sized to the text.
    convenience init(_ text: String, counter: HashCounter) {
        self.init(text, sharedCounter: counter)
    }

    private init(_ text: String, sharedCounter: HashCounter?) {
        var text = text
        (scalars, asciiBytes) = text.withUTF8 { Self.decode($0) }
        self.sharedCounter = sharedCounter
    }

    /// UTF-8 to scalars (and the padded bytes of an ASCII text). Most web text is ASCII: a first
    /// pass finds out, and then the widening loop has no branches (the compiler vectorises both).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> ([UInt32], [UInt8]?) {
        let n = bytes.count
        var high: UInt8 = 0
        for b in bytes { high |= b }
        if high < 0x80 {
            let scalars = [UInt32](unsafeUninitializedCapacity: n) { out, count in
                for i in 0..<n { out[i] = UInt32(bytes[i]) }
                count = n
            }
            let padded = [UInt8](unsafeUninitializedCapacity: n + 8) { out, count in
                if let base = bytes.baseAddress { out.baseAddress!.initialize(from: base, count: n) }
                (out.baseAddress! + n).initialize(repeating: 0, count: 8)
                count = n + 8
            }
            return (scalars, padded)
        }
        let scalars = [UInt32](unsafeUninitializedCapacity: n) { out, count in
            var i = 0
            var o = 0
            while i < n {
                let b = UInt32(bytes[i])
                if b < 0x80 {
                    out[o] = b
                    i += 1
                } else if b < 0xE0 {
                    out[o] = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b < 0xF0 {
                    out[o] = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    out[o] = (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                o += 1
            }
            count = o
        }
        return (scalars, nil)
    }

    /// Calls `body` with the text's characters as bytes: one per character for an ASCII text,
    /// else its scalars' four.
    func withCharacterBytes<R>(_ body: (CharacterBytes) -> R) -> R {
        if let asciiBytes {
            // Never empty (padded), so the base address exists.
            return asciiBytes.withUnsafeBytes { body(CharacterBytes(base: $0.baseAddress!, width: 1)) }
        }
        // A text that is not ASCII holds at least one character.
        return scalars.withUnsafeBytes { body(CharacterBytes(base: $0.baseAddress!, width: 4)) }
    }

    /// Calls `body` with the text's bytes when it is ASCII (then followed by the padding), else nil.
    func withASCIIBytes<R>(_ body: (UnsafePointer<UInt8>?) -> R) -> R {
        guard let asciiBytes else { return body(nil) }
        return asciiBytes.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// Characters, as Python's `len(text)`.
    public var count: Int { scalars.count }

    /// datatrove's `split_into_words(text, "en")`.
    public private(set) lazy var words: [TokenSpan] = scalars.withUnsafeBufferPointer { EnglishWordTokenizer.shared.words($0, isASCII: asciiBytes != nil) }

    private(set) lazy var lineBreaks = scalars.withUnsafeBufferPointer { LineBreaks($0) }

    /// `text.splitlines()` (Gopher quality's bullet and ellipsis lines, C4's lines).
    private(set) lazy var lines: [TokenSpan] = lineBreaks.lines(scalars)

    /// Scratch table for duplicate lines, paragraphs and n-grams, reused by every pass over this
    /// document instead of allocated per pass (and across documents when the caller gave one).
    private(set) lazy var counter = sharedCounter ?? HashCounter(expected: max(scalars.count / 4, 64))

    /// Non-overlapping occurrences of `#`, of `...` and of `…`, as Python's `str.count` counts each:
    /// one vectorised pass counts `#`, `…` and adjacent dots; only text with two adjacent dots needs
    /// the runs of dots, where a run of k dots holds k / 3 non-overlapping `...`.
    func symbolCounts() -> (hashes: Int, ellipses: Int) {
        scalars.withUnsafeBufferPointer { t in
            guard let base = t.baseAddress, let last = t.last else { return (0, 0) }
            let counts = Self.symbolCounts(base, t.count - 1)
            let hashes = counts.hashes + (last == 0x23 ? 1 : 0)
            let ellipsisCharacters = counts.ellipses + (last == 0x2026 ? 1 : 0)
            guard counts.dotPairs > 0 else { return (hashes, ellipsisCharacters) }
            var dots = 0
            var run = 0
            for c in t {
                if c == 0x2E {
                    run += 1
                } else {
                    dots += run / 3
                    run = 0
                }
            }
            dots += run / 3
            return (hashes, dots + ellipsisCharacters)
        }
    }

    /// `#` and `…` in `base[0..<n]`, and the dots there followed by a dot (`base[n]` is read).
    /// Written in the shape the compiler vectorises (a separate function, the next character
    /// loaded into its own constant).
    private static func symbolCounts(_ base: UnsafePointer<UInt32>, _ n: Int) -> (hashes: Int, ellipses: Int, dotPairs: Int) {
        var hashes: UInt32 = 0
        var ellipses: UInt32 = 0
        var dotPairs: UInt32 = 0
        var i = 0
        while i < n {
            let c = base[i]
            let next = base[i &+ 1]
            hashes &+= bit(c == 0x23)
            ellipses &+= bit(c == 0x2026)
            dotPairs &+= bit(c == 0x2E) & bit(next == 0x2E)
            i &+= 1
        }
        return (Int(hashes), Int(ellipses), Int(dotPairs))
    }
}
