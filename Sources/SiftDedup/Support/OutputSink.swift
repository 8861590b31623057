import Dispatch
import SiftCore

/// The kept and removed outputs of a command, written on their own serial queue so that writing
/// one batch overlaps with the caller's work on the next; each batch is serialised on all cores
/// (`JSONLinesWriter.write(contentsOf:)`). Batches are written in the order given, so the files are
/// the same as when written inline; at most two batches wait, so memory stays bounded. With one
/// thread (`SIFT_THREADS=1`) writing is inline.
final class OutputSink: @unchecked Sendable {
    // The writers and `failure` are only touched by blocks on `queue`, which is serial, or inline
    // when there is no queue; `close()` touches them after `queue.sync` has drained every block.
    // No two threads ever access them at once, which makes the unchecked sendability sound.
    private let kept: DatasetWriter?
    private let removed: DatasetWriter?
    private let queue: DispatchQueue?
    private let threads: Int
    private let slots = DispatchSemaphore(value: 2)
    private var failure: (any Error)?

    /// Whether each output was asked for: callers skip building what nobody writes.
    let keepsKept: Bool
    let keepsRemoved: Bool

    init(kept: String?, removed: String?, threads: Int) throws {
        self.kept = try kept.map { try DatasetWriter(path: $0) }
        self.removed = try removed.map { try DatasetWriter(path: $0) }
        keepsKept = kept != nil
        keepsRemoved = removed != nil
        self.threads = threads
        queue = threads > 1 && (kept != nil || removed != nil) ? DispatchQueue(label: "sift.output") : nil
    }

    /// Queues one batch: records for the kept output, lines for the removed output.
    func write(kept keptRecords: [Record], removed removedLines: [JSONValue]) {
        guard let queue else {
            perform(keptRecords, removedLines)
            return
        }
        slots.wait()
        queue.async { [self] in
            perform(keptRecords, removedLines)
            slots.signal()
        }
    }

    private func perform(_ keptRecords: [Record], _ removedLines: [JSONValue]) {
        guard failure == nil else { return }
        do {
            try kept?.write(contentsOf: keptRecords.map { .object($0.fields) }, threads: threads)
            try removed?.write(contentsOf: removedLines, threads: threads)
        } catch {
            failure = error
        }
    }

    /// Waits for every batch, then moves the finished files into place, or throws the first write
    /// error (the temporary files are then removed).
    func close() throws {
        queue?.sync {}
        if let failure { throw failure }
        try kept?.close()
        try removed?.close()
    }
}
