/// One document's text prepared once for every rule set: its Unicode scalars (Python counts
/// characters as code points, and so do the published filters), its words (computed on first use,
/// then shared by Gopher and FineWeb) and substring hashes (for duplicate lines and n-grams).
///
/// A reference type so the lazily computed parts are computed once per document; each document is
/// analysed on one worker thread, never shared.
public final class AnalyzedText {
    public let scalars: [UInt32]
    private var cachedWords: [TokenSpan]?
    private var cachedHashes: SubstringHashes?

    public init(_ text: String) {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = UInt32(bytes[i])
                if b < 0x80 {
                    scalars.append(b)
                    i += 1
                } else if b < 0xE0 {
                    scalars.append((b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                    i += 2
                } else if b < 0xF0 {
                    scalars.append((b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                    i += 3
                } else {
                    scalars.append((b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F))
                    i += 4
                }
            }
        }
        self.scalars = scalars
    }

    /// Characters, as Python's `len(text)`.
    public var count: Int { scalars.count }

    /// datatrove's `split_into_words(text, "en")`.
    public var words: [TokenSpan] {
        if let cachedWords { return cachedWords }
        let words = scalars.withUnsafeBufferPointer { EnglishWordTokenizer.shared.words($0) }
        cachedWords = words
        return words
    }

    var hashes: SubstringHashes {
        if let cachedHashes { return cachedHashes }
        let hashes = SubstringHashes(scalars)
        cachedHashes = hashes
        return hashes
    }

    /// Non-overlapping occurrences of `needle`, as Python's `str.count`.
    func occurrences(of needle: [UInt32]) -> Int {
        guard let first = needle.first, needle.count <= scalars.count else { return 0 }
        var count = 0
        var i = 0
        let last = scalars.count - needle.count
        while i <= last {
            if scalars[i] == first {
                var k = 1
                while k < needle.count, scalars[i + k] == needle[k] { k += 1 }
                if k == needle.count {
                    count += 1
                    i += needle.count
                    continue
                }
            }
            i += 1
        }
        return count
    }
}
