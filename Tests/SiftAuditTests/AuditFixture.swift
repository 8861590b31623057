import Foundation
import SiftAudit
import SiftCore
import Testing

/// Audits a small dataset written to a real temporary file, through the same stream the CLI uses.
enum AuditFixture {
    /// 2026-11-24T00:00:00Z, the fixed "today" of these tests.
    static let asOf = Double(TimestampParser.daysFromCivil(year: 2026, month: 11, day: 24)) * 86_400

    static func audit(_ lines: [String], name: String = "data.jsonl", purpose: Purpose? = nil, labels: [String]? = nil,
                      maxAgeDays: Int = 365, threads: Int = 2, chunkBytes: Int = 4 << 20, nearDuplicateThreshold: Double? = 0.8) throws -> AuditReport {
        try audit(text: lines.joined(separator: "\n") + "\n", name: name, purpose: purpose, labels: labels,
                  maxAgeDays: maxAgeDays, threads: threads, chunkBytes: chunkBytes, nearDuplicateThreshold: nearDuplicateThreshold)
    }

    static func audit(text: String, name: String = "data.jsonl", purpose: Purpose? = nil, labels: [String]? = nil,
                      maxAgeDays: Int = 365, threads: Int = 2, chunkBytes: Int = 4 << 20, nearDuplicateThreshold: Double? = 0.8) throws -> AuditReport {
        let file = try File(text, name: name)
        return try audit(path: file.path, purpose: purpose, labels: labels, maxAgeDays: maxAgeDays, threads: threads, chunkBytes: chunkBytes,
                         nearDuplicateThreshold: nearDuplicateThreshold)
    }

    /// A dataset file that lives as long as the returned value.
    final class File {
        let directory: URL
        let path: String

        init(_ text: String, name: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-audit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    static func file(_ lines: [String], name: String = "data.jsonl") throws -> File {
        try File(lines.joined(separator: "\n") + "\n", name: name)
    }

    static func audit(path: String, purpose: Purpose? = nil, labels: [String]? = nil, maxAgeDays: Int = 365,
                      threads: Int = 2, chunkBytes: Int = 4 << 20, nearDuplicateThreshold: Double? = 0.8) throws -> AuditReport {
        let stream = try DatasetStream(paths: [path], options: ReadOptions(chunkBytes: chunkBytes, threads: threads))
        let options = AuditOptions(purpose: purpose, labels: labels, asOf: asOf, maxAgeDays: maxAgeDays, nearDuplicateThreshold: nearDuplicateThreshold)
        return try Auditor(options: options).audit(stream)
    }

    /// JSON text of an object, for building records readably.
    static func json(_ value: JSONValue) -> String { JSONWriter().string(value) }

    static func chat(_ id: String, _ user: String, _ assistant: String, extra: JSONObject = [:]) -> String {
        var object: JSONObject = ["id": .string(id), "messages": [["role": "user", "content": .string(user)], ["role": "assistant", "content": .string(assistant)]]]
        for (key, value) in extra { object[key] = value }
        return json(.object(object))
    }

    static func labelled(_ id: String, _ text: String, _ label: String) -> String {
        json(["id": .string(id), "text": .string(text), "label": .string(label)])
    }

    /// Distinct filler prose, so records differ from each other.
    static func prose(_ i: Int) -> String {
        let words = ["river", "stone", "market", "winter", "garden", "signal", "harbor", "lantern", "meadow", "engine", "copper", "violet"]
        return "Note \(i): the \(words[i % 12]) and the \(words[(i / 12) % 12]) met near the \(words[(i * 7) % 12]) in year \(1900 + i)."
    }
}

extension AuditReport {
    func only(_ check: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> AuditFinding {
        let matches = findings.filter { $0.check == check }
        #expect(matches.count == 1, "expected one \(check) finding, got \(matches.count)", sourceLocation: sourceLocation)
        return try #require(matches.first, sourceLocation: sourceLocation)
    }

    func none(_ check: String) -> Bool { !findings.contains { $0.check == check } }
}
