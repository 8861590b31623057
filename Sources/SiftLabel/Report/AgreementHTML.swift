import SiftCore
import SiftReport

/// The self-contained HTML report of `sift agree` (SiftReport's `HTMLDocument`: inline CSS and
/// SVG, no scripts). Every dataset string (items, texts, labels, annotator names) is escaped.
public enum AgreementHTML {
    public static func document(_ report: AgreementReport, texts: [String: String]) -> String {
        let table = report.table
        var doc = HTMLDocument(title: "Annotation agreement", subtitle: report.input.files.joined(separator: ", "))
        let headlineText = report.headline.value.map { Format.fixed($0, digits: 3) } ?? "n/a"
        doc.append(HTML.cards([
            (report.options.metric.title, headlineText),
            ("verdict (threshold \(Format.fixed(report.options.threshold, digits: 2)))", report.passed ? "PASS" : "FAIL"),
            ("annotators", "\(table.annotators.count)"),
            ("items (2+ labels)", "\(Format.count(table.itemCount)) (\(Format.count(report.comparedItems)))"),
            ("labels", Format.count(table.ratings.count)),
        ]))

        let ciHeader = report.options.bootstrap > 0 ? "\(Format.fixed(report.options.confidence * 100, digits: 0))% CI" : ""
        doc.section("Agreement", id: "agreement", HTML.table(
            headers: ["metric", "value", ciHeader, "note"],
            rows: report.metricRows.map { row in
                [.text(row.name), .text(AgreementReport.figure(row.value)),
                 .text(row.interval.map { "\(Format.fixed($0.lower, digits: 3)) to \(Format.fixed($0.upper, digits: 3))" } ?? ""),
                 .text(row.value.reason ?? "")]
            }, numericColumns: [1]))

        let pairs = report.coefficients.pairs
        if !pairs.isEmpty {
            var content = HTML.table(headers: ["annotator", "annotator", "items", "agreement", "kappa"], rows: pairs.map { pair in
                let (a, b) = report.names(pair)
                return [.text(a), .text(b), .text(Format.count(Int(pair.items))), .text(Format.fixed(pair.agreement, digits: 3)),
                        .text(AgreementReport.figure(pair.kappa))]
            }, numericColumns: [2, 3, 4])
            let bars = pairs.compactMap { pair -> (label: String, value: Double)? in
                guard let k = pair.kappa.value else { return nil }
                let (a, b) = report.names(pair)
                return ("\(a) / \(b)", max(0, k))
            }
            if !bars.isEmpty {
                content += HTML.figure(SVGChart.horizontalBars(Array(bars.prefix(30)), title: "Cohen's kappa per pair",
                                                               valueFormat: { Format.fixed($0, digits: 3) }),
                                       caption: "Cohen's kappa per pair of annotators (negative values drawn as 0)")
            }
            doc.section("Pairs of annotators", id: "pairs", content)
        }

        let means = report.meanKappaByAnnotator
        doc.section("Annotators", id: "annotators", HTML.table(
            headers: ["annotator", "labels", "mean kappa with the others", "most frequent departures from the others' majority"],
            rows: table.annotators.indices.map { a in
                let departures = report.departures[a].prefix(3).map { "\(report.label($0.majority)) as \(report.label($0.label)) (\($0.count))" }
                return [.text(table.annotators[a]), .text(Format.count(report.labelsByAnnotator[a])),
                        .text(means[a].map { Format.fixed($0, digits: 3) } ?? "n/a"),
                        .text(departures.isEmpty ? "none" : departures.joined(separator: ", "))]
            }, numericColumns: [1, 2]))

        doc.section("Labels", id: "labels", HTML.table(
            headers: ["label", "given", "items", "specific agreement"],
            rows: report.perLabel.map { s in
                [.text(report.label(s.label)), .text(Format.count(Int(s.count))), .text(Format.count(Int(s.items))),
                 .text(AgreementReport.figure(s.specificAgreement))]
            }, numericColumns: [1, 2, 3]))

        var confused = ""
        if report.confusions.isEmpty {
            confused = HTML.paragraph("No two annotators ever gave different labels to the same item.")
        }
        for c in report.confusions.prefix(GuidelineFeedback.confusionsShown) {
            confused += "<h3>\(escapeHTML(report.label(c.first))) vs \(escapeHTML(report.label(c.second))) <span class=\"muted\">\(escapeHTML(GuidelineFeedback.times(c.count)))</span></h3>"
            for item in ItemReview.examples(of: c.first, c.second, in: report.disagreements, table: table, limit: GuidelineFeedback.examplesPerConfusion) {
                confused += itemHTML(item, report: report, texts: texts)
            }
        }
        doc.section("Most confused label pairs", id: "confusions", confused)

        if !pairs.isEmpty {
            var matrices = ""
            for k in pairs.indices.prefix(10) { matrices += confusionMatrix(k, report: report) }
            if pairs.count > 10 { matrices += HTML.paragraph("\(pairs.count - 10) more pairs in the JSON report.", muted: true) }
            doc.section("Confusion matrices", id: "matrices", matrices)
        }

        let noMajority = report.noMajority
        var noMajorityHTML = HTML.paragraph("\(Format.count(noMajority.count)) items have no label given by more than half of their annotators.")
        for d in noMajority.prefix(GuidelineFeedback.noMajorityShown) { noMajorityHTML += itemHTML(d.item, report: report, texts: texts) }
        doc.section("Items with no majority", id: "no-majority", noMajorityHTML)

        if let gold = report.gold {
            doc.section("Against gold", id: "gold", HTML.table(
                headers: ["annotator", "gold items", "accuracy", "kappa"],
                rows: gold.annotators.map { g in
                    [.text(table.annotators[g.annotator]), .text(Format.count(g.items)), .text(AgreementReport.figure(g.accuracy)),
                     .text(AgreementReport.figure(g.kappa))]
                }, numericColumns: [1, 2, 3]))
        }
        if let windows = report.windows, !windows.isEmpty {
            doc.section("Over time (\(report.options.window.rawValue))", id: "windows", HTML.table(
                headers: ["from", "items", "labels", report.options.metric.title, "percent agreement"],
                rows: windows.map { w in
                    [.text(TimeWindows.date(w.start)), .text(Format.count(w.items)), .text(Format.count(w.labels)),
                     .text(AgreementReport.figure(w.value)), .text(AgreementReport.figure(w.percentAgreement))]
                }, numericColumns: [1, 2, 3, 4]))
        }
        return doc.render()
    }

