import Foundation
import GRDB
import SiftCore

/// The studio's SQLite file, opened as a GRDB pool in WAL mode: many readers beside one writer.
/// `synchronous = FULL` makes every commit reach the disk before it returns, so a label is durable
/// once its transaction commits, even across a power cut, not only a killed process.
public final class StudioDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating and migrating when needed) the database at `path`. `create: false` refuses
    /// a missing file, so a mistyped `--db` is an error instead of an empty new studio.
    public init(path: String, create: Bool = false) throws {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw SiftError("\(path): no such studio database (create it with `sift studio init --db \(path)`)", status: .noInput)
        }
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Command-line writers checkpoint every 10,000 pages instead of 1,000 (a bulk import
            // copies its hot pages back less often); the server checkpoints in the background.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StudioSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw SiftError("\(path): cannot open the studio database: \(error.message ?? "\(error)")", status: .ioError)
        }
    }

    /// Reads on a reader connection (concurrent with the writer).
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    func readSync<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// One write transaction, for the command line and rare administrative changes. Label
    /// submissions go through `LabelWriter`, which batches them.
    func writeSync<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }
}

/// Seconds since 1970, the studio's timestamps.
func now() -> Double { Date().timeIntervalSince1970 }
