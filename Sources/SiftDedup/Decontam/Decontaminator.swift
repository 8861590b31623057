import SiftCore

/// `sift decontam`: indexes the evaluation set's n-grams, streams the training set once and
/// matches every record against them on all cores. By default the training records that contain an
/// evaluation item's text are removed as they stream by (standard input works for the training
/// set); with `--drop-eval` the training set is only read and the evaluation set is read a second
/// time to write its clean and contaminated items.
public struct Decontaminator {
    public let trainPaths: [String]
    public let evalPaths: [String]
    public let readOptions: ReadOptions
    public let options: DecontamOptions
    /// Called as reading goes: the pass's name, bytes read so far, total bytes when known.
    public var progress: ((String, Int, Int?) -> Void)?
    /// The training set's kind when the caller knows it (one shard of a larger stream); nil detects it.
    public var trainKind: DatasetKind?

    public init(trainPaths: [String], evalPaths: [String], readOptions: ReadOptions = ReadOptions(), options: DecontamOptions) {
        self.trainPaths = trainPaths
        self.evalPaths = evalPaths
        self.readOptions = readOptions
        self.options = options
    }

    public func run(out: String?, removed: String?) throws -> DecontamReport {
        if options.dropEval, evalPaths.contains("-") {
            throw SiftError("--drop-eval reads the evaluation set twice: give a file, not standard input", status: .usage)
        }
        var report = DecontamReport(options: options, trainFiles: trainPaths, evalFiles: evalPaths)
        let eval = try indexEval(&report)
        let positions = try scanTrain(eval, out: options.dropEval ? nil : out, removed: options.dropEval ? nil : removed, report: &report)
        if options.dropEval { try writeEval(contaminated: positions, out: out, removed: removed, report: &report) }
        return report
    }

    // MARK: - Evaluation index

    /// The evaluation set as the training scan needs it: the index, and each item's reference and rule.
    private struct EvalSide {
        var index: EvalOverlapIndex
        var references: [String] = []
        var rules: [EvalOverlapIndex.Rule?] = []
    }

    private func indexEval(_ report: inout DecontamReport) throws -> EvalSide {
        let stream = try DatasetStream(paths: evalPaths, options: readOptions)
        let kind = try stream.detectKind()
        let selector = TextSelector(field: options.evalField, kind: kind)
        report.eval.kind = kind
        report.eval.compared = selector.description
        var eval = EvalSide(index: EvalOverlapIndex(ngram: options.ngram, minWords: options.minWords))
        while let batch = try stream.nextBatch() {
            for event in batch {
                switch event {
                case .malformed(let item):
                    report.eval.malformedCount += 1
                    if report.eval.malformed.count < DecontamReport.listLimit { report.eval.malformed.append(item) }
                case .record(let record):
                    report.eval.records += 1
                    eval.references.append(record.reference)
                    guard let text = selector.text(of: record) else {
                        report.eval.withoutText.add(record.reference)
                        eval.rules.append(nil)
                        continue
                    }
                    let rule = eval.index.add(item: eval.references.count - 1, words: ContaminationWords(text))
                    eval.rules.append(rule)
                    switch rule {
                    case .ngram: report.checkedByNgram += 1
                    case .wholeText: report.checkedWhole += 1
                    case .tooShort: report.tooShort.add(record.reference)
                    }
                }
            }
            progress?("indexing eval", stream.bytesRead, stream.totalBytes)
        }
        report.eval.items = stream.itemsSeen
        report.eval.diagnostics = stream.diagnostics
        if report.eval.records > 0, report.eval.withoutText.count == report.eval.records {
            throw SiftError("\(evalPaths.joined(separator: ", ")): no evaluation record has \(selector.description) to compare"
                            + (options.evalField == nil ? "; name the text field with --eval-field" : ""))
        }
        return eval
    }

    // MARK: - Training scan

    /// What one training record is to the scan.
    private enum Scan: Sendable {
        case withoutText
        case clean
        case contaminating(EvalOverlapIndex.Match)
    }

