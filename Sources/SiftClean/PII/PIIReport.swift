import SiftCore
import SiftReport

/// What `sift pii` found and did: matches and records per type (with references to the records),
/// and how many records were written, rewritten and dropped.
public struct PIIReport: Sendable {
    public var files: [String]
    public var action: PIIAction
    public var types: [PIIType]
    public var records = 0
    public var malformed = 0
    public var recordsWithPII = 0
    public var written = 0
    public var rewritten = 0
    public var dropped = 0
    public var bytes = 0
    public var matches: [PIIType: Int] = [:]
    public var recordsByType: [PIIType: ReferenceSample] = [:]

    public init(files: [String], action: PIIAction, types: [PIIType]) {
        self.files = files
        self.action = action
        self.types = types
    }

    mutating func add(_ outcome: PIIScrubber.Outcome, reference: String) {
        records += 1
        guard outcome.total > 0 else { return }
        recordsWithPII += 1
        for (type, count) in outcome.counts {
            matches[type, default: 0] += count
            recordsByType[type, default: ReferenceSample()].add(reference)
        }
    }

    public var totalMatches: Int { matches.values.reduce(0, +) }

    public var json: JSONValue {
        var byType = JSONObject()
        for type in types {
            byType[type.rawValue] = [
                "matches": .integer(matches[type] ?? 0),
                "records": .integer(recordsByType[type]?.count ?? 0),
                "references": .array((recordsByType[type]?.references ?? []).map { .string($0) }),
            ]
        }
        return [
            "files": .array(files.map { .string($0) }),
            "action": .string(action.rawValue),
            "records": .integer(records),
            "malformed": .integer(malformed),
            "records_with_pii": .integer(recordsWithPII),
            "matches": .integer(totalMatches),
            "written": .integer(written),
            "rewritten": .integer(rewritten),
            "dropped": .integer(dropped),
            "types": .object(byType),
        ]
    }

    public func render(on terminal: Terminal, seconds: Double? = nil) -> String {
        var out: [String] = []
        var header = terminal.bold(files.count == 1 ? files[0] : "\(files.count) files") + terminal.dim("  (action: \(action.rawValue)")
        if let seconds, seconds > 0 {
            header += terminal.dim(", \(Format.bytes(bytes)) in \(Format.fixed(seconds, digits: 1)) s, \(Format.bytes(Int(Double(bytes) / seconds)))/s")
        }
        out.append(header + terminal.dim(")"))
        out.append("  records           \(Format.count(records))" + (malformed > 0 ? terminal.color("  + \(Format.count(malformed)) malformed", .red) : ""))
        out.append("  with PII          \(Format.count(recordsWithPII))  " + terminal.dim(Format.percent(recordsWithPII, of: records)))
        switch action {
        case .report: break
        case .redact, .hash: out.append("  rewritten         \(Format.count(rewritten)) of \(Format.count(written)) written")
        case .drop: out.append("  dropped           \(Format.count(dropped)), \(Format.count(written)) written")
        }
        if totalMatches > 0 {
            out.append("")
            var table = TextTable(["type", "matches", "records", "examples"], alignments: [.left, .right, .right, .left])
            for type in types where (matches[type] ?? 0) > 0 {
                table.add([type.rawValue, Format.count(matches[type] ?? 0), Format.count(recordsByType[type]?.count ?? 0),
                           (recordsByType[type]?.references ?? []).prefix(3).joined(separator: ", ")])
            }
            out.append(table.render(style: terminal.dim))
        }
        return out.joined(separator: "\n")
    }
}

/// Streams a dataset through a `PIIScrubber`, scanning each chunk's records in parallel and writing
/// them in input order.
public enum PIIPipeline {
    public static func run(_ stream: DatasetStream, scrubber: PIIScrubber, output: DatasetWriter?, removed: DatasetWriter?,
                           types: [PIIType], progress: ((Int) -> Void)? = nil) throws -> PIIReport {
        var report = PIIReport(files: stream.paths, action: scrubber.action, types: types)
        // The next batch is read while this one is scanned; each batch's lines are serialised on
        // every core (`JSONLinesWriter.write(contentsOf:)`), in input order.
        let reader = ReadAhead(stream, concurrent: stream.options.threads > 1)
        while let next = try reader.next() {
            let batch = next.events
            let outcomes = parallelMap(count: batch.count, minimumPerSlice: 16) { i -> PIIScrubber.Outcome? in
                if case .record(let record) = batch[i] { return scrubber.scrub(record) }
                return nil
            }
            var outputLines: [JSONValue] = []
            var removedLines: [JSONValue] = []
            if output != nil { outputLines.reserveCapacity(batch.count) }
            for (event, outcome) in zip(batch, outcomes) {
                switch event {
                case .record(var record):
                    guard let outcome else { continue }
                    report.add(outcome, reference: record.reference)
                    if let fields = outcome.fields { record.fields = fields }
                    if outcome.total > 0, scrubber.action != .report {
                        var counts = JSONObject()
                        for type in types where (outcome.counts[type] ?? 0) > 0 { counts[type.rawValue] = .integer(outcome.counts[type]!) }
                        record.annotate("pii", .object(counts))
                    }
                    if scrubber.action == .drop, outcome.total > 0 {
                        report.dropped += 1
                        if removed != nil { removedLines.append(.object(record.fields)) }
                    } else if output != nil {
                        outputLines.append(.object(record.fields))
                        report.written += 1
                        if outcome.fields != nil { report.rewritten += 1 }
                    }
                case .malformed(let item):
                    report.malformed += 1
                    if removed != nil { removedLines.append(item.rejectRecord) }
                }
            }
            try output?.write(contentsOf: outputLines, threads: stream.options.threads)
            try removed?.write(contentsOf: removedLines, threads: stream.options.threads)
            progress?(next.bytesRead)
        }
        report.bytes = stream.bytesRead
        return report
    }
}
