import Foundation
import SiftCore

/// `TextNormalization.canonical`, computed faster: the same output for every input (the tests
/// compare them), because deduplication canonicalises every record and `canonical`'s per-scalar
/// `isWhitespace` lookup and `String` appends were three quarters of `sift dedup`'s time.
///
/// ASCII text (the common case) is lower-cased and whitespace-collapsed in one pass over its bytes;
/// other text takes the same NFKC and case-folding passes as `canonical`, then a byte-level
/// collapse that only asks Unicode for the whitespace property of non-ASCII scalars.
enum CanonicalText {
    static func of(_ text: String) -> String {
        var text = text
        if let ascii = text.withUTF8({ asciiCanonical($0) }) { return ascii }
        let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        return collapse(folded)
    }

    /// ASCII scalars with the Unicode White_Space property: tab, line feed, vertical tab, form feed,
    /// carriage return and space.
    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
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

    /// `TextNormalization.collapseWhitespace` over UTF-8 bytes.
    private static func collapse(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let space = scalar.value < 0x80 ? isASCIIWhitespace(UInt8(scalar.value)) : scalar.properties.isWhitespace
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
}
