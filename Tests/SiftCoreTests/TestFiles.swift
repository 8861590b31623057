import Foundation
@testable import SiftCore
import SiftTestSupport

extension TemporaryDirectory {
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
