import Foundation

/// Splits a model's list of new tasks into instructions. Items are numbered (`1.`, `2)`,
/// `Task 3:`) or bulleted lines, each with any continuation lines that follow; an answer with no
/// numbering is read one instruction per line. As in the Self-Instruct code, when the answer was
/// cut at the token limit the last item is dropped, since it is probably incomplete.
public enum InstructionList {
    public static func parse(_ text: String, truncated: Bool) -> [String] {
        var items: [String] = []
        var unmarked: [String] = []
        var current: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let rest = stripMarker(line) {
                if let current { items.append(current) }
                current = rest
            } else if !line.isEmpty, current != nil {
                current! += "\n" + line
            } else if !line.isEmpty {
                unmarked.append(line)
            }
        }
        if let current { items.append(current) }
        // Without any list marker, every line is a task, except a lead-in such as "Here are tasks:".
        if items.isEmpty { items = unmarked.filter { !$0.hasSuffix(":") } }
        var cleaned = items.map(clean).filter { !$0.isEmpty }
        if truncated, !cleaned.isEmpty { cleaned.removeLast() }
        return cleaned
    }

    /// The text after a list marker, or nil when the line does not start an item.
    static func stripMarker(_ line: String) -> String? {
        var rest = Substring(line)
        if rest.lowercased().hasPrefix("task") { rest = rest.dropFirst(4).drop(while: { $0 == " " }) }
        if let first = rest.first, "-*•".contains(first), rest.dropFirst().first == " " {
            return String(rest.dropFirst(2))
        }
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        rest = rest.dropFirst(digits.count).drop(while: { $0 == " " })
        guard let mark = rest.first, ".):-".contains(mark) else { return nil }
        return String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
    }

    /// Removes Markdown emphasis and an `Instruction:` label around an item.
    static func clean(_ item: String) -> String {
        var text = item.trimmingCharacters(in: .whitespacesAndNewlines)
        for label in ["Instruction:", "Task:", "Prompt:"] where text.hasPrefix(label) {
            text = String(text.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        if text.hasPrefix("**"), let end = text.dropFirst(2).range(of: "**"), end.upperBound == text.endIndex {
            text = String(text.dropFirst(2).dropLast(2))
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
