import Dispatch
import GRDB
import Synchronization

/// Writes label submissions (and queue claims) in batches: whatever requests arrive while one
/// transaction commits go together into the next one (group commit). Every request still gets
/// its answer only after the transaction holding its write has committed (`synchronous = FULL`:
/// on disk), so a 2xx is never sent for a label a crash could lose; batching only shares the
/// cost of the commit's fsync among the requests that waited for it.
///
/// Each request runs in its own savepoint, so one refused request (an item not assigned to the
/// caller) rolls back only its own writes. The batch runs on a dedicated dispatch queue, never on
/// the server's event loops or Swift's cooperative threads, which must not block on the disk.
final class GroupCommitWriter: Sendable {
    private struct Job: Sendable {
        /// Runs the request inside the batch's transaction (keeping its result or error).
        let run: @Sendable (Database) -> Void
        /// Answers the caller once the batch is over: nil when it committed, else why not.
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var flushing = false
        /// The WAL checkpointer asked for the frames it could not copy (`WALCheckpointer`).
        var catchUpRequested = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "sift.studio.writer", qos: .userInitiated)
    /// Requests in one transaction at most: bounds the latency of the first one in a batch.
    static let maximumBatch = 256

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `body` in the next batch and returns its result once that batch has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            // The result is produced inside the transaction and handed out after the commit.
            let result = ResultBox<T>()
            let job = Job(
                run: { db in
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try body(db)
                            return .commit
                        }
                        result.value = .success(value!)
                    } catch {
                        result.value = .failure(error)
                    }
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else {
                        continuation.resume(with: result.value!)
                    }
                })
            schedule { $0.pending.append(job) }
        }
    }

    /// Asks for a checkpoint between two batches, when the writer's connection is the only one
    /// appending to the log (so the checkpoint can reach its end and the log can restart).
    func requestCatchUpCheckpoint() {
        schedule { $0.catchUpRequested = true }
    }

    /// Records work for the writer and starts draining unless a drain is already running.
    private func schedule(_ change: (inout State) -> Void) {
        let start = state.withLock { state -> Bool in
            change(&state)
            if state.flushing { return false }
            state.flushing = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        while true {
            let (batch, catchUp) = state.withLock { state -> ([Job], Bool) in
                let count = min(state.pending.count, Self.maximumBatch)
                let catchUp = state.catchUpRequested
                state.catchUpRequested = false
                if count == 0 && !catchUp { state.flushing = false }
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return (batch, catchUp)
            }
            if batch.isEmpty && !catchUp { return }
            if !batch.isEmpty { commit(batch) }
            if catchUp {
                // After the batch's answers are out. Busy (the background checkpoint is running)
                // or a reader in the way: the checkpointer asks again on a later tick.
                _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
            }
        }
    }

    private func commit(_ batch: [Job]) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for job in batch { job.run(db) }
                    return .commit
                }
            }
            for job in batch { job.finish(nil) }
        } catch {
            // The commit failed: nothing of this batch is durable, and every caller hears so.
            for job in batch { job.finish(error) }
        }
    }
}

/// A job's result, set and read only on the writer's queue (inside the batch, then after its
/// commit), hence unchecked.
private final class ResultBox<T>: @unchecked Sendable {
    var value: Result<T, any Error>?
}
