/// A plain-text table with aligned columns, the workhorse of terminal summaries.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(_ headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Renders with two spaces between columns; `style` decorates the header (bold on terminals).
    public func render(indent: Int = 2, style: (String) -> String = { $0 }) -> String {
        var widths = headers.map(visibleWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], visibleWidth(cell))
            }
        }
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, width) in widths.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let fill = String(repeating: " ", count: max(0, width - visibleWidth(cell)))
                parts.append(alignments[i] == .left ? cell + fill : fill + cell)
            }
            var text = pad + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [style(line(headers))]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// Width on screen, ignoring ANSI colour sequences.
func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if scalar == "m" { inEscape = false }
            continue
        }
        if scalar == "\u{1B}" { inEscape = true; continue }
        width += 1
    }
    return width
}
