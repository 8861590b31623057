import SiftCore
import SiftText

/// Streams a dataset through a `RecordFilter`: each chunk of records is evaluated in parallel
/// (records are independent), then written in input order, so outputs are the same whatever the
/// thread count. Kept records go to `kept` unchanged (as their source lines, byte for byte, when
/// the stream kept them: `ReadOptions.keepsSourceLines`); removed ones (and malformed lines) go to
/// `removed` with their reasons under `_sift.filter`.
public enum FilterPipeline {
    public static func run(_ stream: DatasetStream, kind: DatasetKind, configuration: FilterConfiguration,
                           kept: DatasetWriter, removed: DatasetWriter?, progress: ((Int) -> Void)? = nil) throws -> FilterReport {
        let filter = RecordFilter(configuration: configuration, kind: kind)
        var report = FilterReport(files: stream.paths, kind: kind, configuration: configuration)
        // The next batch is read while this one is filtered; each batch's lines are serialised
        // on every core (`JSONLinesWriter.write(contentsOf:)`), in input order.
        let reader = ReadAhead(stream, concurrent: stream.options.threads > 1)
        while let next = try reader.next() {
            let batch = next.events
            // Each slice keeps one hash table and one field layout for all its records.
            let verdicts = parallelMap(count: batch.count, minimumPerSlice: 16,
                                       state: { (HashCounter(expected: 1 << 12), FieldLayout.Cache()) }) { scratch, i -> [FilterFailure] in
                if case .record(let record) = batch[i] { return filter.evaluate(record, counter: scratch.0, layouts: &scratch.1) }
                return []
            }
            var keptRecords: [Record] = []
            var removedLines: [JSONValue] = []
            keptRecords.reserveCapacity(batch.count)
            for (event, failures) in zip(batch, verdicts) {
                switch event {
                case .record(var record):
                    if failures.isEmpty {
                        keptRecords.append(record)
                        report.addKept()
                    } else {
                        report.addRemoved(failures, reference: record.reference)
                        if removed != nil {
                            record.annotate("filter", FilterFailure.annotation(failures))
                            removedLines.append(.object(record.fields))
                        }
                    }
                case .malformed(let item):
                    report.addMalformed(item)
                    if removed != nil { removedLines.append(item.rejectRecord) }
                }
            }
            try kept.write(records: keptRecords, threads: stream.options.threads)
            try removed?.write(contentsOf: removedLines, threads: stream.options.threads)
            progress?(next.bytesRead)
        }
        report.bytes = stream.bytesRead
        return report
    }
}
