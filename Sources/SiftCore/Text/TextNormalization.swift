import Foundation
import SiftText

/// Text normalisation shared by every module, so that "the same text" means one thing in
/// exact-duplicate checks, conflicting-label checks, MinHash shingling and decontamination alike.
public enum TextNormalization {
    /// The canonical form for duplicate detection: Unicode NFKC (so full-width and ligature forms
    /// match their plain forms), case-folded, whitespace runs collapsed to one space, trimmed.
    ///
    /// Every record of a deduplication goes through this, so ASCII text (the common case) is
    /// lower-cased and collapsed in one pass over its bytes; other text takes Foundation's NFKC and
    /// case-folding passes, then a collapse that only asks Unicode about non-ASCII scalars.
    public static func canonical(_ text: String) -> String {
        var text = text
        if let ascii = text.withUTF8({ asciiCanonical($0) }) { return ascii }
        let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        return collapseWhitespace(folded)
    }

    /// ASCII scalars with the Unicode White_Space property: tab, line feed, vertical tab, form feed,
    /// carriage return and space. The rule is `TextBlock.space`, which the block scans count with.
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        TextBlock.space(byte) != 0
    }

    /// Unicode's White_Space property (PropList.txt: U+0009...U+000D, U+0020, U+0085, U+00A0,
    /// U+1680, U+2000...U+200A, U+2028, U+2029, U+202F, U+205F, U+3000; unchanged since Unicode
    /// 6.3), which `Unicode.Scalar.Properties.isWhitespace` reports, decided without its property
    /// lookup: that lookup was 68% of `sift stats` on non-ASCII text (issue 20). A test compares
    /// the two on every scalar.
    @inline(__always)
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return isASCIIWhitespace(UInt8(v)) }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        return v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000
    }

    private static func asciiCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if isASCIIWhitespace(byte) {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    out[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                out[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }

    /// Collapses each run of Unicode whitespace to a single space and trims both ends.
    public static func collapseWhitespace(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let space = isWhitespace(scalar)
            if space {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            UTF8.encode(scalar) { out.append($0) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whitespace-separated words, as the published quality filters count them (Gopher, C4).
    public static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
    }

    /// Whether the text is empty or only whitespace.
    public static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        // Decide on the bytes while they are ASCII: most texts start with a letter.
        for byte in text.utf8 {
            if byte >= 0x80 { return text.unicodeScalars.allSatisfy(isWhitespace) }
            if !isASCIIWhitespace(byte) { return false }
        }
        return true
    }
}
