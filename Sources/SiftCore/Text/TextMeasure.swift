/// Length measures used in every report. Characters are Unicode scalars (what Python's `len`
/// counts), not grapheme clusters: they are cheap to count and match the tools people compare with.
/// Words are runs of non-whitespace, as `str.split()` makes them.
public struct TextMeasure: Sendable, Equatable {
    public var characters: Int
    public var words: Int

    public init(_ text: String) {
        var characters = 0
        var words = 0
        var inWord = false
        var text = text
        var needsScalarPass = false
        text.withUTF8 { bytes in
            for byte in bytes {
                if byte & 0xC0 != 0x80 { characters += 1 }
                if byte >= 0x80 { needsScalarPass = true; break }
                let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                if !space && !inWord { words += 1 }
                inWord = !space
            }
        }
        if needsScalarPass {
            characters = 0
            words = 0
            inWord = false
            for scalar in text.unicodeScalars {
                characters += 1
                let space = scalar.properties.isWhitespace
                if !space && !inWord { words += 1 }
                inWord = !space
            }
        }
        self.characters = characters
        self.words = words
    }
}
