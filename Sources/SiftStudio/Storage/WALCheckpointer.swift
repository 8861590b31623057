#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file from a thread and a connection of its
/// own, at the lowest CPU priority, so the label writer almost never does it.
///
/// With SQLite's automatic checkpoints, the commit that crosses the WAL threshold copies thousands
/// of pages (two system calls each) before it returns, and every request batched into that
/// commit, plus every request that queued behind it, waits: at 50 clients every one of them waited
/// ~50 ms once every ~0.27 s (p50 7 ms, p99 52 ms), the server's whole tail.
///
/// A PASSIVE checkpoint on another connection runs beside the writer and the readers without
/// blocking either (sqlite.org/c3ref/wal_checkpoint_v2.html); at nice 19 it takes the CPU the
/// requests leave, instead of a burst of it every tick. But the log only starts over from its
/// beginning when a write transaction finds every frame copied, and under a steady stream of
/// commits some always land while a background checkpoint runs, so the log would grow without
/// bound. When it has passed `longLog` frames, the checkpointer therefore asks the writer
/// (`onLongLog`) to copy the frames committed since, between two of its batches: a short pause,
/// once per `longLog` frames, after which the log restarts (sqlite.org/wal.html).
final class WALCheckpointer: Sendable {
    /// Set by `stop`, read by the thread (a class, so the thread's closure can share it).
    private final class Flag: Sendable {
        let raised = Mutex(false)
    }

    private let stopping = Flag()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts checkpointing `path` every `interval` seconds until `stop()`.
    init(path: String, interval: Double = 0.05, longLog: Int = 16_384, onLongLog: @escaping @Sendable () -> Void) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        let thread = Thread { [stopping, finished] in
            #if canImport(Glibc)
            // This thread only: on Linux each thread has its own nice value, and 0 is the caller.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            while !stopping.raised.withLock({ $0 }) {
                Thread.sleep(forTimeInterval: interval)
                // A checkpoint that finds a reader in the way copies what it can and tries again
                // on the next tick; nothing here may fail the server.
                if let (frames, _) = try? connection.writeWithoutTransaction({ try $0.checkpoint(.passive) }), frames >= longLog {
                    onLongLog()
                }
            }
            // One last checkpoint, so a stopped server leaves a short log.
            _ = try? connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
            finished.signal()
        }
        thread.name = "sift.studio.checkpoint"
        thread.start()
    }

    /// Stops the thread after its current checkpoint (and one last one); waits for it.
    func stop() {
        let first = stopping.raised.withLock { stopping -> Bool in
            defer { stopping = true }
            return !stopping
        }
        if first { finished.wait() }
    }

    deinit { stop() }
}
