import SiftCore

/// The audit's single streaming pass: records are read a chunk at a time, each chunk is cut into
/// slices that the worker threads map to `AuditRecord`s and every check's observations, then the
/// observations are absorbed in input order. Memory holds one chunk plus what the checks keep
/// (hashes and counters, not texts).
public struct Auditor {
    public var options: AuditOptions
    /// Checks to run in addition to `AuditPlan.standard` (the extension point for checks that live
    /// in other modules).
    public var extraChecks: [any AuditCheck]

    public init(options: AuditOptions, extraChecks: [any AuditCheck] = []) {
        self.options = options
        self.extraChecks = extraChecks
    }

    public static let malformedListLimit = 1_000
    /// Records every check observes in turn before the next run is built: about 80 KB of typical
    /// chat records, which stay in the core's cache across the checks.
    static let recordsPerRun = 64

    /// Bytes per read chunk for an audit on `threads` threads (`ReadOptions.chunkBytes`). Each
    /// record is touched four times: decoded, checked, absorbed and freed. With chunks this small
    /// its fields are still in the core's cache the next time, where with the 4 MiB default they
    /// have been pushed out by the rest of the chunk: one thread runs about 15% faster with 64 KiB
    /// chunks, two threads best with 256 KiB per thread (enough records to split between them).
    public static func chunkBytes(threads: Int) -> Int {
        threads <= 1 ? 64 << 10 : (256 << 10) * threads
    }

    public func audit(_ stream: DatasetStream, progress: ((Int) -> Void)? = nil) throws -> AuditReport {
        let kind = try stream.detectKind()
        let fileKinds = try Self.fileKinds(stream, overall: kind)
        let purpose = options.purpose ?? Purpose.suggested(for: kind)
        let checks = AuditPlan.standard(kinds: Set(fileKinds.map(\.kind) + [kind]), options: options) + extraChecks
        let runners: [any CheckRunning] = checks.map { Self.runner(for: $0) }
        let fileKindsByID = fileKinds.map { (fileID: RecordLocation.fileID(of: $0.file), kind: $0.kind) }
        var records = 0
        var malformed = FlaggedRecords()
        var malformedList: [MalformedRecord] = []
        let threads = stream.options.threads

        // With two or more threads the next batch is read and decoded while this one is checked.
        let reader = ReadAhead(stream, concurrent: threads > 1)
        while let next = try reader.next() {
            let batch = next.events
            let slices = max(1, min(threads * 2, batch.count / Self.recordsPerRun))
            let parts = parallelMap(count: slices, threads: threads, minimumPerSlice: 1) { slice -> SliceResult in
                let lower = batch.count * slice / slices
                let upper = batch.count * (slice + 1) / slices
                var audited: [AuditRecord] = []
                audited.reserveCapacity(upper - lower)
                var workspace = AuditRecord.Workspace()
                var result = SliceResult(checks: runners.count)
                // Every check observes a run of records while their texts are still in cache,
                // rather than each check reading the whole slice in turn.
                func observeRun() {
                    let run = result.runEnds.last ?? 0
                    guard audited.count > run else { return }
                    for (k, runner) in runners.enumerated() { result.observations[k].append(runner.observe(audited[run...])) }
                    result.runEnds.append(audited.count)
                }
                for i in lower..<upper {
                    if case .record(let record) = batch[i] {
                        let recordKind = fileKindsByID.count > 1 ? fileKindsByID.first { $0.fileID == record.location.fileID }?.kind ?? kind : kind
                        audited.append(AuditRecord(record, kind: recordKind, workspace: &workspace))
                        if audited.count - (result.runEnds.last ?? 0) == Self.recordsPerRun { observeRun() }
                    }
                }
                observeRun()
                result.records = audited
                return result
            }
            // Events are borrowed in place: copying each out to test its case would retain the record.
            batch.withUnsafeBufferPointer { events in
                for i in events.indices {
                    if case .malformed(let item) = events[i] {
                        malformed.add(reference: "line:\(item.line)", excerpt: item.raw)
                        if malformedList.count < Self.malformedListLimit { malformedList.append(item) }
                    }
                }
            }
            for part in parts {
                records += part.records.count
                for (runner, runs) in zip(runners, part.observations) {
                    var start = 0
                    for (observations, end) in zip(runs, part.runEnds) {
                        runner.absorb(observations, of: part.records[start..<end])
                        start = end
                    }
                }
            }
            progress?(next.bytesRead)
        }

        let context = AuditContext(records: records, kind: kind, purpose: purpose, options: options)
        var findings: [AuditFinding] = []
        var charts: [AuditChart] = []
        var metrics: [(name: String, value: JSONValue)] = []
        for runner in runners {
            let result = runner.conclude(context: context)
            findings += result.findings
            charts += result.charts
            metrics += result.metrics
        }
        if malformed.count > 0 {
            let first = malformedList.first.map { ": first at \($0.description)" } ?? ""
            let message = "\(malformed.count) line\(malformed.count == 1 ? "" : "s") could not be read as records and were skipped\(first)"
            let total = records + malformed.count
            findings.append(malformed.finding("malformed_record", .completeness, .error, message,
                                              rate: total == 0 ? 0 : Double(malformed.count) / Double(total)))
        }
        let sufficiency = Sufficiency(purpose: purpose, count: Self.sufficiencyCount(purpose: purpose, records: records, metrics: metrics))
        return AuditReport(files: stream.paths, formats: stream.formats, bytes: stream.bytesRead, kind: kind, purpose: purpose,
                           fileKinds: fileKinds, options: options, records: records, malformedCount: malformed.count, malformed: malformedList,
                           diagnostics: stream.diagnostics, findings: AuditReport.ordered(findings), sufficiency: sufficiency,
                           charts: charts, metrics: metrics)
    }

    private static func runner(for check: some AuditCheck) -> any CheckRunning { CheckRunner(check) }

    /// Each file's own kind, when several files are audited together: a chat file, a folder of RAG
    /// documents and a CSV of labels are each read under their kind (the dataset's kind, reported
    /// as `kind`, is the majority of the first records). Standard input is not re-read.
    static func fileKinds(_ stream: DatasetStream, overall: DatasetKind) throws -> [(file: String, kind: DatasetKind)] {
        guard stream.paths.count > 1, !stream.paths.contains("-") else { return stream.paths.map { ($0, overall) } }
        return try stream.paths.map { path in (path, try DatasetStream(paths: [path], options: stream.options).detectKind(sample: 200)) }
    }

    /// Distinct records (exact duplicates add nothing), or their estimated tokens for pretraining.
    static func sufficiencyCount(purpose: Purpose, records: Int, metrics: [(name: String, value: JSONValue)]) -> Int {
        func metric(_ name: String) -> Int? { metrics.first { $0.name == name }?.value.intValue }
        switch purpose.thresholds.unit {
        case .tokens: return (metric("distinct_characters") ?? 0) / 4
        case .records, .documents: return metric("distinct_records") ?? records
        }
    }
}

/// One slice of a chunk after the parallel step: its records and each check's observations of
/// them, one entry per run of records (`runEnds` holds where each run ends in `records`).
private struct SliceResult: Sendable {
    var records: [AuditRecord] = []
    var observations: [[any Sendable]]
    var runEnds: [Int] = []

    init(checks: Int) {
        observations = Array(repeating: [], count: checks)
    }
}
