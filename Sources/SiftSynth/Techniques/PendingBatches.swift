import SiftCore

/// The input loop of the techniques that turn each input record into one output (distillation,
/// backtranslation): records whose output is already written are counted as done and skipped
/// without a request, the rest are handed to `body` in batches of `size`, in input order. A
/// malformed input line stops the run: a generator has nowhere to put it.
func forEachPendingBatch(in input: DatasetStream, size: Int, report: inout GenerationReport, isDone: (Record) -> Bool,
                         _ body: ([Record], inout GenerationReport) async throws -> Void) async throws {
    var pending: [Record] = []
    while let batch = try input.nextBatch() {
        for event in batch {
            switch event {
            case .malformed(let bad): throw SiftError(bad.description)
            case .record(let record):
                report.count("inputs")
                if isDone(record) { report.alreadyDone += 1; continue }
                pending.append(record)
                if pending.count >= size {
                    try await body(pending, &report)
                    pending.removeAll()
                }
            }
        }
    }
    if !pending.isEmpty { try await body(pending, &report) }
}
