import Dispatch

/// One batch of a `ReadAhead`, with the stream's byte count as it was when the batch was read: the
/// caller's progress bar cannot ask the stream itself, which is busy reading the next batch.
public struct ReadAheadBatch: Sendable {
    public var events: [ReadEvent]
    public var bytesRead: Int
}

/// Reads a stream's next batch on a thread of its own while the caller works on the current one.
///
/// Reading a batch has a sequential part (the read calls and cutting the bytes into lines, rows or
/// elements) before its records are decoded on all cores. A command that then works on the batch
/// in parallel leaves cores idle during that sequential part; reading one batch ahead lets it
/// overlap with the caller's work, which is what a two-core speed-up needs. Batches come out in
/// the stream's order, so results do not depend on it; at most one batch waits, so memory stays
/// bounded. With `concurrent` false (one thread) every batch is read inline, on the caller's thread.
///
/// The stream belongs to the read-ahead once given: read its counters (`itemsSeen`, `diagnostics`)
/// only after `next()` has returned nil or thrown.
public final class ReadAhead: @unchecked Sendable {
    // `stream` and `result` are touched by one thread at a time: the reading block on `queue` (or
    // the caller, inline) while a read is in flight, and the caller after `ready.wait()` returns,
    // which orders the block's writes before the caller's reads. That exclusive hand-over is what
    // makes the unchecked sendability sound.
    private let stream: DatasetStream
    private let queue: DispatchQueue?
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<ReadAheadBatch?, any Error>?
    private var inFlight = false
    private var finished = false

    public init(_ stream: DatasetStream, concurrent: Bool) {
        self.stream = stream
        queue = concurrent ? DispatchQueue(label: "sift.read-ahead") : nil
    }

    /// The next batch in stream order, or nil at the end. A read error is thrown once, at the batch
    /// where it happened; after it, and after the end, `next()` returns nil.
    public func next() throws -> ReadAheadBatch? {
        if finished { return nil }
        guard let queue else { return try finishing { try read() } }
        if !inFlight { start(on: queue) }
        ready.wait()
        inFlight = false
        let batch = try finishing { try result!.get() }
        result = nil
        if batch != nil { start(on: queue) }
        return batch
    }

    private func start(on queue: DispatchQueue) {
        inFlight = true
        queue.async { [self] in
            result = Result(catching: { try read() })
            ready.signal()
        }
    }

    private func read() throws -> ReadAheadBatch? {
        guard let events = try stream.nextBatch() else { return nil }
        return ReadAheadBatch(events: events, bytesRead: stream.bytesRead)
    }

    private func finishing(_ body: () throws -> ReadAheadBatch?) throws -> ReadAheadBatch? {
        do {
            let batch = try body()
            if batch == nil { finished = true }
            return batch
        } catch {
            finished = true
            throw error
        }
    }
}