    /// An item with what each annotator said and its text when known.
    static func itemHTML(_ item: Int, report: AgreementReport, texts: [String: String]) -> String {
        let table = report.table
        let id = table.items[item]
        let said = table.ratings(of: item).map {
            "\(escapeHTML(table.annotators[Int($0.annotator)])): <strong>\(escapeHTML(report.label(Int($0.label))))</strong>"
        }.joined(separator: ", ")
        var out = "<p>item <code>\(escapeHTML(id))</code>: \(said)</p>"
        if let text = texts[id] { out += HTML.sample(text) }
        return out
    }

    /// One pair's confusion matrix, cells shaded by their share of the pair's items.
    static func confusionMatrix(_ k: Int, report: AgreementReport) -> String {
        let pair = report.coefficients.pairs[k]
        let (a, b) = report.names(pair)
        let L = report.table.domain.count
        let matrix = report.pairConfusions[k]
        let total = max(1, matrix.reduce(0, +))
        let rows: [[HTMLCell]] = (0..<L).map { i in
            [.text(report.label(i))] + (0..<L).map { j in
                let value = matrix[i * L + j]
                let alpha = Format.fixed(0.08 + 0.8 * value / total, digits: 2)
                let color = i == j ? "46,125,50" : "198,40,40"
                return .raw("<span style=\"display:block;background:rgba(\(color),\(value > 0 ? alpha : "0"))\">\(escapeHTML(Format.count(Int(value))))</span>")
            }
        }
        return "<h3>\(escapeHTML(a)) (rows) vs \(escapeHTML(b)) (columns)</h3>"
            + HTML.table(headers: [""] + (0..<L).map { report.label($0) }, rows: rows, numericColumns: Set(1...max(1, L)))
    }
}
