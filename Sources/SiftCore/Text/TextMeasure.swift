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
        var scalarCount = 0
        var wordCount = 0
        var inWord = false
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalarCount += 1
                let space = scalar.properties.isWhitespace
                if !space && !inWord { wordCount += 1 }
                inWord = !space
            case .emptyInput: break decoding
            case .error: return nil
            }
        }
        self.characters = scalarCount
        self.words = wordCount
    }

    public init(characters: Int, words: Int) {
        self.characters = characters
        self.words = words
    }

    /// One pass over the bytes: for ASCII text, characters are bytes and a word starts at every
    /// non-space byte that follows a space (or the start). Written without a loop-carried state so
    /// that the compiler vectorises it. Reports whether the text was ASCII; if not, the caller
    /// recounts with Unicode's whitespace.
    @inline(__always)
    private static func asciiPass(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Bool) {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return (0, 0, true) }
        @inline(__always) func space(_ b: UInt8) -> UInt8 { (b == 0x20 || (b &- 0x09) < 5) ? 1 : 0 }
        let starts = Int(space(p[0]) ^ 1)
        var high: UInt8 = p[0]
        var total = 0
        var i = 1
        while i < n {
            // Count in 32-bit lanes over blocks, flushing before the counter could overflow.
            let end = min(n, i + 1 << 20)
            var block: UInt32 = 0
            while i < end {
                block &+= UInt32(space(p[i - 1]) & (space(p[i]) ^ 1))
                high |= p[i]
                i += 1
            }
            total += Int(block)
        }
        return (n, total + starts, high & 0x80 == 0)
    }
}
