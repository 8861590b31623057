import SiftCore
import SiftReport

extension AuditReport {
    /// The `--html` report: one self-contained page (inline CSS and SVG, no scripts, no network)
    /// with the pyramid, the charts, every finding with escaped examples, and the sufficiency verdict.
    public var html: String {
        let name = files.count == 1 ? files[0] : "\(files.count) files"
        var document = HTMLDocument(title: "Sift audit: \(name)",
                                    subtitle: "\(Format.count(records)) records · kind \(kind.rawValue) · purpose \(purpose.rawValue) · as of \(FreshnessCheck.day(options.asOf))")
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        document.append(HTML.cards([
            ("records", Format.count(records)), ("malformed lines", Format.count(malformedCount)),
            ("errors", Format.count(errors)), ("warnings", Format.count(warnings)),
            ("enough data?", sufficiency.verdict.rawValue.replacingUnderscoresWithSpaces),
        ]))

        let scores = Dimension.pyramid.reversed().map { (dimension: $0, score: score($0)) }
        var pyramid = HTML.figure(PyramidChart.svg(scores: scores), caption: "Scores from 0 to 100 per level; the base (accuracy) is at the bottom.")
        pyramid += HTML.table(headers: ["level", "question", "score", "findings"],
                              rows: Dimension.pyramid.map { d in
                                  [.text(d.rawValue), .text(d.question), .text(String(score(d))), .text(String(findings(in: d).count))]
                              }, numericColumns: [2, 3])
        document.section("Quality pyramid", id: "pyramid", pyramid)

        let t = sufficiency.thresholds
        document.section("Enough data?", id: "sufficiency",
                         HTML.paragraph(sufficiency.explanation) +
                         HTML.table(headers: ["purpose", "unit", "count", "minimum", "sweet spot", "verdict"],
                                    rows: [[.text(purpose.rawValue), .text(t.unit.rawValue), .text(Format.count(sufficiency.count)),
                                            .text(Format.count(t.minimum)),
                                            .text("\(Format.count(t.sweetSpot.lowerBound))-\(Format.count(t.sweetSpot.upperBound))"),
                                            .raw(HTML.badge(sufficiency.verdict.rawValue, kind: sufficiency.verdict == .belowMinimum ? "error" : sufficiency.verdict == .adequate ? "warning" : "ok"))]],
                                    numericColumns: [2, 3]))

        document.section("Charts", id: "charts", chartsHTML)
        document.section("Findings", id: "findings", findingsHTML)
        if !malformed.isEmpty {
            let rows: [[HTMLCell]] = malformed.prefix(200).map { [.text($0.file), .text(String($0.line)), .text($0.error)] }
            document.section("Malformed lines", id: "malformed",
                             HTML.table(headers: ["file", "line", "error"], rows: rows, numericColumns: [1]))
        }
        return document.render()
    }

    /// The charts every report shows, with a sentence where the data has nothing to draw.
    static let requiredCharts: [(id: String, title: String, missing: String)] = [
        ("length_histogram", "Main text length", "No texts to measure."),
        ("label_distribution", "Records per label", "The records carry no labels."),
        ("age_histogram", "Record age", "No record has a readable date."),
        ("duplicate_clusters", "Duplicate clusters", "No exact duplicates."),
    ]

    private var chartsHTML: String {
        var out = ""
        for required in Self.requiredCharts {
            if let chart = chart(required.id) {
                out += "<h3>\(escapeHTML(chart.title))</h3>" + Self.render(chart)
            } else {
                out += "<h3>\(escapeHTML(required.title))</h3>" + HTML.paragraph(required.missing, muted: true)
            }
        }
        for chart in charts where !Self.requiredCharts.contains(where: { $0.id == chart.id }) && !chart.bins.isEmpty {
            out += "<h3>\(escapeHTML(chart.title))</h3>" + Self.render(chart)
        }
        return out
    }

    static func render(_ chart: AuditChart) -> String {
        let bins = chart.bins.map { (label: $0.label, value: Double($0.value)) }
        let svg: String
        switch chart.style {
        case .columns: svg = SVGChart.columns(bins, title: chart.title)
        case .bars: svg = SVGChart.horizontalBars(bins, title: chart.title)
        }
        return HTML.figure(svg, caption: "\(chart.title) (\(Format.count(chart.bins.reduce(0) { $0 + $1.value })) in all)")
    }

    private var findingsHTML: String {
        guard !findings.isEmpty else { return HTML.paragraph("No findings.") }
        var out = ""
        for dimension in Dimension.allCases {
            let list = findings(in: dimension)
            guard !list.isEmpty else { continue }
            let heading = dimension == .provenance ? "provenance" : "\(dimension.rawValue) (score \(score(dimension)))"
            out += "<h3>\(escapeHTML(heading))</h3>"
            for finding in list {
                out += "<details\(finding.severity == .error ? " open" : "")><summary>"
                out += HTML.badge(finding.severity.rawValue, kind: finding.severity.rawValue)
                out += " <code>\(escapeHTML(finding.check))</code> \(escapeHTML(finding.message))</summary>"
                if !finding.records.isEmpty {
                    out += HTML.paragraph("Records (\(Format.count(finding.count)) in all): " + finding.records.joined(separator: ", "), muted: true)
                }
                for example in finding.examples {
                    out += "<div class=\"muted\">\(escapeHTML(example.reference))</div>" + HTML.sample(example.text)
                }
                out += "</details>"
            }
        }
        return out
    }
}

extension String {
    var replacingUnderscoresWithSpaces: String { String(map { $0 == "_" ? " " : $0 }) }
}
