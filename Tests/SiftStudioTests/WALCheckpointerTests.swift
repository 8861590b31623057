import Foundation
import GRDB
import SiftCore
import SiftTestSupport
import Testing
@testable import SiftStudio

/// The server's checkpoints: its label commits never checkpoint on their own, the background
/// checkpointer copies the log into the database file, and the writer catches up when asked.
@Suite struct WALCheckpointerTests {
    /// About 4 MB of pages, written while no checkpoint may run: only a checkpoint can bring them
    /// into the database file, so its size tells whether one ran.
    private func fill(_ store: StudioStore) async throws {
        let filler = String(repeating: "x", count: 4_000)
        try await store.writer.write { db in
            try db.execute(sql: "CREATE TABLE filler (body TEXT)")
            for _ in 0..<1_000 { try db.execute(sql: "INSERT INTO filler VALUES (?)", arguments: [filler]) }
        }
    }

    @Test func backgroundCheckpointsCopyTheLogWhileTheWriterNeverDoes() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("studio.sqlite")
        let store = StudioStore(database: try StudioDatabase(path: path, create: true))
        let checkpointer = try store.checkpointInBackground()
        defer { checkpointer.stop() }
        #expect(try store.database.writeSync { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 0)

        let emptySize = try fileSize(path)
        try await fill(store)
        // The checkpointer ticks every 0.25 s; give it up to 20 s on a loaded machine.
        var size = try fileSize(path)
        for _ in 0..<200 where size < emptySize + 4_000_000 {
            try await Task.sleep(for: .milliseconds(100))
            size = try fileSize(path)
        }
        #expect(size >= emptySize + 4_000_000, "the database file stayed at \(size) bytes: no background checkpoint ran")
    }

    @Test func theWriterCatchesUpBetweenBatchesWhenAsked() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("studio.sqlite")
        let store = StudioStore(database: try StudioDatabase(path: path, create: true))
        try store.database.writeSync { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        let emptySize = try fileSize(path)
        try await fill(store)
        #expect(try fileSize(path) < emptySize + 4_000_000, "a checkpoint ran although none was asked for")

        store.writer.requestCatchUpCheckpoint()
        // The catch-up runs after the batch taken with it has been answered, and before the
        // writer takes the next one: a first write may be answered before the checkpoint, the
        // write sent after that answer commits only after it.
        for _ in 0..<2 {
            try await store.writer.write { try $0.execute(sql: "INSERT INTO filler VALUES ('after')") }
        }
        #expect(try fileSize(path) >= emptySize + 4_000_000, "the writer did not checkpoint when asked")
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
