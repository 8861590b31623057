import Foundation
import SiftCore
import SiftReport

extension CurveReport {
    public var json: JSONValue {
        var object: JSONObject = [
            "records": .integer(records),
            "evaluation": .string(evaluation),
            "eval_records": .integer(evalRecords),
            "classes": .array(classNames.map { .string($0) }),
            "metric": .string(metricName),
            "target": .double(target),
            "repeats": .integer(repeats),
            "training_pool": .integer(trainingPool),
            "leakage_excluded": .array(leakageExcluded.map { .integer($0) }),
            "dropped_sizes": .array(droppedSizes.map { .integer($0) }),
            "points": .array(points.map { point in
                .object(["size": .integer(point.size), "mean": .double(point.mean), "low": .double(point.low),
                         "high": .double(point.high), "scores": .array(point.scores.map { .double($0) })])
            }),
        ]
        object["fit"] = fit.map { fit in
            .object(["model": "error(n) = a * n^(-b) + c", "a": .double(fit.a), "b": .double(fit.b), "c": .double(fit.c),
                     "residual": .double(fit.residual)])
        } ?? .null
        object["forecast"] = .object([
            "verdict": .string(forecast.verdict.rawValue),
            "examples": forecast.examples.map { .integer($0) } ?? .null,
            "low": forecast.low.map { .integer($0) } ?? .null,
            "high": forecast.high.map { .integer($0) } ?? .null,
            "text": .string(forecast.text),
        ])
        object["fits"] = .integer(fits)
        if let trainCommand {
            object["train_command"] = .string(trainCommand)
            object["cached_runs"] = .integer(cachedRuns)
        }
        object["seconds_per_fit"] = .double(secondsPerFit)
        return .object(object)
    }

    public func terminal(_ terminal: Terminal, title: String) -> String {
        var lines = [terminal.bold("curve \(title)") + terminal.dim("  \(Format.count(records)) records, \(classNames.count) classes, \(metricName) on \(evaluation == "file" ? "the evaluation file" : "held-out folds") (\(Format.count(evalRecords)) records)")]
        var table = TextTable(["size", metricName, "95% band", "repeats"], alignments: [.right, .right, .left, .left])
        for point in points {
            table.add([Format.count(point.size), String(format: "%.4f", point.mean),
                       String(format: "%.4f–%.4f", point.low, point.high),
                       point.scores.map { String(format: "%.3f", $0) }.joined(separator: " ")])
        }
        lines.append(table.render(style: terminal.dim))
        if let fit {
            lines.append(terminal.dim(String(format: "  fit: error(n) = %.4g·n^(-%.4g) + %.4g", fit.a, fit.b, fit.c)))
        }
        let color: Terminal.Color = forecast.verdict == .flattened ? .yellow : .green
        lines.append(terminal.color("  \(forecast.text)", color))
        let leaked = leakageExcluded.max() ?? 0
        if leaked > 0 {
            lines.append(terminal.color("  \(Format.count(leaked)) training records are near-duplicates of held-out records and were left out of training", .yellow))
        }
        if trainCommand != nil {
            lines.append(terminal.dim(String(format: "  %d runs of --train-command, %d from the cache, %.1f s per run", fits, cachedRuns, secondsPerFit)))
        } else {
            lines.append(terminal.dim(String(format: "  %d fits, %.3f s per fit", fits, secondsPerFit)))
        }
        return lines.joined(separator: "\n")
    }

    public func html(title: String) -> String {
        var document = HTMLDocument(title: "Learning curve", subtitle: title)
        document.section("Forecast", HTML.cards([
            (label: "records", value: Format.count(records)),
            (label: "classes", value: String(classNames.count)),
            (label: "largest size \(metricName)", value: String(format: "%.3f", points.last!.mean)),
            (label: "target", value: String(format: "%.3f", target)),
        ]) + HTML.paragraph(forecast.text))
        var body = HTML.figure(CurveChart.svg(self), caption: "Mean \(metricName) per training size (dark points), each repeat (light points), 95% band over \(repeats) repeats, fitted power law (dashed orange) and target (dashed red).")
        body += HTML.table(headers: ["size", metricName, "95% low", "95% high", "repeats"], rows: points.map { point in
            [.text(Format.count(point.size)), .text(String(format: "%.4f", point.mean)), .text(String(format: "%.4f", point.low)),
             .text(String(format: "%.4f", point.high)), .text(point.scores.map { String(format: "%.3f", $0) }.joined(separator: " "))]
        }, numericColumns: [0, 1, 2, 3])
        document.section("Curve", body)
        var notes: [String] = []
        if let fit { notes.append(String(format: "Fit: error(n) = %.4g·n^(-%.4g) + %.4g (least squares on the mean error per size; forecast range from a bootstrap over repeats).", fit.a, fit.b, fit.c)) }
        notes.append("Held-out set: \(evaluation == "file" ? "the evaluation file" : "stratified folds, one per repeat"), \(Format.count(evalRecords)) records; training pool \(Format.count(trainingPool)) records.")
        if let leaked = leakageExcluded.max(), leaked > 0 { notes.append("\(Format.count(leaked)) training records were near-duplicates of held-out records (MinHash Jaccard ≥ 0.8) and were left out of training.") }
        if !droppedSizes.isEmpty { notes.append("Sizes larger than the training pool were dropped: \(droppedSizes.map(String.init).joined(separator: ", ")).") }
        notes.append(String(format: "%d fits, %.3f s per fit.", fits, secondsPerFit))
        document.section("Method", notes.map { HTML.paragraph($0, muted: true) }.joined())
        return document.render()
    }
}
