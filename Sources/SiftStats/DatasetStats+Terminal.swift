import SiftCore
import SiftReport

extension DatasetStats {
    /// The human summary of `sift stats`.
    public func render(on terminal: Terminal) -> String {
        var out: [String] = []
        let fileList = files.count == 1 ? files[0] : "\(files.count) files"
        out.append(terminal.bold("\(fileList)") + terminal.dim("  (\(formats.map(\.rawValue).joined(separator: ", ")), \(Format.bytes(bytes)))"))
        out.append("  records    \(Format.count(records))" + (malformedCount > 0 ? terminal.color("  + \(Format.count(malformedCount)) malformed", .red) : ""))
        out.append("  kind       \(kind.rawValue)")
        if blankLines > 0 { out.append("  blank      \(Format.count(blankLines)) blank lines skipped") }

        if !fields.isEmpty {
            out.append("")
            out.append(terminal.bold("Fields"))
            var table = TextTable(["field", "present", "empty", "types"], alignments: [.left, .right, .right, .left])
            for (name, stats) in fields {
                let sorted = stats.types.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                let types = sorted.map { sorted.count > 1 ? "\($0.key) \(Format.percent($0.value, of: stats.present, digits: 0))" : $0.key }
                table.add([name, Format.percent(stats.present, of: records), Format.percent(stats.empty, of: records),
                           types.joined(separator: ", ")])
            }
            out.append(table.render(style: terminal.dim))
        }

        if !textLengths.isEmpty {
            out.append("")
            out.append(terminal.bold("Text lengths") + terminal.dim("  (characters / words)"))
            var table = TextTable(["text", "count", "p5", "p50", "p95", "max"])
            for (name, d) in textLengths {
                func cell(_ p: Double) -> String { "\(Format.count(d.characters(atPercentile: p))) / \(Format.count(d.words(atPercentile: p)))" }
                table.add([name, Format.count(d.count), cell(5), cell(50), cell(95), "\(Format.count(d.maxCharacters)) / \(Format.count(d.maxWords))"])
            }
            out.append(table.render(style: terminal.dim))
        }
        if turns.count > 0 {
            out.append("  turns per conversation: p5 \(turns.characters(atPercentile: 5)), p50 \(turns.characters(atPercentile: 50)), p95 \(turns.characters(atPercentile: 95)), max \(turns.maxCharacters)")
        }

        if let labelField, !labels.isEmpty {
            out.append("")
            out.append(terminal.bold("Labels") + terminal.dim("  (field \"\(labelField)\", \(labels.count) distinct)"))
            let distribution = labelDistribution
            let labelled = records - recordsWithoutLabel
            let top = distribution.prefix(15)
            let peak = top.first?.count ?? 1
            var table = TextTable(["label", "records", "share", ""], alignments: [.left, .right, .right, .left])
            for (label, count) in top {
                let bar = String(repeating: "█", count: max(1, count * 24 / max(peak, 1)))
                // Quote labels whose spaces would otherwise be invisible: "returns " is a finding.
                let shown = label.isEmpty ? "(empty)" : (label.first!.isWhitespace || label.last!.isWhitespace ? "\"\(label)\"" : label)
                table.add([shown, Format.count(count), Format.percent(count, of: labelled), terminal.color(bar, .cyan)])
            }
            out.append(table.render(style: terminal.dim))
            if distribution.count > top.count { out.append(terminal.dim("  … \(distribution.count - top.count) more labels")) }
            if recordsWithoutLabel > 0 { out.append(terminal.dim("  \(Format.count(recordsWithoutLabel)) records without a label")) }
        }

        if !diagnostics.isEmpty {
            out.append("")
            out.append(terminal.bold("Notes"))
            for d in diagnostics.prefix(20) { out.append("  " + d.description) }
        }
        if malformedCount > 0 {
            out.append("")
            out.append(terminal.color(terminal.bold("Malformed records: \(Format.count(malformedCount))"), .red))
            for item in malformed.prefix(10) { out.append("  " + item.description) }
            if malformedCount > 10 { out.append(terminal.dim("  … \(Format.count(malformedCount - 10)) more (all are listed in --json)")) }
        }
        out.append("")
        out.append(terminal.dim("\(Format.count(records)) records + \(Format.count(malformedCount)) malformed = \(Format.count(lines)) \(lineNoun)"))
        return out.joined(separator: "\n")
    }

    private var lineNoun: String {
        if formats.allSatisfy({ $0 == .csv || $0 == .tsv }) { return "rows" }
        if formats.allSatisfy({ $0 == .json }) { return "array elements" }
        return "lines"
    }
}
