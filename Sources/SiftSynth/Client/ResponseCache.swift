import Foundation
import GRDB
import SiftCore

/// Answers already paid for, in a SQLite file, keyed by the SHA-256 of the canonical request.
///
/// A response is stored (and committed) before the record built from it is written, so after a
/// crash or kill every record in an output has its answer cached, and every answer the server sent
/// is either in an output or in the cache: a re-run never pays for the same request twice. Only
/// valid chat completions are stored, so a garbled answer is asked for again, not replayed.
public final class ResponseCache: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "sift.synth.cache"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS response (
                        key TEXT PRIMARY KEY NOT NULL,
                        model TEXT NOT NULL,
                        request TEXT NOT NULL,
                        body TEXT NOT NULL,
                        created_at REAL NOT NULL
                    )
                    """)
            }
        } catch {
            throw SiftError("\(path): cannot open the response cache (\(error))", status: .ioError)
        }
    }

    /// The stored response body for a request, if any.
    public func body(for request: ChatRequest) throws -> [UInt8]? {
        let key = request.cacheKey
        do {
            return try queue.read { db in
                try String.fetchOne(db, sql: "SELECT body FROM response WHERE key = ?", arguments: [key]).map { Array($0.utf8) }
            }
        } catch {
            throw SiftError("\(path): cannot read the response cache (\(error))", status: .ioError)
        }
    }

    public func store(_ body: [UInt8], for request: ChatRequest) throws {
        let arguments: StatementArguments = [
            request.cacheKey, request.model, String(decoding: request.canonicalBytes, as: UTF8.self),
            String(decoding: body, as: UTF8.self), Date().timeIntervalSince1970,
        ]
        do {
            try queue.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO response (key, model, request, body, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: arguments)
            }
        } catch {
            throw SiftError("\(path): cannot write the response cache (\(error))", status: .ioError)
        }
    }

    public func count() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") ?? 0 }
    }
}
