import SiftCore

/// What a QA pass did, for the summary: accepted + rejected = generated (malformed lines among the
/// rejected), and rejections by rule (a record can fail several).
public struct QARunSummary: Sendable {
    public var accepted: Int
    public var rejected: Int
    public var malformed: Int
    public var ruleCounts: [String: Int]

    public var generated: Int { accepted + rejected }

    /// `{"generated", "accepted", "rejected", "malformed", "rejections_by_rule"}`.
    public var json: JSONObject {
        ["generated": .integer(generated), "accepted": .integer(accepted), "rejected": .integer(rejected), "malformed": .integer(malformed),
         "rejections_by_rule": .object(JSONObject(uniqueKeysWithValues: ruleCounts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.integer($0.value)) }))]
    }
}

extension QualityGate {
    /// Streams every record of `stream` through the gate in batches of 256 (the judge's unit of
    /// concurrency), writing accepted records to `accepted` and the rest, with their reasons, to
    /// `rejected`; malformed lines go to `rejected` too (`rejection(_:)`). `progress` gets the
    /// number of items read so far after each chunk. The writers are left open for the caller.
    public mutating func run(_ stream: DatasetStream, accepted: DatasetWriter, rejected: DatasetWriter,
                             progress: (Int) -> Void = { _ in }) async throws -> QARunSummary {
        var malformed = 0
        var seen = 0
        while let batch = try stream.nextBatch() {
            var records: [Record] = []
            for event in batch {
                switch event {
                case .record(let record): records.append(record)
                case .malformed(let bad):
                    malformed += 1
                    try rejected.write(Self.rejection(bad))
                }
            }
            for start in stride(from: 0, to: records.count, by: 256) {
                for verdict in try await process(Array(records[start..<min(start + 256, records.count)])) {
                    if verdict.accepted { try accepted.write(.object(verdict.fields)) } else { try rejected.write(.object(verdict.fields)) }
                }
            }
            seen += batch.count
            progress(seen)
        }
        var counts = ruleCounts
        if malformed > 0 { counts["malformed"] = malformed }
        return QARunSummary(accepted: accepted.count, rejected: rejected.count, malformed: malformed, ruleCounts: counts)
    }

    /// A malformed line as every command's rejects file holds it (`MalformedRecord.rejectRecord`:
    /// the raw text, `_sift.reject` with file and line), plus QA's own verdict with rule
    /// `malformed`, so that `_sift.qa.reasons` lists a reason for every rejected line.
    public static func rejection(_ bad: MalformedRecord) -> JSONValue {
        guard case .object(var fields) = bad.rejectRecord, case .object(var annotations)? = fields[RecordSchema.annotationKey] else { return bad.rejectRecord }
        annotations["qa"] = ["accepted": false, "reasons": [["rule": "malformed", "detail": .string(bad.error)]]]
        fields[RecordSchema.annotationKey] = .object(annotations)
        return .object(fields)
    }
}
