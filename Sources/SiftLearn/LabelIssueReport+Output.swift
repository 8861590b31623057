import Foundation
import SiftCore
import SiftReport

extension LabelIssueReport {
    /// One line per flagged record, lowest self-confidence first (the `--out` file).
    public func issueLines() -> [JSONValue] {
        result.ranked.enumerated().map { rank, i in
            .object(["rank": .integer(rank + 1), "id": .string(references[i]), "location": .string(locations[i]),
                     "index": .integer(i), "given": .string(classNames[labels[i]]),
                     "suggested": .string(classNames[result.suggested[i]]), "self_confidence": .double(result.selfConfidence[i])])
        }
    }

    /// The flagged records as a `sift synth review` file, which `sift studio project create --review`
    /// loads as a review project: `review_id` (the record's reference), the text as `prompt`, the
    /// labels as `response`, `stratum` the given label, empty `verdict` and `notes` for the
    /// reviewer, and the finding's fields and the whole record alongside. A reviewer accepts when
    /// the given label is indeed wrong, rejects when it stands, or edits with the right label.
    /// Needs the dataset read with `keepLines`.
    public func reviewLines() -> [JSONValue] {
        precondition(lines.count == records && texts.count == records, "review lines need the dataset read with keepLines")
        var seen = Set<String>()
        return result.ranked.map { i in
            let id = seen.insert(references[i]).inserted ? references[i] : "\(references[i])@\(locations[i])"
            seen.insert(id)
            let given = classNames[labels[i]], suggested = classNames[result.suggested[i]]
            let record = (try? lines[i].withUnsafeBytes { try JSONParser.parse($0) }) ?? .null
            return .object(["review_id": .string(id), "stratum": .string(given), "technique": "label-errors",
                            "prompt": .string(texts[i]),
                            "response": .string("given label: \(given); suggested: \(suggested) (self-confidence \(String(format: "%.3f", result.selfConfidence[i])))"),
                            "verdict": "", "notes": "", "given": .string(given), "suggested": .string(suggested),
                            "self_confidence": .double(result.selfConfidence[i]), "location": .string(locations[i]), "record": record])
        }
    }

    public var json: JSONValue {
        .object([
            "records": .integer(records),
            "flagged": .integer(flaggedCount),
            "not_flagged": .integer(records - flaggedCount),
            "estimated_noise_rate": .double(result.estimatedNoiseRate),
            "filter_by": .string(filterBy.rawValue),
            "probabilities": .string(probabilitySource),
            "classes": .array(classNames.enumerated().map { c, name in
                .object(["label": .string(name), "records": .integer(labels.filter { $0 == c }.count),
                         "flagged": .integer(flaggedPerClass[c]), "threshold": .double(result.thresholds[c])])
            }),
            "confident_joint": .array(result.confidentJoint.map { .array($0.map { .integer($0) }) }),
            "issues": .array(issueLines()),
            "seconds": .double(seconds),
        ])
    }

    public func terminal(_ terminal: Terminal, title: String, show: Int = 20) -> String {
        var lines = [terminal.bold("label-errors \(title)") + terminal.dim("  \(Format.count(records)) records, \(classNames.count) classes, \(probabilitySource), \(filterBy.rawValue)")]
        var classes = TextTable(["label", "records", "flagged", "threshold"], alignments: [.left, .right, .right, .right])
        for (c, name) in classNames.enumerated() {
            classes.add([name, Format.count(labels.filter { $0 == c }.count), Format.count(flaggedPerClass[c]), String(format: "%.3f", result.thresholds[c])])
        }
        lines.append(classes.render(style: terminal.dim))
        lines.append("  \(Format.count(flaggedCount)) of \(Format.count(records)) records flagged (\(Format.percent(flaggedCount, of: records))); " +
                     "\(Format.count(records - flaggedCount)) not flagged; the confident joint estimates \(Format.fixed(100 * result.estimatedNoiseRate, digits: 1))% wrong labels")
        if flaggedCount > 0 {
            var table = TextTable(["#", "id", "given", "suggested", "self-confidence"], alignments: [.right, .left, .left, .left, .right])
            for (rank, i) in result.ranked.prefix(show).enumerated() {
                table.add([String(rank + 1), references[i], classNames[labels[i]], classNames[result.suggested[i]], String(format: "%.4f", result.selfConfidence[i])])
            }
            lines.append(table.render(style: terminal.dim))
            if flaggedCount > show { lines.append(terminal.dim("  … \(flaggedCount - show) more (--out or --json for all)")) }
        }
        lines.append(terminal.dim(String(format: "  %.2f s", seconds)))
        return lines.joined(separator: "\n")
    }

    public func html(title: String) -> String {
        var document = HTMLDocument(title: "Label errors", subtitle: title)
        document.section("Summary", HTML.cards([
            (label: "records", value: Format.count(records)),
            (label: "flagged", value: Format.count(flaggedCount)),
            (label: "estimated wrong labels", value: Format.fixed(100 * result.estimatedNoiseRate, digits: 1) + "%"),
            (label: "classes", value: String(classNames.count)),
        ]) + HTML.paragraph("Confident learning (Northcutt, Jiang and Chuang, JAIR 2021), \(filterBy.rawValue), on \(probabilitySource) probabilities; flagged records ranked by self-confidence, lowest first.", muted: true))
        var joint = HTML.table(headers: ["given \\ true"] + classNames, rows: result.confidentJoint.enumerated().map { c, row in
            [.text(classNames[c])] + row.map { .text(Format.count($0)) }
        }, numericColumns: Set(1...classNames.count))
        joint += HTML.figure(SVGChart.horizontalBars(classNames.enumerated().map { (label: $0.element, value: Double(flaggedPerClass[$0.offset])) },
                                                     title: "flagged per given label"), caption: "Flagged records per given label.")
        document.section("Confident joint", joint)
        document.section("Flagged records", HTML.table(headers: ["#", "id", "location", "given", "suggested", "self-confidence"],
                                                       rows: result.ranked.enumerated().map { rank, i in
            [.text(String(rank + 1)), .text(references[i]), .text(locations[i]), .text(classNames[labels[i]]),
             .text(classNames[result.suggested[i]]), .text(String(format: "%.4f", result.selfConfidence[i]))]
        }, numericColumns: [0, 5]))
        return document.render()
    }
}
