import SiftCore

extension MetricValue {
    /// The number, or `null` (the reason goes to the report's `reasons`).
    var json: JSONValue { value.map(JSONValue.double) ?? .null }
}

extension AgreementReport {
    /// The `--json` contract (docs/agreement.md). Undefined metrics are `null`, their reasons in
    /// `reasons` (and in a `reason` member next to a null inside pairs, gold and windows).
    public var json: JSONValue {
        var o = JSONObject()
        var reasons = JSONObject()
        func metric(_ key: String, _ value: MetricValue) -> JSONValue {
            if let reason = value.reason { reasons[key] = .string(reason) }
            return value.json
        }
        let annotators = table.annotators
        o["files"] = .array(input.files.map(JSONValue.string))
        o["layout"] = .string(input.layout.rawValue)
        o["fields"] = .object(JSONObject(input.fields.map { ($0.role, JSONValue.string($0.name)) }, uniquingKeysWith: { a, _ in a }))
        o["input"] = inputJSON
        o["items"] = .integer(table.itemCount)
        o["items_compared"] = .integer(comparedItems)
        o["annotators"] = .array(annotators.map(JSONValue.string))
        o["labels"] = .array(table.domain.names.map(JSONValue.string))
        o["metric"] = .string(options.metric.rawValue)
        o["value"] = metric("value", headline)
        o["percent_agreement"] = metric("percent_agreement", coefficients.percentAgreement)
        o["unanimous"] = metric("unanimous", coefficients.unanimous)
        o["cohen_kappa"] = [
            "weights": .string(options.weights.rawValue),
            "pairs": .array(coefficients.pairs.map { pair in
                var p: JSONObject = ["a": .string(annotators[pair.a]), "b": .string(annotators[pair.b]), "kappa": pair.kappa.json,
                                     "n": .double(pair.items), "agreement": .double(pair.agreement)]
                if let reason = pair.kappa.reason { p["reason"] = .string(reason) }
                return .object(p)
            }),
            "mean": metric("cohen_kappa", coefficients.cohenKappa),
        ]
        o["fleiss_kappa"] = metric("fleiss_kappa", coefficients.fleiss.kappa)
        o["fleiss_items"] = ["items": .double(coefficients.fleiss.items), "labels_per_item": .integer(coefficients.fleiss.labelsPerItem)]
        o["krippendorff_alpha"] = metric("krippendorff_alpha", coefficients.alpha[options.level]!)
        o["krippendorff_level"] = .string(options.level.rawValue)
        o["krippendorff_alpha_levels"] = .object(JSONObject(MeasurementLevel.allCases.map { level in
            (level.rawValue, metric("krippendorff_alpha.\(level.rawValue)", coefficients.alpha[level]!))
        }, uniquingKeysWith: { a, _ in a }))
        for definition in AgreementMetric.registered where definition.fromPatterns != nil {
            o[definition.metric.rawValue] = metric(definition.metric.rawValue, coefficients.value(of: definition.metric, level: options.level))
        }
        o["ci"] = .object(JSONObject(Self.intervalMetrics.compactMap { m in
            intervals[m].map { (m.rawValue, JSONValue.array([.double($0.lower), .double($0.upper)])) }
        }, uniquingKeysWith: { a, _ in a }))
        o["bootstrap"] = ["replicates": .integer(options.bootstrap), "seed": .number(String(options.seed)), "confidence": .double(options.confidence)]
        o["per_label"] = .object(JSONObject(perLabel.map { stats in
            var s: JSONObject = ["count": .double(stats.count), "items": .double(stats.items), "specific_agreement": stats.specificAgreement.json]
            if let reason = stats.specificAgreement.reason { s["reason"] = .string(reason) }
            return (label(stats.label), JSONValue.object(s))
        }, uniquingKeysWith: { a, _ in a }))
        o["confusions"] = .array(confusions.map { ["labels": [.string(label($0.first)), .string(label($0.second))], "count": .double($0.count)] })
        o["confusion_matrices"] = .array(coefficients.pairs.indices.map { k in
            let pair = coefficients.pairs[k]
            let L = table.domain.count
            let rows = (0..<L).map { i in JSONValue.array((0..<L).map { j in .double(pairConfusions[k][i * L + j]) }) }
            return ["a": .string(annotators[pair.a]), "b": .string(annotators[pair.b]), "matrix": .array(rows)]
        })
        o["disagreements"] = .array(disagreements.prefix(options.disagreementLimit).map(disagreementJSON))
        o["disagreements_total"] = .integer(disagreements.count)
        o["no_majority"] = .integer(noMajority.count)
        let means = meanKappaByAnnotator
        o["per_annotator"] = .object(JSONObject(annotators.indices.map { a in
            (annotators[a], JSONValue.object([
                "labels": .integer(labelsByAnnotator[a]),
                "mean_kappa": means[a].map(JSONValue.double) ?? .null,
                "departures": .array(departures[a].prefix(10).map { d in
                    ["majority": .string(label(d.majority)), "label": .string(label(d.label)), "count": .integer(d.count)]
                }),
            ]))
        }, uniquingKeysWith: { a, _ in a }))
        if let gold {
            o["gold"] = .object(JSONObject(gold.annotators.map { g in
                var entry: JSONObject = ["accuracy": g.accuracy.json, "kappa": g.kappa.json, "n": .integer(g.items)]
                if let reason = g.kappa.reason ?? g.accuracy.reason { entry["reason"] = .string(reason) }
                return (annotators[g.annotator], JSONValue.object(entry))
            }, uniquingKeysWith: { a, _ in a }))
            o["gold_items"] = ["labelled": .integer(gold.itemsLabelled), "unlabelled": .integer(gold.itemsUnlabelled)]
        }
        if let windows {
            o["window"] = .string(options.window.rawValue)
            o["windows"] = .array(windows.map { w in
                var entry: JSONObject = ["start": .string(TimeWindows.date(w.start)), "items": .integer(w.items), "labels": .integer(w.labels),
                                         "value": w.value.json, "percent_agreement": w.percentAgreement.json]
                if let reason = w.value.reason { entry["reason"] = .string(reason) }
                return .object(entry)
            })
        }
        o["threshold"] = .double(options.threshold)
        o["verdict"] = .string(passed ? "pass" : "fail")
        o["reasons"] = .object(reasons)
        return .object(o)
    }

    private var inputJSON: JSONValue {
        [
            "entries": .integer(input.entries),
            "labels_read": .integer(input.labelsRead),
            "labels_used": .integer(table.ratings.count),
            "empty_labels": .integer(input.emptyLabels),
            "cancelled": .integer(input.cancelled),
            "duplicates": .integer(input.duplicateCount),
            "duplicate_examples": .array(input.duplicates.prefix(100).map { d in
                ["item": .string(d.item), "annotator": .string(d.annotator), "rows": .array(d.locations.map { .string($0.description) })]
            }),
        ]
    }

    private func disagreementJSON(_ d: ItemDisagreement) -> JSONValue {
        var labels = JSONObject()
        for r in table.ratings(of: d.item) { labels[table.annotators[Int(r.annotator)]] = .string(label(Int(r.label))) }
        return ["item": .string(table.items[d.item]), "agreement": .double(d.agreement),
                "majority": d.majority.map { .string(label($0)) } ?? .null, "labels": .object(labels)]
    }
}
