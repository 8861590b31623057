import Foundation
import SiftReport

/// Renders the Markdown people write guidelines in (and `sift agree --markdown`'s feedback) to
/// HTML that cannot carry markup of its own: every character of the source is escaped, and only
/// the renderer's own tags are emitted. The subset: ATX headings, paragraphs, emphasis and strong
/// emphasis, inline code, fenced code blocks, block quotes, bullet and numbered lists, pipe
/// tables, horizontal rules, backslash escapes, character references (`&lt;`, `&#39;`, which are
/// text), and links to http(s), mailto and relative addresses. Raw HTML is shown as text; images
/// and other link schemes (`javascript:`) are shown as text.
public enum SafeMarkdown {
    public static func html(_ markdown: String) -> String {
        var out = ""
        var lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.append("")
        var i = 0
        var paragraph: [String] = []
        func flushParagraph() {
            if !paragraph.isEmpty {
                out += "<p>" + paragraph.map(inline).joined(separator: "\n") + "</p>\n"
                paragraph = []
            }
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flushParagraph()
                i += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(trimmed.prefix(3))
                var code: [String] = []
                i += 1
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    code.append(lines[i])
                    i += 1
                }
                i += 1
                out += "<pre><code>" + escapeHTML(code.joined(separator: "\n")) + "</code></pre>\n"
                continue
            }
            if let level = headingLevel(trimmed) {
                flushParagraph()
                var text = String(trimmed.dropFirst(level)).trimmingCharacters(in: .whitespaces)
                while text.hasSuffix("#") && !text.hasSuffix("\\#") { text.removeLast() }
                out += "<h\(level)>" + inline(text.trimmingCharacters(in: .whitespaces)) + "</h\(level)>\n"
                i += 1
                continue
            }
            if isRule(trimmed) {
                flushParagraph()
                out += "<hr>\n"
                i += 1
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    var inner = lines[i].trimmingCharacters(in: .whitespaces).dropFirst()
                    if inner.hasPrefix(" ") { inner = inner.dropFirst() }
                    quoted.append(String(inner))
                    i += 1
                }
                out += "<blockquote>" + html(quoted.joined(separator: "\n")) + "</blockquote>\n"
                continue
            }
            if listMarker(trimmed) != nil {
                flushParagraph()
                let ordered = listMarker(trimmed)!.ordered
                out += ordered ? "<ol>\n" : "<ul>\n"
                while i < lines.count, let marker = listMarker(lines[i].trimmingCharacters(in: .whitespaces)), marker.ordered == ordered {
                    var item = [marker.rest]
                    i += 1
                    // Continuation lines (indented, not a new item) belong to the item.
                    while i < lines.count, lines[i].hasPrefix("  "), listMarker(lines[i].trimmingCharacters(in: .whitespaces)) == nil,
                          !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
                        item.append(lines[i].trimmingCharacters(in: .whitespaces))
                        i += 1
                    }
                    let quote = item.dropFirst().filter { $0.hasPrefix(">") }
                    let text = item.enumerated().filter { $0.offset == 0 || !$0.element.hasPrefix(">") }.map(\.element)
                    out += "<li>" + text.map(inline).joined(separator: "\n")
                    if !quote.isEmpty { out += html(quote.joined(separator: "\n")) }
                    out += "</li>\n"
                }
                out += ordered ? "</ol>\n" : "</ul>\n"
                continue
            }
            if trimmed.hasPrefix("|"), i + 1 < lines.count, isTableSeparator(lines[i + 1]) {
                flushParagraph()
                let header = cells(trimmed)
                let alignments = cells(lines[i + 1].trimmingCharacters(in: .whitespaces)).map { cell -> String in
                    cell.hasSuffix(":") ? (cell.hasPrefix(":") ? " class=\"center\"" : " class=\"num\"") : ""
                }
                out += "<table><thead><tr>"
                for (k, cell) in header.enumerated() { out += "<th\(k < alignments.count ? alignments[k] : "")>" + inline(cell) + "</th>" }
                out += "</tr></thead><tbody>\n"
                i += 2
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                    out += "<tr>"
                    for (k, cell) in cells(lines[i].trimmingCharacters(in: .whitespaces)).enumerated() {
                        out += "<td\(k < alignments.count ? alignments[k] : "")>" + inline(cell) + "</td>"
                    }
                    out += "</tr>\n"
                    i += 1
                }
                out += "</tbody></table>\n"
                continue
            }
            paragraph.append(trimmed)
            i += 1
        }
        flushParagraph()
        return out
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " ? hashes : nil
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    static func listMarker(_ line: String) -> (ordered: Bool, rest: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix(while: \.isASCII).prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.dropFirst(digits.count)
            if (rest.first == "." || rest.first == ")") && rest.dropFirst().first == " " { return (true, String(rest.dropFirst(2))) }
        }
        return nil
    }

    static func isTableSeparator(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("|"), trimmed.contains("-") else { return false }
        return trimmed.allSatisfy { "|-: ".contains($0) }
    }

    /// The cells of a table row, split at unescaped `|` (an escaped `\|` stays in its cell).
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        if row.hasPrefix("|") { cells.removeFirst() }
        if row.hasSuffix("|") && !row.hasSuffix("\\|") && !cells.isEmpty { cells.removeLast() }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static let escapable = Set("\\`*_{}[]()#+-.!|~<>&\"'")

    /// Inline markup of one line. Text is escaped character by character; only `<code>`,
    /// `<strong>`, `<em>` and `<a>` come from the renderer, always closed in order.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var open: [String] = []
        var i = 0
        func toggle(_ tag: String) {
            if open.last == tag {
                open.removeLast()
                out += "</\(tag)>"
            } else if !open.contains(tag) {
                open.append(tag)
                out += "<\(tag)>"
            } else {
                out += tag == "strong" ? "**" : "*"
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, escapable.contains(chars[i + 1]) {
                out += escapeHTML(String(chars[i + 1]))
                i += 2
                continue
            }
            if c == "`", let end = chars[(i + 1)...].firstIndex(of: "`") {
                out += "<code>" + escapeHTML(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
                continue
            }
            if c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                // `_` inside a word (snake_case) is text.
                let before = i > 0 ? chars[i - 1] : " "
                let after = i + (double ? 2 : 1) < chars.count ? chars[i + (double ? 2 : 1)] : " "
                if c == "_" && (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber) {
                    out += "_"
                    i += 1
                    continue
                }
                toggle(double ? "strong" : "em")
                i += double ? 2 : 1
                continue
            }
            if c == "[", let link = link(chars, from: i) {
                out += "<a href=\"\(escapeHTML(link.url))\" rel=\"noopener noreferrer\">" + escapeHTML(link.text) + "</a>"
                i = link.end
                continue
            }
            if c == "&", let reference = characterReference(chars, from: i) {
                out += reference
                i += reference.count
                continue
            }
            out += escapeHTML(String(c))
            i += 1
        }
        for tag in open.reversed() { out += "</\(tag)>" }
        return out
    }

    /// `[text](url)` with a safe address; nil otherwise (then shown as text).
    static func link(_ chars: [Character], from start: Int) -> (text: String, url: String, end: Int)? {
        guard let close = chars[start...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
              let end = chars[(close + 1)...].firstIndex(of: ")") else { return nil }
        let url = String(chars[(close + 2)..<end]).trimmingCharacters(in: .whitespaces)
        let lower = url.lowercased()
        let safe = lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
            || (lower.hasPrefix("/") && !lower.hasPrefix("//")) || lower.hasPrefix("#")
        guard safe, !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        return (String(chars[(start + 1)..<close]), url, end + 1)
    }

    /// A character reference (`&amp;`, `&#60;`, `&#x3C;`) passes through: it can only ever be
    /// text. Anything else starting with `&` is escaped.
    static func characterReference(_ chars: [Character], from start: Int) -> String? {
        var j = start + 1
        var body = ""
        while j < chars.count, j - start <= 32, chars[j] != ";" {
            body.append(chars[j])
            j += 1
        }
        guard j < chars.count, chars[j] == ";", !body.isEmpty else { return nil }
        let valid: Bool
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            valid = body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit)
        } else if body.hasPrefix("#") {
            valid = body.count > 1 && body.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        } else {
            valid = body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        return valid ? "&" + body + ";" : nil
    }
}
