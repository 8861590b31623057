import Foundation
import SiftCore

/// A fresh directory per test, removed when released: the tests read and write real files.
final class TemporaryFiles {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-dedup-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = self.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }
}

/// The objects of a JSON Lines file, parsed by Sift's parser.
func readLines(_ path: String) throws -> [JSONValue] {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
}

/// Small read chunks: SiftCore's reader zero-fills each chunk buffer element by element, which
/// unoptimised test builds make slow for the 4 MiB default.
let testReadOptions = ReadOptions(chunkBytes: 1 << 16)
