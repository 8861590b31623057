import SiftCore

/// A reviewer's decision on one sampled record, read back from the review file.
public struct ReviewVerdict: Sendable {
    public var reviewID: String
    public var accepted: Bool
    public var notes: String?
    public var recordSHA256: String?
    /// Where the verdict was read, for error messages.
    public var location: String

    static let acceptWords: Set<String> = ["accept", "accepted", "yes", "y", "1", "true", "ok", "pass", "good", "keep"]
    static let rejectWords: Set<String> = ["reject", "rejected", "no", "n", "0", "false", "bad", "fail", "drop"]

    /// Reads every row of a review file (JSONL or CSV, as written by `synth review`). A row without
    /// a verdict, or with a word that is neither accept nor reject, is an error naming file, line
    /// and field: a half-reviewed sample would overstate the acceptance rate of what was reviewed.
    public static func read(_ path: String) throws -> [ReviewVerdict] {
        var verdicts: [ReviewVerdict] = []
        var seen = Set<String>()
        try forEachRecord(path) { row in
            let location = "\(row.location.file):\(row.location.line)"
            guard let id = row.fields["review_id"]?.scalarText, !id.isEmpty else {
                throw SiftError("\(location): field review_id is missing")
            }
            guard seen.insert(id).inserted else { throw SiftError("\(location): review_id \(id) appears twice") }
            let raw = (row.fields["verdict"]?.scalarText ?? "").trimmingWhitespace().lowercased()
            if raw.isEmpty { throw SiftError("\(location): field verdict is empty for \(id) (fill in accept or reject)") }
            let accepted: Bool
            if acceptWords.contains(raw) { accepted = true } else if rejectWords.contains(raw) { accepted = false } else {
                throw SiftError("\(location): field verdict is \"\(raw)\"; use accept or reject (or yes/no, 1/0, true/false)")
            }
            let notes = row.fields["notes"]?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
            verdicts.append(ReviewVerdict(reviewID: id, accepted: accepted, notes: notes, recordSHA256: row.fields["record_sha256"]?.stringValue, location: location))
        }
        return verdicts
    }
}

/// Acceptance of one technique's reviewed records.
public struct AcceptanceRate: Sendable {
    public var name: String
    public var reviewed: Int
    public var accepted: Int
    public var interval: WilsonInterval

    public var rate: Double { reviewed > 0 ? Double(accepted) / Double(reviewed) : 0 }

    public init(name: String, reviewed: Int, accepted: Int, confidence: Double) {
        self.name = name
        self.reviewed = reviewed
        self.accepted = accepted
        interval = WilsonInterval(successes: accepted, trials: reviewed, confidence: confidence)
    }

    public var json: JSONValue {
        ["technique": .string(name), "reviewed": .integer(reviewed), "accepted": .integer(accepted), "rate": .double(rate),
         "ci_lower": .double(interval.lower), "ci_upper": .double(interval.upper)]
    }
}

/// How `accept` compares a rate to `--min-accept`: the observed rate (`point`), or the lower end of
/// its confidence interval (`lower-bound`, stricter: the rate must be above the bar with the given
/// confidence, not just in this sample).
public enum AcceptanceGate: String, Sendable, CaseIterable {
    case point
    case lowerBound = "lower-bound"

    public func passes(_ rate: AcceptanceRate, minimum: Double) -> Bool {
        switch self {
        case .point: return rate.rate >= minimum
        case .lowerBound: return rate.interval.lower >= minimum
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
