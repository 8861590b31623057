import SiftCore

/// `sift dedup`: reads the input once to sketch every record and cluster duplicates, holding only
/// sketches (see `DuplicateGraph`), then reads it again to write each record to the kept or the
/// removed output. `--verify` adds a read that loads the shingle sets of the documents in
/// candidate pairs (and only those); `--keep longest|newest` may add a read that collects the
/// references of representatives that come after their duplicates. Because of these re-reads the
/// input must be files, not standard input.
public struct Deduplicator {
    public let paths: [String]
    public let readOptions: ReadOptions
    public let options: DedupOptions
    /// Called as reading goes: the pass's name, bytes read so far, total bytes when known.
    public var progress: ((String, Int, Int?) -> Void)?

    /// Resolves the banding once (the search evaluates hundreds of integrals).
    public init(paths: [String], readOptions: ReadOptions = ReadOptions(), options: DedupOptions) {
        self.paths = paths
        self.readOptions = readOptions
        var options = options
        if options.usesMinHash { options.banding = options.resolvedBanding }
        self.options = options
    }

    /// Runs every pass and writes `out` (kept records) and `removed` (removed records with
    /// `_sift.dedup`, and malformed items with `_sift.reject`) when given.
    public func run(out: String?, removed: String?) throws -> DedupReport {
        guard !paths.contains("-") else {
            throw SiftError("dedup reads its input more than once (sketches, then outputs): give a file, not standard input", status: .usage)
        }
        let stream = try DatasetStream(paths: paths, options: contentReadOptions)
        let kind = try stream.detectKind()
        let selector = TextSelector(field: options.field, kind: kind)
        var report = DedupReport(files: paths, kind: kind, compared: selector.description, options: options)
        var graph = try sketch(stream, selector: selector, report: &report)
        report.bytesHeldPerDocument = graph.documentCount > 0 ? graph.bytesHeld / graph.documentCount : 0
        report.comparisons = graph.near?.comparisons ?? 0
        report.acceptedPairs = graph.near?.accepted ?? 0

        var similarities: [Int: Double]?
        if options.verify, options.usesMinHash {
            similarities = try verify(&graph, selector: selector, report: &report)
        }
        let clusters = graph.resolve()
        var references = try representativeReferences(&graph, clusters: clusters)
        try write(&graph, clusters: clusters, similarities: similarities, references: &references,
                  out: out, removed: removed, report: &report)
        return report
    }

    // MARK: - Pass 1: sketches

    private func sketch(_ stream: DatasetStream, selector: TextSelector, report: inout DedupReport) throws -> DuplicateGraph {
        let family = options.usesMinHash ? MinHashFamily(numPerm: options.numPerm, seed: options.seed) : nil
        let builder = GraphBuilder(DuplicateGraph(options: options), concurrent: readOptions.threads > 1)
        let options = self.options
        let totalBytes = stream.totalBytes
        let reader = ReadAhead(stream, concurrent: readOptions.threads > 1)
        while let next = try reader.next() {
            let batch = next.events
            let runCount = SketchRun.count(for: batch.count)
            let runs = parallelMap(count: runCount, minimumPerSlice: 1) { run in
                SketchRun(batch, (batch.count * run / runCount)..<(batch.count * (run + 1) / runCount),
                          selector: selector, options: options, family: family)
            }
            var i = 0
            for run in runs {
                for text in run.texts {
                    defer { i += 1 }
                    guard let text else {
                        if case .malformed(let item) = batch[i] {
                            report.malformedCount += 1
                            if report.malformed.count < DedupReport.listLimit { report.malformed.append(item) }
                        }
                        continue
                    }
                    switch text {
                    case .missing: if case .record(let record) = batch[i] { report.withoutText.add(record.reference) }
                    case .blank: if case .record(let record) = batch[i] { report.blankTexts.add(record.reference) }
                    case .present: report.documents += 1
                    }
                    report.records += 1
                }
            }
            builder.add(runs)
            progress?("sketching", next.bytesRead, totalBytes)
        }
        let graph = builder.finish()
        report.items = stream.itemsSeen
        report.diagnostics = stream.diagnostics
        if report.records > 0, report.withoutText.count == report.records {
            let hint = options.field == nil ? "; name the text field with --field" : ""
            throw SiftError("\(paths.joined(separator: ", ")): no record has \(selector.description) to compare\(hint)")
        }
        return graph
    }

