import SiftCore
import SiftReport

extension AuditReport {
    /// How many findings the terminal summary lists; all of them are in `--json` and `--html`.
    public static let terminalFindings = 12

    /// The human summary of `sift audit`: the pyramid with its scores (apex first, as it is drawn),
    /// the most severe findings with record references, and the sufficiency verdict.
    public func render(on terminal: Terminal) -> String {
        var out: [String] = []
        let fileList = files.count == 1 ? files[0] : "\(files.count) files"
        out.append(terminal.bold(fileList) + terminal.dim("  (\(formats.map(\.rawValue).joined(separator: ", ")), \(Format.bytes(bytes)))"))
        var summary = "  \(Format.count(records)) records, kind \(kind.rawValue), purpose \(purpose.rawValue)"
        if malformedCount > 0 { summary += terminal.color("  + \(Format.count(malformedCount)) malformed", .red) }
        out.append(summary)
        if Set(fileKinds.map(\.kind)).count > 1 {
            out.append(terminal.dim("  files read as: " + fileKinds.map { "\($0.file) \($0.kind.rawValue)" }.joined(separator: ", ")))
        }
        for diagnostic in diagnostics.prefix(10) { out.append(terminal.dim("  note: \(diagnostic.description)")) }
        if records == 0 { out.append(terminal.color("  no records to audit: the scores below say nothing", .yellow)) }
        out.append("")
        out.append(terminal.bold("Quality pyramid"))
        let levels = Dimension.pyramid.reversed()
        for (i, dimension) in levels.enumerated() {
            let score = self.score(dimension)
            let inner = 16 + 4 * i
            let label = "\(dimension.rawValue)  \(score)"
            let left = (inner - label.count) / 2
            let body = String(repeating: " ", count: max(0, left)) + label + String(repeating: " ", count: max(0, inner - left - label.count))
            let indent = String(repeating: " ", count: 2 + 2 * (levels.count - 1 - i))
            let level = indent + "/" + terminal.color(body, Self.color(score)) + "\\"
            // Notes line up after the widest (base) level.
            let pad = String(repeating: " ", count: 2 * (levels.count - 1 - i) + 3)
            let count = findings(in: dimension).count
            out.append(level + pad + terminal.dim(count == 0 ? "no findings" : "\(count) finding\(count == 1 ? "" : "s")"))
        }
        out.append("")
        if findings.isEmpty {
            out.append(terminal.color("No findings.", .green))
        } else {
            out.append(terminal.bold("Top findings"))
            let ranked = findings.enumerated().sorted { a, b in
                if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
                if a.element.rate != b.element.rate { return a.element.rate > b.element.rate }
                return a.offset < b.offset
            }.map(\.element)
            for finding in ranked.prefix(Self.terminalFindings) {
                let tag: String
                switch finding.severity {
                case .error: tag = terminal.color("error  ", .red)
                case .warning: tag = terminal.color("warning", .yellow)
                case .info: tag = terminal.color("info   ", .blue)
                }
                out.append("  \(tag) \(terminal.bold(finding.check)) \(terminal.dim("[\(finding.dimension.rawValue)]")) \(finding.message)")
                if !finding.records.isEmpty {
                    let shown = finding.records.prefix(6).joined(separator: ", ")
                    let more = finding.count > 6 ? ", …" : ""
                    out.append(terminal.dim("          records: \(shown)\(more)"))
                }
            }
            if ranked.count > Self.terminalFindings {
                out.append(terminal.dim("  … \(ranked.count - Self.terminalFindings) more findings (all are in --json and --html)"))
            }
        }
        out.append("")
        let verdict = sufficiency.verdict
        let verdictColor: Terminal.Color = verdict == .belowMinimum ? .red : verdict == .adequate ? .yellow : .green
        out.append(terminal.bold("Enough data? ") + terminal.color(verdict.rawValue, verdictColor) + "  " + sufficiency.explanation)
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.count - errors - warnings
        out.append(terminal.dim("\(findings.count) findings: \(errors) errors, \(warnings) warnings, \(notes) notes"))
        return out.joined(separator: "\n")
    }

    static func color(_ score: Int) -> Terminal.Color {
        score >= 90 ? .green : score >= 70 ? .yellow : .red
    }
}
