import SiftCore
import SiftReport

/// The Markdown report for whoever owns the labelling guidelines: how well annotators agree, which
/// labels they confuse (with example items and what each annotator said), and the items with no
/// majority. It is the "refine the guidelines from the disagreements" step of a labelling pilot.
///
/// Dataset text (item texts, labels, annotator names) is untrusted: it is escaped so that it can
/// neither break the Markdown structure nor inject HTML when the file is rendered.
public enum GuidelineFeedback {
    /// Confused label pairs shown, and examples per pair.
    static let confusionsShown = 5
    static let examplesPerConfusion = 3
    static let noMajorityShown = 20

    /// The items the reports show, so that their texts can be looked up in `--items`.
    public static func exampleItems(_ report: AgreementReport) -> [Int] {
        var items: [Int] = []
        for c in report.confusions.prefix(confusionsShown) {
            items += ItemReview.examples(of: c.first, c.second, in: report.disagreements, table: report.table, limit: examplesPerConfusion)
        }
        items += report.noMajority.prefix(noMajorityShown).map(\.item)
        return items
    }

    public static func markdown(_ report: AgreementReport, texts: [String: String]) -> String {
        let table = report.table
        var md: [String] = []
        md.append("# Annotation agreement: \(escape(report.input.files.joined(separator: ", ")))")
        md.append("")
        let verdict = report.passed ? "PASS" : "FAIL"
        let value = report.headline.value.map { Format.fixed($0, digits: 3) } ?? "undefined (\(escape(report.headline.reason ?? "")))"
        md.append("**Verdict: \(verdict).** \(report.options.metric.title) = \(value); threshold \(Format.fixed(report.options.threshold, digits: 2)).")
        md.append("")
        md.append("\(table.annotators.count) annotators, \(Format.count(table.itemCount)) items (\(Format.count(report.comparedItems)) labelled by two or more), "
            + "\(Format.count(table.ratings.count)) labels, \(table.domain.count) distinct labels.")
        md.append("")

        md.append("## Agreement")
        md.append("")
        md.append("| metric | value | \(report.options.bootstrap > 0 ? "\(Format.fixed(report.options.confidence * 100, digits: 0))% CI" : "") |")
        md.append("|---|---:|---|")
        for row in report.metricRows {
            let interval = row.interval.map { "\(Format.fixed($0.lower, digits: 3)) to \(Format.fixed($0.upper, digits: 3))" } ?? ""
            let shown = row.value.value.map { Format.fixed($0, digits: 3) } ?? "n/a: \(escape(row.value.reason ?? ""))"
            md.append("| \(row.name) | \(shown) | \(interval) |")
        }
        md.append("")
        md.append("Kappa-type values read roughly as: below 0.40 poor to fair, 0.40 to 0.60 moderate, 0.60 to 0.80 substantial, above 0.80 almost perfect (Landis & Koch 1977).")
        md.append("")

        md.append("## Annotators")
        md.append("")
        let hasGold = report.gold != nil
        md.append("| annotator | labels | mean kappa with the others |" + (hasGold ? " gold accuracy | gold kappa |" : "") + " most frequent departure from the others' majority |")
        md.append("|---|---:|---:|" + (hasGold ? "---:|---:|" : "") + "---|")
        let means = report.meanKappaByAnnotator
        for a in table.annotators.indices {
            var row = "| \(escape(table.annotators[a])) | \(Format.count(report.labelsByAnnotator[a])) | \(means[a].map { Format.fixed($0, digits: 3) } ?? "n/a") |"
            if let gold = report.gold {
                let g = gold.annotators[a]
                row += " \(AgreementReport.figure(g.accuracy)) | \(AgreementReport.figure(g.kappa)) |"
            }
            let departures = report.departures[a].prefix(2).map {
                "\(escape(report.label($0.majority))) as \(escape(report.label($0.label))) (\($0.count))"
            }
            row += " \(departures.isEmpty ? "none" : departures.joined(separator: ", ")) |"
            md.append(row)
        }
        md.append("")

        md.append("## Labels")
        md.append("")
        md.append("Specific agreement: when one annotator gives the label, how often another annotator of the same item gives it too. Low values point at labels whose definition needs work.")
        md.append("")
        md.append("| label | given | specific agreement |")
        md.append("|---|---:|---:|")
        for stats in report.perLabel.sorted(by: { ($0.specificAgreement.value ?? 2) < ($1.specificAgreement.value ?? 2) }) {
            md.append("| \(escape(report.label(stats.label))) | \(Format.count(Int(stats.count))) | \(AgreementReport.figure(stats.specificAgreement)) |")
        }
        md.append("")

        md.append("## Most confused label pairs")
        md.append("")
        if report.confusions.isEmpty {
            md.append("No two annotators ever gave different labels to the same item.")
            md.append("")
        }
        for (rank, c) in report.confusions.prefix(confusionsShown).enumerated() {
            md.append("### \(rank + 1). \(escape(report.label(c.first))) vs \(escape(report.label(c.second))): \(times(c.count))")
            md.append("")
            for item in ItemReview.examples(of: c.first, c.second, in: report.disagreements, table: table, limit: examplesPerConfusion) {
                md.append(contentsOf: itemBlock(item, report: report, texts: texts))
            }
            md.append("")
        }

        md.append("## Items with no majority")
        md.append("")
        let noMajority = report.noMajority
        if noMajority.isEmpty {
            md.append("Every item labelled by two or more annotators has a label that more than half of them gave.")
        } else {
            md.append("\(Format.count(noMajority.count)) items have no label given by more than half of their annotators\(noMajority.count > noMajorityShown ? "; the first \(noMajorityShown)" : ""):")
            md.append("")
            for d in noMajority.prefix(noMajorityShown) { md.append(contentsOf: itemBlock(d.item, report: report, texts: texts)) }
        }
        md.append("")
        return md.joined(separator: "\n")
    }

    static func times(_ count: Double) -> String { count == 1 ? "1 time" : "\(Format.count(Int(count))) times" }

    /// An item: its id, its text (shortened) when known, and each annotator's label.
    static func itemBlock(_ item: Int, report: AgreementReport, texts: [String: String]) -> [String] {
        let table = report.table
        let id = table.items[item]
        let said = table.ratings(of: item).map { "\(escape(table.annotators[Int($0.annotator)])): **\(escape(report.label(Int($0.label))))**" }
        var lines = ["- item \(escape(id)): " + said.joined(separator: ", ")]
        if let text = texts[id] {
            lines.append("  > " + escape(excerpt(text, maxCharacters: 300)))
        }
        return lines
    }

    /// Escapes dataset text for Markdown: HTML-significant characters become entities, inline
    /// Markdown punctuation (emphasis, code, links, table pipes) is backslash-escaped, and line
    /// breaks become spaces so a text stays inside its list item or table cell, where block
    /// syntax (`#`, `-`, `>`) cannot start.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r", "\t": out += " "
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
