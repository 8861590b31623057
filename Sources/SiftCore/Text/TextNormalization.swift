import Foundation

/// Text normalisation shared by every module, so that "the same text" means one thing in
/// exact-duplicate checks, conflicting-label checks and decontamination alike.
public enum TextNormalization {
    /// The canonical form for duplicate detection: Unicode NFKC (so full-width and ligature forms
    /// match their plain forms), case-folded, whitespace runs collapsed to one space, trimmed.
    /// ASCII text skips the Unicode passes, which are the expensive part.
    public static func canonical(_ text: String) -> String {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            isASCII = false
            break
        }
        let folded: String
        if isASCII {
            folded = text.lowercased()
        } else {
            folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        }
        return collapseWhitespace(folded)
    }

    /// Collapses each run of Unicode whitespace to a single space and trims both ends.
    public static func collapseWhitespace(_ text: String) -> String {
        var out = String()
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.unicodeScalars.append(" ")
                pendingSpace = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
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
            if byte >= 0x80 { return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
            if !(byte == 0x20 || (byte &- 0x09) < 5) { return false }
        }
        return true
    }
}
