/// Escapes text for HTML element content and attribute values. Dataset text is untrusted: every
/// string that came from a dataset goes through this before it reaches a report.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // C0 controls other than tab/newline are not allowed in HTML text; show them as U+FFFD.
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" {
                out += "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// Shortens long dataset text for display (whole characters, with an ellipsis).
public func excerpt(_ text: String, maxCharacters: Int = 240) -> String {
    guard text.count > maxCharacters else { return text }
    return String(text.prefix(maxCharacters)) + "…"
}
