import SiftCore

/// Streams a dataset through a `RecordFilter`: each chunk of records is evaluated in parallel
/// (records are independent), then written in input order, so outputs are the same whatever the
/// thread count. Kept records go to `kept` unchanged; removed ones (and malformed lines) go to
/// `removed` with their reasons under `_sift.filter`.
public enum FilterPipeline {
    public static func run(_ stream: DatasetStream, kind: DatasetKind, configuration: FilterConfiguration,
                           kept: JSONLinesWriter, removed: JSONLinesWriter?, progress: ((Int) -> Void)? = nil) throws -> FilterReport {
        let filter = RecordFilter(configuration: configuration, kind: kind)
        var report = FilterReport(files: stream.paths, kind: kind, configuration: configuration)
        while let batch = try stream.nextBatch() {
            let verdicts = parallelMap(count: batch.count, minimumPerSlice: 16) { i -> [FilterFailure] in
                if case .record(let record) = batch[i] { return filter.evaluate(record) }
                return []
            }
            for (event, failures) in zip(batch, verdicts) {
                switch event {
                case .record(var record):
                    if failures.isEmpty {
                        try kept.write(record)
                        report.addKept()
                    } else {
                        report.addRemoved(failures, reference: record.reference)
                        if let removed {
                            record.annotate("filter", FilterFailure.annotation(failures))
                            try removed.write(record)
                        }
                    }
                case .malformed(let item):
                    report.addMalformed(item)
                    try removed?.write(item.rejectRecord)
                }
            }
            progress?(stream.bytesRead)
        }
        report.bytes = stream.bytesRead
        return report
    }
}
