import Foundation
import Testing
import SiftCore
@testable import SiftSplit

@Suite("Splits")
struct SplitTests {
    @Test("random split reproduces the ratios to within one record and is seeded")
    func ratios() {
        let items = (0..<1000).map { SplitAssignment.Item(group: $0, stratum: 0) }
        let a = SplitAssignment(items: items, ratios: [0.8, 0.1, 0.1], seed: 1)
        let counts = (0..<3).map { k in a.splitOfItem.filter { $0 == k }.count }
        #expect(counts == [800, 100, 100])
        #expect(SplitAssignment(items: items, ratios: [0.8, 0.1, 0.1], seed: 1).splitOfItem == a.splitOfItem)
        #expect(SplitAssignment(items: items, ratios: [0.8, 0.1, 0.1], seed: 2).splitOfItem != a.splitOfItem)
    }

    @Test("stratified split keeps each stratum's proportions")
    func stratified() {
        // 90 of stratum 0, 10 of stratum 1: each split gets its share of both.
        let items = (0..<100).map { SplitAssignment.Item(group: $0, stratum: $0 < 90 ? 0 : 1) }
        let a = SplitAssignment(items: items, ratios: [0.8, 0.2], seed: 5)
        let rare = items.indices.filter { items[$0].stratum == 1 }.map { a.splitOfItem[$0] }
        #expect(rare.filter { $0 == 0 }.count == 8)
        #expect(rare.filter { $0 == 1 }.count == 2)
    }

    @Test("a group never straddles splits")
    func grouped() {
        var items: [SplitAssignment.Item] = []
        for group in 0..<200 { for _ in 0..<(group % 5 + 1) { items.append(.init(group: group, stratum: 0)) } }
        let a = SplitAssignment(items: items, ratios: [0.7, 0.3], seed: 9)
        var splitsOfGroup: [Int: Set<Int>] = [:]
        for (i, item) in items.enumerated() { splitsOfGroup[item.group, default: []].insert(a.splitOfItem[i]) }
        #expect(splitsOfGroup.values.allSatisfy { $0.count == 1 })
        let train = a.splitOfItem.filter { $0 == 0 }.count
        #expect(abs(Double(train) / Double(items.count) - 0.7) < 0.02)
    }

    @Test("splitting files: outputs + rejects = input, field groups stay together, deterministic")
    func files() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for i in 0..<300 { lines.append("{\"id\": \(i), \"user\": \"u\(i % 40)\", \"text\": \"t\(i)\", \"label\": \"\(i % 3 == 0 ? "a" : "b")\"}") }
        lines.insert("{broken", at: 10)
        let input = dir.appendingPathComponent("in.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: input))
        let options = SplitOptions(names: ["train", "test"], ratios: [0.75, 0.25], stratify: "label", grouping: .field("user"), seed: 3)
        let out = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let report = try DatasetSplitter.split(paths: [input], into: out, options: options)
        #expect(report.counts.reduce(0, +) == 300)
        #expect(report.malformed == 1)
        #expect(report.groupsInSeveralSplits == 0)
        #expect(report.groups == 40)
        let train = try String(contentsOfFile: "\(out)/train.jsonl", encoding: .utf8)
        let test = try String(contentsOfFile: "\(out)/test.jsonl", encoding: .utf8)
        let trainUsers = Set(train.split(separator: "\n").compactMap { try? JSONParser.parse(String($0))["user"]?.stringValue })
        let testUsers = Set(test.split(separator: "\n").compactMap { try? JSONParser.parse(String($0))["user"]?.stringValue })
        #expect(trainUsers.isDisjoint(with: testUsers))
        _ = try DatasetSplitter.split(paths: [input], into: out, options: options)
        #expect(try String(contentsOfFile: "\(out)/train.jsonl", encoding: .utf8) == train)
    }

    @Test("excluded records go to the rejects with their annotation, numbered among well-formed records; counts add up")
    func exclusions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = (0..<100).map { "{\"id\": \($0), \"label\": \"\($0 % 2 == 0 ? "a" : "b")\"}" }
        lines.insert("{broken", at: 5)
        let input = dir.appendingPathComponent("in.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: input))
        // Positions among the well-formed records: id N is position N although a broken line precedes id 5.
        let excludedIds = [0, 5, 6, 99]
        let exclusions = SplitExclusions(annotationKey: "why", annotations: Dictionary(uniqueKeysWithValues: excludedIds.map { ($0, .string("id \($0)")) }))
        // Precomputed groups are per well-formed record, excluded ones included: pairs (2k, 2k+1).
        let groups = (0..<100).map { $0 / 2 }
        let options = SplitOptions(names: ["train", "test"], ratios: [0.5, 0.5], stratify: "label", grouping: .groups(groups), seed: 4,
                                   exclusions: exclusions)
        let out = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let report = try DatasetSplitter.split(paths: [input], into: out, options: options)
        #expect(report.excluded == 4 && report.malformed == 1)
        #expect(report.counts.reduce(0, +) == 96)
        #expect(report.json["input_records"]?.intValue == 101)
        #expect(report.groupsInSeveralSplits == 0)
        let rejects = try String(contentsOfFile: "\(out)/rejects.jsonl", encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let annotated = rejects.compactMap { record -> Int? in
            guard let id = record["id"]?.intValue else { return nil }
            #expect(record["_sift"]?["why"]?.stringValue == "id \(id)")
            return id
        }
        #expect(annotated == excludedIds)
        #expect(rejects.filter { $0["_sift"]?["reject"]?["reason"]?.stringValue == "malformed" }.count == 1)
        var splitOf: [Int: String] = [:]
        for name in ["train", "test"] {
            for line in try String(contentsOfFile: "\(out)/\(name).jsonl", encoding: .utf8).split(separator: "\n") {
                splitOf[try #require(JSONParser.parse(String(line))["id"]?.intValue)] = name
            }
        }
        #expect(Set(splitOf.keys).union(excludedIds) == Set(0..<100))
        for pair in stride(from: 0, to: 100, by: 2) where splitOf[pair] != nil && splitOf[pair + 1] != nil {
            #expect(splitOf[pair] == splitOf[pair + 1], "group \(pair / 2) straddles splits")
        }
    }
}
