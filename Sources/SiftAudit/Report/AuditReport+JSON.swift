import SiftCore

extension AuditFinding {
    /// `{"check", "dimension", "severity", "message", "count", "records"}` (the contract), plus the
    /// `rate` the score is computed from and escaped-on-output `examples`.
    public var json: JSONValue {
        .object([
            "check": .string(check),
            "dimension": .string(dimension.rawValue),
            "severity": .string(severity.rawValue),
            "message": .string(message),
            "count": .integer(count),
            "records": .array(records.map(JSONValue.string)),
            "rate": .double((rate * 10_000).rounded() / 10_000),
            "examples": .array(examples.map { .object(["record": .string($0.reference), "text": .string($0.text)]) }),
        ])
    }
}

extension AuditReport {
    /// The `--json` report. Contract keys: `records`, `kind`, `purpose`, `dimensions` (exactly the six
    /// levels, each `{"score", "findings"}`), `findings`, `sufficiency`; the rest adds detail.
    public var json: JSONValue {
        var dimensions = JSONObject()
        for dimension in Dimension.pyramid {
            dimensions[dimension.rawValue] = .object([
                "score": .integer(score(dimension)),
                "findings": .array(findings(in: dimension).map(\.json)),
            ])
        }
        let thresholds = sufficiency.thresholds
        var object: JSONObject = [
            "records": .integer(records),
            "kind": .string(kind.rawValue),
            "purpose": .string(purpose.rawValue),
            "dimensions": .object(dimensions),
            "findings": .array(findings.map(\.json)),
            "sufficiency": .object([
                "count": .integer(sufficiency.count),
                "minimum": .integer(thresholds.minimum),
                "sweet_spot": .array([.integer(thresholds.sweetSpot.lowerBound), .integer(thresholds.sweetSpot.upperBound)]),
                "verdict": .string(sufficiency.verdict.rawValue),
                "unit": .string(thresholds.unit.rawValue),
                "message": .string(sufficiency.explanation),
            ]),
            "files": .array(files.map(JSONValue.string)),
            "formats": .array(formats.map { .string($0.rawValue) }),
            "bytes": .integer(bytes),
            "malformed_count": .integer(malformedCount),
            "as_of": .string(FreshnessCheck.day(options.asOf)),
            "max_age_days": .integer(options.maxAgeDays),
        ]
        if Set(fileKinds.map(\.kind)).count > 1 {
            object["file_kinds"] = .object(JSONObject(fileKinds.map { ($0.file, .string($0.kind.rawValue)) }, uniquingKeysWith: { a, _ in a }))
        }
        if let labels = options.labels { object["declared_labels"] = .array(labels.map(JSONValue.string)) }
        var metricsJSON = JSONObject()
        for metric in metrics { metricsJSON[metric.name] = metric.value }
        object["metrics"] = .object(metricsJSON)
        var chartsJSON = JSONObject()
        for chart in charts {
            chartsJSON[chart.id] = .array(chart.bins.map { .object(["label": .string($0.label), "count": .integer($0.value)]) })
        }
        object["charts"] = .object(chartsJSON)
        object["diagnostics"] = .array(diagnostics.map(\.reportJSON))
        object["malformed"] = .array(malformed.map(\.reportJSON))
        return .object(object)
    }
}