    /// Streams the training set; returns, for each contaminated evaluation item, its position in
    /// `report.contaminated`.
    private func scanTrain(_ eval: EvalSide, out: String?, removed: String?, report: inout DecontamReport) throws -> [Int: Int] {
        let sink = try OutputSink(kept: out, removed: removed, threads: readOptions.threads)
        let stream = try DatasetStream(paths: trainPaths, options: readOptions)
        let kind = try trainKind ?? stream.detectKind()
        let selector = TextSelector(field: options.trainField, kind: kind)
        report.train.kind = kind
        report.train.compared = selector.description
        let index = eval.index
        var itemPositions: [Int: Int] = [:]
        while let batch = try stream.nextBatch() {
            let scans = parallelMap(count: batch.count, minimumPerSlice: 16) { i -> Scan in
                guard case .record(let record) = batch[i], let text = selector.text(of: record) else { return .withoutText }
                return index.match(ContaminationWords(text)).map(Scan.contaminating) ?? .clean
            }
            var keptRecords: [Record] = []
            var removedLines: [JSONValue] = []
            for (event, scan) in zip(batch, scans) {
                guard case .record(var record) = event else {
                    if case .malformed(let item) = event {
                        report.train.malformedCount += 1
                        if report.train.malformed.count < DecontamReport.listLimit { report.train.malformed.append(item) }
                        if sink.keepsRemoved { removedLines.append(item.rejectRecord) }
                    }
                    continue
                }
                report.train.records += 1
                if case .withoutText = scan { report.train.withoutText.add(record.reference) }
                guard case .contaminating(let match) = scan else {
                    if !options.dropEval { report.kept += 1 }
                    if sink.keepsKept { keptRecords.append(record) }
                    continue
                }
                report.contaminatingTrainRecords += 1
                for item in match.items.map(Int.init) {
                    if let position = itemPositions[item] {
                        report.contaminated[position].trainRecords.add(record.reference)
                    } else {
                        itemPositions[item] = report.contaminated.count
                        var entry = DecontamReport.ContaminatedItem(reference: eval.references[item], rule: eval.rules[item] ?? .ngram,
                                                                    example: match.example)
                        entry.trainRecords.add(record.reference)
                        report.contaminated.append(entry)
                    }
                }
                guard !options.dropEval else { continue }
                report.removed += 1
                record.annotate("decontam", [
                    "reason": "eval_overlap",
                    "eval_items": .array(match.items.prefix(Finding.maxReferences).map { .string(eval.references[Int($0)]) }),
                    "eval_count": .integer(match.items.count),
                    "ngram": .integer(options.ngram),
                    "matches": .integer(match.positions),
                    "example": .string(match.example),
                ])
                if sink.keepsRemoved { removedLines.append(.object(record.fields)) }
            }
            sink.write(kept: keptRecords, removed: removedLines)
            progress?("scanning train", stream.bytesRead, stream.totalBytes)
        }
        report.train.items = stream.itemsSeen
        report.train.diagnostics = stream.diagnostics
        // In evaluation order.
        let order = itemPositions.sorted { $0.key < $1.key }
        report.contaminated = order.map { report.contaminated[$0.value] }
        try sink.close()
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element.key, $0.offset) })
    }

    // MARK: - --drop-eval outputs

    private func writeEval(contaminated: [Int: Int], out: String?, removed: String?, report: inout DecontamReport) throws {
        let keptWriter = try out.map { try DatasetWriter(path: $0) }
        let removedWriter = try removed.map { try DatasetWriter(path: $0) }
        let stream = try DatasetStream(paths: evalPaths, options: readOptions)
        _ = try stream.detectKind()
        var itemIndex = 0
        while let batch = try stream.nextBatch() {
            for event in batch {
                guard case .record(var record) = event else {
                    if case .malformed(let item) = event { try removedWriter?.write(item.rejectRecord) }
                    continue
                }
                defer { itemIndex += 1 }
                guard let position = contaminated[itemIndex] else {
                    report.kept += 1
                    try keptWriter?.write(record)
                    continue
                }
                let item = report.contaminated[position]
                report.removed += 1
                record.annotate("decontam", [
                    "reason": "train_overlap",
                    "rule": .string(item.rule.rawValue),
                    "train_records": .array(item.trainRecords.references.map(JSONValue.string)),
                    "train_count": .integer(item.trainRecords.count),
                    "ngram": .integer(options.ngram),
                    "example": .string(item.example),
                ])
                try removedWriter?.write(record)
            }
            progress?("writing eval", stream.bytesRead, stream.totalBytes)
        }
        guard itemIndex == report.eval.records else {
            throw SiftError("\(evalPaths.joined(separator: ", ")): the evaluation set changed while decontam was reading it", status: .ioError)
        }
        try keptWriter?.close()
        try removedWriter?.close()
    }
}
