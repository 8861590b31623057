import SiftCore
import SiftReport

extension AgreementReport {
    /// Three decimals, or a dash for an undefined value.
    static func figure(_ value: MetricValue) -> String { value.value.map { Format.fixed($0, digits: 3) } ?? "-" }

    /// The metrics table rows: name, value, interval, and the reason when undefined.
    var metricRows: [(metric: AgreementMetric, name: String, value: MetricValue, interval: ConfidenceInterval?)] {
        Self.intervalMetrics.map { m in
            var name = m.title
            if m == .krippendorffAlpha { name += " (\(options.level.rawValue))" }
            if m == .cohenKappa && options.weights != .none { name = "Cohen's kappa, \(options.weights.rawValue) weights (mean of pairs)" }
            if m == .fleissKappa && coefficients.fleiss.items < Double(comparedItems) {
                name += " (\(Format.count(Int(coefficients.fleiss.items))) items with \(coefficients.fleiss.labelsPerItem) labels)"
            }
            return (m, name, coefficients.value(of: m, level: options.level), intervals[m])
        }
    }

    /// The human summary of `sift agree`.
    public func render(on terminal: Terminal) -> String {
        var out: [String] = []
        let fileList = input.files.count == 1 ? input.files[0] : "\(input.files.count) files"
        let fieldList = input.fields.map { "\($0.role)=\($0.name)" }.joined(separator: ", ")
        out.append(terminal.bold(fileList) + terminal.dim("  (\(input.layout.rawValue)\(fieldList.isEmpty ? "" : ": " + fieldList))"))
        out.append("  \(table.annotators.count) annotators, \(Format.count(table.itemCount)) items (\(Format.count(comparedItems)) with 2+ labels), "
            + "\(Format.count(table.ratings.count)) labels, \(table.domain.count) distinct labels")
        var skipped: [String] = []
        if input.emptyLabels > 0 { skipped.append("\(Format.count(input.emptyLabels)) empty labels skipped") }
        if input.cancelled > 0 { skipped.append("\(Format.count(input.cancelled)) cancelled annotations skipped") }
        if input.duplicateCount > 0 {
            let first = input.duplicates.first.map { " (e.g. item \($0.item) by \($0.annotator) at \($0.locations.map(\.description).joined(separator: ", ")))" } ?? ""
            skipped.append(terminal.color("\(Format.count(input.duplicateCount)) duplicate labels replaced by a later one\(first)", .yellow))
        }
        if !skipped.isEmpty { out.append("  " + skipped.joined(separator: "; ")) }
        if !table.domain.isOrdered && options.weights != .none {
            out.append(terminal.color("  note: weighted kappa on text labels uses their alphabetical order (as scikit-learn does); give the order with --labels", .yellow))
        }

        out.append("")
        let ciTitle = options.bootstrap > 0 ? "\(Format.fixed(options.confidence * 100, digits: 0))% CI" : ""
        var metrics = TextTable(["agreement", "value", ciTitle, ""], alignments: [.left, .right, .left, .left])
        for row in metricRows {
            let interval = row.interval.map { "[\(Format.fixed($0.lower, digits: 3)), \(Format.fixed($0.upper, digits: 3))]" } ?? ""
            metrics.add([row.name, Self.figure(row.value), interval, row.value.reason.map { terminal.dim($0) } ?? ""])
        }
        out.append(metrics.render(style: terminal.bold))

        if coefficients.pairs.count > 1 {
            out.append("")
            var pairs = TextTable(["pair", "items", "agreement", "kappa"])
            for pair in coefficients.pairs.prefix(20) {
                let (a, b) = names(pair)
                pairs.add(["\(a) / \(b)", Format.count(Int(pair.items)), Format.fixed(pair.agreement, digits: 3), Self.figure(pair.kappa)])
            }
            out.append(pairs.render(style: terminal.bold))
            if coefficients.pairs.count > 20 { out.append(terminal.dim("  ... \(coefficients.pairs.count - 20) more pairs in --json")) }
        }

        out.append("")
        var labels = TextTable(["label", "given", "specific agreement"])
        for stats in perLabel.prefix(20) {
            labels.add([label(stats.label), Format.count(Int(stats.count)), Self.figure(stats.specificAgreement)])
        }
        out.append(labels.render(style: terminal.bold))

        if !confusions.isEmpty {
            out.append("")
            out.append(terminal.bold("  most confused"))
            for c in confusions.prefix(5) {
                out.append("    \(label(c.first)) <-> \(label(c.second))  \(Format.count(Int(c.count)))")
            }
            out.append("  \(Format.count(disagreements.count)) items with disagreement, \(Format.count(noMajority.count)) without a majority label")
        }

        if let gold {
            out.append("")
            var table = TextTable(["annotator vs gold", "items", "accuracy", "kappa"])
            for g in gold.annotators where g.items > 0 {
                table.add([self.table.annotators[g.annotator], Format.count(g.items), Self.figure(g.accuracy), Self.figure(g.kappa)])
            }
            out.append(table.render(style: terminal.bold))
            if gold.itemsUnlabelled > 0 { out.append(terminal.dim("  \(gold.itemsUnlabelled) gold items were labelled by nobody")) }
        }

        if let windows, !windows.isEmpty {
            out.append("")
            var table = TextTable(["\(options.window.rawValue) from", "items", "labels", options.metric.rawValue])
            for w in windows { table.add([TimeWindows.date(w.start), Format.count(w.items), Format.count(w.labels), Self.figure(w.value)]) }
            out.append(table.render(style: terminal.bold))
        }

        out.append("")
        let verdict = passed ? terminal.color("PASS", .green) : terminal.color("FAIL", .red)
        let comparison = headline.value.map { "\(Format.fixed($0, digits: 3)) \(passed ? ">=" : "<") \(Format.fixed(options.threshold, digits: 2))" }
            ?? "undefined (\(headline.reason ?? "")) vs \(Format.fixed(options.threshold, digits: 2))"
        out.append(terminal.bold("verdict: ") + verdict + "  \(options.metric.rawValue) \(comparison)")
        return out.joined(separator: "\n")
    }
}