    // MARK: - Optional pass: exact verification

    /// Loads the shingle sets of the documents in accepted pairs, keeps the pairs whose exact
    /// Jaccard reaches the threshold, rebuilds the clusters from them, and returns each clustered
    /// document's exact similarity to its cluster's representative.
    private func verify(_ graph: inout DuplicateGraph, selector: TextSelector, report: inout DedupReport) throws -> [Int: Double] {
        guard let edges = graph.near?.edges, !edges.isEmpty else {
            graph.rebuild(keeping: [])
            return [:]
        }
        var inPairs = [Bool](repeating: false, count: graph.documentCount)
        for edge in edges {
            inPairs[Int(edge.a)] = true
            inPairs[Int(edge.b)] = true
        }
        let needed = inPairs
        var sets: [Int: [UInt64]] = [:]
        let shingler = options.shingler
        let documentOfRecord = graph.documentOfRecord
        try forEachBatch(pass: "verifying", records: documentOfRecord.count) { batch in
            let loaded = parallelMap(count: batch.count, minimumPerSlice: 16) { i -> [UInt64]? in
                guard let (recordIndex, record) = batch[i], case let doc = Int(documentOfRecord[recordIndex]), doc >= 0, needed[doc],
                      let text = selector.text(of: record) else { return nil }
                return shingler.set(ofCanonical: TextNormalization.canonical(text))
            }
            for (i, set) in loaded.enumerated() {
                if let set, let (recordIndex, _) = batch[i] { sets[Int(documentOfRecord[recordIndex])] = set }
            }
        }
        var verified: [SimilarityEdge] = []
        for edge in edges {
            if exactJaccard(sets[Int(edge.a)]!, sets[Int(edge.b)]!) >= options.threshold {
                verified.append(edge)
            } else {
                report.rejectedByVerification += 1
            }
        }
        graph.rebuild(keeping: verified)
        let clusters = graph.resolve()
        var similarities: [Int: Double] = [:]
        for doc in 0..<graph.documentCount {
            guard let cluster = graph.cluster(of: doc, in: clusters), cluster.representative != doc,
                  !graph.isExactDuplicate(doc, cluster.representative) else { continue }
            similarities[doc] = exactJaccard(sets[graph.base(doc)]!, sets[graph.base(cluster.representative)]!)
        }
        return similarities
    }

    // MARK: - Optional pass: references of late representatives

    /// The references of representatives that come after another member of their cluster (the
    /// writing pass learns the others as it goes). Only `--keep longest|newest` has such.
    private func representativeReferences(_ graph: inout DuplicateGraph, clusters: [Int: DuplicateGraph.Cluster]) throws -> [Int: String] {
        let late = Set(clusters.values.filter { $0.representative != $0.first }.map(\.representative))
        guard !late.isEmpty else { return [:] }
        var references: [Int: String] = [:]
        let documentOfRecord = graph.documentOfRecord
        try forEachBatch(pass: "resolving", records: documentOfRecord.count) { batch in
            for case let (recordIndex, record)? in batch {
                let doc = Int(documentOfRecord[recordIndex])
                if late.contains(doc) { references[doc] = record.reference }
            }
        }
        return references
    }

    // MARK: - Last pass: outputs

