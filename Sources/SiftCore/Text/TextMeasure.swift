/// Length measures used in every report. Characters are Unicode scalars (what Python's `len`
/// counts), not grapheme clusters: they are cheap to count and match the tools people compare with.
/// Words are runs of non-whitespace, as `str.split()` makes them.
public struct TextMeasure: Sendable, Equatable {
    public var characters: Int
    public var words: Int

    public init(_ text: String) {
        var text = text
        let (characters, words, isASCII) = text.withUTF8 { Self.asciiPass($0) }
        if isASCII {
            self.characters = characters
            self.words = words
            return
        }
        var scalarCount = 0
        var wordCount = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            scalarCount += 1
            let space = scalar.properties.isWhitespace
            if !space && !inWord { wordCount += 1 }
            inWord = !space
        }
        self.characters = scalarCount
        self.words = wordCount
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
