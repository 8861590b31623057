import SiftCore
import SiftReport

extension FilterReport {
    /// The human summary of `sift filter`.
    public func render(on terminal: Terminal, seconds: Double? = nil) -> String {
        var out: [String] = []
        let fileList = files.count == 1 ? files[0] : "\(files.count) files"
        var header = terminal.bold(fileList) + terminal.dim("  (\(kind.rawValue), rules: \(configuration.ruleSets.map(\.rawValue).joined(separator: ", "))")
        if let seconds, seconds > 0 {
            header += terminal.dim(", \(Format.bytes(bytes)) in \(Format.fixed(seconds, digits: 1)) s, \(Format.bytes(Int(Double(bytes) / seconds)))/s")
        }
        out.append(header + terminal.dim(")"))
        let input = records + malformed
        out.append("  input      \(Format.count(input))")
        out.append("  kept       \(Format.count(kept))  " + terminal.dim(Format.percent(kept, of: input)))
        out.append("  removed    \(Format.count(removed))  " + terminal.dim(Format.percent(removed, of: input)))
        if !rules.isEmpty {
            out.append("")
            out.append(terminal.bold("Removed by rule") + terminal.dim("  (first: records attributed to the rule; total: records failing it)"))
            var table = TextTable(["rule", "first", "total", "share", "examples"], alignments: [.left, .right, .right, .right, .left])
            let sorted = rules.sorted { $0.value.first != $1.value.first ? $0.value.first > $1.value.first : $0.key < $1.key }
            for (rule, count) in sorted {
                table.add([rule, Format.count(count.first), Format.count(count.total), Format.percent(count.first, of: input),
                           (examples[rule]?.references ?? []).prefix(3).joined(separator: ", ")])
            }
            out.append(table.render(style: terminal.dim))
        }
        return out.joined(separator: "\n")
    }
}