    private func write(_ graph: inout DuplicateGraph, clusters: [Int: DuplicateGraph.Cluster], similarities: [Int: Double]?,
                       references: inout [Int: String], out: String?, removed: String?, report: inout DedupReport) throws {
        let sink = try OutputSink(kept: out, removed: removed, threads: readOptions.threads)
        report.clusters = clusters.count
        report.largestCluster = clusters.values.map(\.size).max() ?? 0
        var samples: [Int: DedupReport.ClusterSample] = [:]
        let stream = try DatasetStream(paths: paths, options: readOptions)
        _ = try stream.detectKind()
        let totalBytes = stream.totalBytes
        let reader = ReadAhead(stream, concurrent: readOptions.threads > 1)
        var recordIndex = 0
        while let next = try reader.next() {
            let batch = next.events
            var keptRecords: [Record] = []
            var removedLines: [JSONValue] = []
            for event in batch {
                guard case .record(var record) = event else {
                    if case .malformed(let item) = event, sink.keepsRemoved { removedLines.append(item.rejectRecord) }
                    continue
                }
                guard recordIndex < graph.documentOfRecord.count else { throw inputChanged() }
                let doc = Int(graph.documentOfRecord[recordIndex])
                recordIndex += 1
                guard doc >= 0, let cluster = graph.cluster(of: doc, in: clusters) else {
                    report.kept += 1
                    if sink.keepsKept { keptRecords.append(record) }
                    continue
                }
                if cluster.representative == doc {
                    references[doc] = record.reference
                    report.kept += 1
                    if sink.keepsKept { keptRecords.append(record) }
                    if cluster.id <= DedupReport.sampleClusterLimit { samples[cluster.id, default: .init(id: cluster.id, size: cluster.size)].kept = record.reference }
                    continue
                }
                let representative = cluster.representative
                let exact = graph.isExactDuplicate(doc, representative)
                let similarity: Double
                if exact {
                    similarity = 1
                    report.removedExact += 1
                } else {
                    similarity = similarities?[doc] ?? graph.near!.similarity(doc, representative)
                    report.removedNear += 1
                }
                let reason = exact ? "exact" : "near"
                let rounded = (similarity * 10_000).rounded() / 10_000
                record.annotate("dedup", [
                    "reason": .string(reason),
                    "cluster": .integer(cluster.id),
                    "duplicate_of": .string(references[representative]!),
                    "similarity": .double(rounded),
                ])
                if sink.keepsRemoved { removedLines.append(.object(record.fields)) }
                if cluster.id <= DedupReport.sampleClusterLimit {
                    var sample = samples[cluster.id, default: .init(id: cluster.id, size: cluster.size)]
                    if sample.removed.count < DedupReport.sampleMemberLimit { sample.removed.append((record.reference, reason, rounded)) }
                    samples[cluster.id] = sample
                }
            }
            sink.write(kept: keptRecords, removed: removedLines)
            progress?("writing", next.bytesRead, totalBytes)
        }
        guard recordIndex == graph.documentOfRecord.count else { throw inputChanged() }
        report.sampleClusters = samples.keys.sorted().map { samples[$0]! }
        try sink.close()
    }

    // MARK: - Re-reading

    /// Streams the input again, giving each batch as (record index, record) pairs in input order
    /// (nil for malformed items), checking that it still has the records the first pass saw.
    /// The passes before the output pass read only the fields content and references come from:
    /// a Parquet input's other columns are decoded once, when the kept records are written.
    private var contentReadOptions: ReadOptions {
        var options = readOptions
        options.fields = RecordSchema.contentFields.union(self.options.field.map { [$0] } ?? [])
        return options
    }

    private func forEachBatch(pass: String, records: Int, _ body: ([(Int, Record)?]) throws -> Void) throws {
        let stream = try DatasetStream(paths: paths, options: contentReadOptions)
        _ = try stream.detectKind()
        let totalBytes = stream.totalBytes
        let reader = ReadAhead(stream, concurrent: readOptions.threads > 1)
        var recordIndex = 0
        while let next = try reader.next() {
            let indexed: [(Int, Record)?] = next.events.map { event in
                guard case .record(let record) = event else { return nil }
                defer { recordIndex += 1 }
                return (recordIndex, record)
            }
            guard recordIndex <= records else { throw inputChanged() }
            try body(indexed)
            progress?(pass, next.bytesRead, totalBytes)
        }
        guard recordIndex == records else { throw inputChanged() }
    }

    private func inputChanged() -> SiftError {
        SiftError("\(paths.joined(separator: ", ")): the input changed while dedup was reading it; run again on a file nothing is writing to", status: .ioError)
    }
}
