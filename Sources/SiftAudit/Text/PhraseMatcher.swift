import Foundation

/// Finds any of a fixed list of phrases in text, ignoring ASCII case, in one pass over the bytes:
/// phrases are bucketed by their first byte, so each position costs one table lookup. A phrase
/// matches only at a word start, so "hi cannot" does not match "i cannot". Each phrase written
/// with an ASCII apostrophe also matches the typographic one (U+2019), which models often emit.
struct PhraseMatcher: Sendable {
    let phrases: [String]
    private let patterns: [(bytes: [UInt8], phrase: Int)]
    private let buckets: [[Int]]

    init(_ phrases: [String]) {
        self.phrases = phrases
        var patterns: [(bytes: [UInt8], phrase: Int)] = []
        for (index, phrase) in phrases.enumerated() {
            let lower = phrase.lowercased()
            patterns.append((Array(lower.utf8), index))
            if lower.contains("'") {
                patterns.append((Array(lower.replacingOccurrences(of: "'", with: "\u{2019}").utf8), index))
            }
        }
        var buckets = Array(repeating: [Int](), count: 256)
        for (i, pattern) in patterns.enumerated() { buckets[Int(pattern.bytes[0])].append(i) }
        self.patterns = patterns
        self.buckets = buckets
    }

    /// The index (in `phrases`) of the first phrase found, scanning from the start of the text.
    func firstMatch(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            let count = bytes.count
            var i = 0
            while i < count {
                let first = Self.lower(bytes[i])
                let bucket = buckets[Int(first)]
                if !bucket.isEmpty, i == 0 || !Self.isWordByte(bytes[i - 1]) {
                    for p in bucket {
                        let pattern = patterns[p].bytes
                        guard i + pattern.count <= count else { continue }
                        var j = 1
                        while j < pattern.count, Self.lower(bytes[i + j]) == pattern[j] { j += 1 }
                        if j == pattern.count { return patterns[p].phrase }
                    }
                }
                i += 1
            }
            return nil
        }
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }
}
