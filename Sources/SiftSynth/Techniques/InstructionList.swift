import Foundation

/// Reads instructions out of a model's free text. Models, small ones above all, wrap what was asked
/// for in lead-ins ("Here are eight diverse tasks:", "A user could have asked:"), number items twice
/// (`2. 1. Hello ...`) or list several candidates where one was asked for; these readers keep the
/// instruction and drop the wrapping, and never invent text.
public enum InstructionList {
    /// Splits a list of new tasks into instructions. Items are numbered (`1.`, `2)`, `Task 3:`) or
    /// bulleted lines, each with any continuation lines that follow; an answer with no numbering is
    /// read one instruction per line. As in the Self-Instruct code, when the answer was cut at the
    /// token limit the last item is dropped, since it is probably incomplete.
    public static func parse(_ text: String, truncated: Bool) -> [String] {
        var cleaned = items(text).map(clean).filter { !$0.isEmpty }
        if truncated, !cleaned.isEmpty { cleaned.removeLast() }
        return cleaned
    }

    /// The one instruction of an answer that was asked for a single instruction (instruction
    /// backtranslation): without lead-in lines, and the first candidate when the model listed
    /// several, either as a list or by repeating its lead-in ("A user could have asked: ... A user
    /// could have asked: ..."). Empty when the answer holds no instruction.
    public static func single(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        if let leadIn = lines.first, isLeadIn(leadIn) {
            lines.removeFirst()
            if let again = lines.firstIndex(of: leadIn) { lines.removeSubrange(again...) }
        }
        let body = lines.joined(separator: "\n")
        let listed = items(body)
        if listed.count >= 2, let firstLine = lines.first(where: { !$0.isEmpty }), stripMarker(firstLine) != nil {
            return clean(listed[0])
        }
        return clean(body)
    }

    /// The items of a list with their continuation lines; every line when nothing is marked, except
    /// a lead-in such as "Here are tasks:". As in CommonMark, a line continues an item when it
    /// directly follows it, or, after a blank line, when it is indented; an unindented paragraph
    /// after a blank line ends the item (small models answer their own task there).
    static func items(_ text: String) -> [String] {
        var items: [String] = []
        var unmarked: [String] = []
        var current: String?
        var afterBlank = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            defer { afterBlank = line.isEmpty }
            if let rest = stripMarkers(line) {
                if let current { items.append(current) }
                current = rest
            } else if line.isEmpty {
                continue
            } else if current != nil, !afterBlank || rawLine.first?.isWhitespace == true {
                current! += "\n" + line
            } else {
                if let finished = current { items.append(finished) }
                current = nil
                unmarked.append(line)
            }
        }
        if let current { items.append(current) }
        return items.isEmpty ? unmarked.filter { !$0.hasSuffix(":") } : items
    }

    /// A short line ending in a colon that talks about what follows ("Instruction:", "A user could
    /// have asked:", "Here is the question:") rather than being part of it ("Summarise the steps:").
    static func isLeadIn(_ line: String) -> Bool {
        guard line.hasSuffix(":") else { return false }
        let words = line.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" })
        return words.count <= 8 && words.contains(where: leadInWords.contains)
    }

    static let leadInWords: Set<Substring> = [
        "instruction", "instructions", "question", "questions", "prompt", "prompts", "task", "tasks", "request", "asked", "ask",
        "here", "here's",
    ]

    /// The text after a line's list markers, or nil when the line does not start an item. After
    /// the first marker, further ones count only when a space follows them (`2. 1. Hello`), so
    /// that "1. 5-star reviews" keeps its "5-star".
    static func stripMarkers(_ line: String) -> String? {
        guard var rest = stripMarker(line)?.rest else { return nil }
        while let inner = stripMarker(rest), inner.spaced { rest = inner.rest }
        return rest
    }

    /// The text after one list marker and whether a space followed the marker, or nil when the
    /// line does not start with one.
    static func stripMarker(_ line: String) -> (rest: String, spaced: Bool)? {
        var rest = Substring(line)
        if rest.lowercased().hasPrefix("task") { rest = rest.dropFirst(4).drop(while: { $0 == " " }) }
        if let first = rest.first, "-*•".contains(first), rest.dropFirst().first == " " {
            return (String(rest.dropFirst(2)), true)
        }
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        rest = rest.dropFirst(digits.count).drop(while: { $0 == " " })
        guard let mark = rest.first, ".):-".contains(mark) else { return nil }
        let after = rest.dropFirst()
        return (after.trimmingCharacters(in: .whitespaces), after.first == " ")
    }

    /// Removes Markdown emphasis and an `Instruction:` label around an item.
    static func clean(_ item: String) -> String {
        var text = item.trimmingCharacters(in: .whitespacesAndNewlines)
        for label in ["Instruction:", "Task:", "Prompt:", "Question:"] where text.hasPrefix(label) {
            text = String(text.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        if text.hasPrefix("**"), let end = text.dropFirst(2).range(of: "**"), end.upperBound == text.endIndex {
            text = String(text.dropFirst(2).dropLast(2))
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
