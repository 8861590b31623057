import SiftCore

/// `synth accept`: matches the reviewers' verdicts to the records, measures acceptance per
/// technique, and decides whether the set may be released.
///
/// Every technique present in the input must have been reviewed and pass the gate; one that was
/// never reviewed fails, since nobody has vouched for it. A verdict must match a record by id and
/// by `record_sha256`, so a record edited after the sample was drawn cannot ride on an old verdict.
public struct ReviewAcceptance {
    public var confidence: Double
    public var minAccept: Double
    public var gate: AcceptanceGate

    public init(confidence: Double = 0.95, minAccept: Double, gate: AcceptanceGate = .point) {
        self.confidence = confidence
        self.minAccept = minAccept
        self.gate = gate
    }

    public struct Decision: Sendable {
        public var rates: [AcceptanceRate]
        public var overall: AcceptanceRate
        public var records: Int
        public var failing: [String]
        public var passed: Bool { failing.isEmpty }
    }

    public func evaluate(input: String, verdicts: [ReviewVerdict]) throws -> Decision {
        var byID: [String: ReviewVerdict] = [:]
        for verdict in verdicts { byID[verdict.reviewID] = verdict }
        var matched = Set<String>()
        var tallies: [String: (reviewed: Int, accepted: Int)] = [:]
        var records = 0
        try forEachRecord(input) { record in
            records += 1
            let technique = Provenance.technique(of: record.fields) ?? "unknown"
            var tally = tallies[technique] ?? (0, 0)
            let id = Provenance.reference(record)
            if let verdict = byID[id] {
                if let expected = verdict.recordSHA256, expected != ReviewSample.digest(record) {
                    throw SiftError("\(record.location): record \(id) changed after it was sampled for review (record_sha256 differs from \(verdict.location))")
                }
                guard matched.insert(id).inserted else { throw SiftError("\(record.location): id \(id) appears twice in \(input)") }
                tally.reviewed += 1
                if verdict.accepted { tally.accepted += 1 }
            }
            tallies[technique] = tally
        }
        if let missing = verdicts.first(where: { !matched.contains($0.reviewID) }) {
            throw SiftError("\(missing.location): review_id \(missing.reviewID) is not a record of \(input)")
        }
        let rates = tallies.keys.sorted().map { AcceptanceRate(name: $0, reviewed: tallies[$0]!.reviewed, accepted: tallies[$0]!.accepted, confidence: confidence) }
        let overall = AcceptanceRate(name: "all", reviewed: rates.reduce(0) { $0 + $1.reviewed }, accepted: rates.reduce(0) { $0 + $1.accepted }, confidence: confidence)
        let failing = rates.filter { $0.reviewed == 0 || !gate.passes($0, minimum: minAccept) }.map(\.name)
        return Decision(rates: rates, overall: overall, records: records, failing: failing)
    }

    /// Writes the final set: every record except those a reviewer rejected (which go to `removed`
    /// when given); reviewed records carry `_sift.review`. Returns (kept, rejected).
    public func writeFinal(input: String, verdicts: [ReviewVerdict], out: String, removed: String?) throws -> (kept: Int, rejected: Int) {
        var byID: [String: ReviewVerdict] = [:]
        for verdict in verdicts { byID[verdict.reviewID] = verdict }
        let writer = try DatasetWriter(path: out)
        let rejects = try removed.map { try DatasetWriter(path: $0) }
        try forEachRecord(input) { record in
            var record = record
            if let verdict = byID[Provenance.reference(record)] {
                var review: JSONObject = ["verdict": verdict.accepted ? "accept" : "reject"]
                if let notes = verdict.notes { review["notes"] = .string(notes) }
                record.annotate("review", .object(review))
                if !verdict.accepted {
                    try rejects?.write(record)
                    return
                }
            }
            try writer.write(record)
        }
        try writer.close()
        try rejects?.close()
        return (writer.count, verdicts.filter { !$0.accepted }.count)
    }
}

/// Visits every record of a file; a malformed line is an error naming file and line, since review,
/// acceptance and mixing work on data that has already been through `synth qa`.
public func forEachRecord(_ path: String, _ body: (Record) throws -> Void) throws {
    let stream = try DatasetStream(paths: [path], options: ReadOptions())
    try stream.forEach { event in
        switch event {
        case .record(let record): try body(record)
        case .malformed(let bad): throw SiftError(bad.description)
        }
    }
}
