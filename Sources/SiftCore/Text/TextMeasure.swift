import SiftText

/// Length measures used in every report. Characters are Unicode scalars (what Python's `len`
/// counts), not grapheme clusters: they are cheap to count and match the tools people compare with.
/// Words are runs of non-whitespace, as `str.split()` makes them.
public struct TextMeasure: Sendable, Equatable {
    public var characters: Int
    public var words: Int

    public init(_ text: String) {
        var text = text
        // A String's UTF-8 is well formed, so the validating measure always succeeds.
        self = text.withUTF8 { TextMeasure(validatingUTF8: $0) }!
    }

    /// The measures of the text whose UTF-8 is `bytes`, or nil when the bytes are not well-formed
    /// UTF-8 (the same rule as `String(validating:as:)`). Readers that never build the `String`
    /// (`JSONCursor`) measure strings this way, validating and counting in one pass.
    public init?(validatingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        let (characters, words, isASCII) = Self.asciiPass(bytes)
        if isASCII {
            self.characters = characters
            self.words = words
            return
        }
        guard let measure = Self.unicodePass(bytes) else { return nil }
        self = measure
    }

    /// Decodes and counts in one pass, accepting exactly the well-formed UTF-8 of Unicode's
    /// Table 3-7 (what `String(validating:)` accepts: no overlong forms, no surrogates, nothing
    /// past U+10FFFF). Hand-written because the standard library's `UTF8` decoder iterator was
    /// most of the cost of measuring non-ASCII text (issue 20); tests compare the two.
    private static func unicodePass(_ bytes: UnsafeBufferPointer<UInt8>) -> TextMeasure? {
        var scalars = 0, words = 0
        var inWord = false
        var i = 0
        let n = bytes.count
        @inline(__always) func continuation(_ k: Int) -> UInt32? {
            guard k < n, bytes[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[k] & 0x3F)
        }
        while i < n {
            let lead = bytes[i]
            let space: Bool
            if lead < 0x80 {
                space = TextNormalization.isASCIIWhitespace(lead)
                i += 1
            } else {
                let value: UInt32
                switch lead {
                case 0xC2...0xDF:
                    guard let b1 = continuation(i + 1) else { return nil }
                    value = UInt32(lead & 0x1F) << 6 | b1
                    i += 2
                case 0xE0...0xEF:
                    guard let b1 = continuation(i + 1), let b2 = continuation(i + 2) else { return nil }
                    value = UInt32(lead & 0x0F) << 12 | b1 << 6 | b2
                    // E0 needs A0...BF next (no overlong form), ED needs 80...9F (no surrogate).
                    guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return nil }
                    i += 3
                case 0xF0...0xF4:
                    guard let b1 = continuation(i + 1), let b2 = continuation(i + 2), let b3 = continuation(i + 3) else { return nil }
                    value = UInt32(lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
                    guard value >= 0x10000, value <= 0x10FFFF else { return nil }
                    i += 4
                default:
                    return nil
                }
                space = TextNormalization.isWhitespace(Unicode.Scalar(value)!)
            }
            scalars += 1
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return TextMeasure(characters: scalars, words: words)
    }

    public init(characters: Int, words: Int) {
        self.characters = characters
        self.words = words
    }

    /// One pass over the bytes: for ASCII text, characters are bytes and a word starts at every
    /// non-space byte that follows a space (or the start). `ByteBlock` counts 32 bytes at a time.
    /// Reports whether the text was ASCII; if not, the caller recounts with Unicode's whitespace.
    @inline(__always)
    private static func asciiPass(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Bool) {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return (0, 0, true) }
        var starts = Int(TextBlock.space(p[0]) ^ 1)
        var bits = p[0]
        var i = 1
        while n &- i >= TextBlock.size {
            let block = TextBlock.scan(p + i)
            starts &+= Int(block.wordStarts)
            bits |= block.bits
            i &+= TextBlock.size
        }
        while i < n {
            starts &+= Int(TextBlock.space(p[i &- 1]) & (TextBlock.space(p[i]) ^ 1))
            bits |= p[i]
            i &+= 1
        }
        return (n, starts, bits & 0x80 == 0)
    }
}
