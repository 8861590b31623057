import Foundation
@testable import SiftCore

/// A scratch directory for one test, removed afterwards.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = self.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Gzip-compresses a file with the system's gzip, as users' files are made.
    func gzip(_ name: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", path(name)]
        try process.run()
        process.waitUntilExit()
        return path(name) + ".gz"
    }
}

/// Everything a stream yields, split into records and malformed items.
struct ReadResult {
    var records: [Record] = []
    var malformed: [MalformedRecord] = []
    var stream: DatasetStream
}

func readAll(_ paths: [String], options: ReadOptions = ReadOptions()) throws -> ReadResult {
    let stream = try DatasetStream(paths: paths, options: options)
    var result = ReadResult(stream: stream)
    try stream.forEach { event in
        switch event {
        case .record(let r): result.records.append(r)
        case .malformed(let m): result.malformed.append(m)
        }
    }
    return result
}
