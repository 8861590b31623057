import Foundation
import SiftTestSupport
import SiftCore
import Testing
@testable import SiftDedup

@Suite("Deduplicator")
struct DeduplicatorTests {
    static let story = "the committee met on tuesday to review the budget for the new library and agreed to fund the reading room"
    static let input = """
    {"id": "a", "text": "The committee met on Tuesday to review the budget for the new library and agreed to fund the reading room.", "updated_at": "2024-01-05"}
    {"id": "b", "text": "the committee met on tuesday   to review the budget for the new library and agreed to fund the reading room.", "updated_at": "2024-06-01"}
    {"id": "c", "text": "The committee met on Tuesday to review the budget for the new library and agreed to fund the reading room and the garden.", "updated_at": "2023-02-01"}
    {"id": "d", "text": "Rain is expected across the northern valleys tonight with clearing skies by the weekend."}
    {"id": "e", "text": "  "}
    {"id": "f", "text": ""}
    {"id": "g", "title": "a record with no text at all"}
    {"id": "h", "text": "Rain is expected across the northern valleys tonight with clearing skies by the weekend."}
    {"broken json
    """

    private func run(_ options: DedupOptions, in directory: TemporaryDirectory, input: String = DeduplicatorTests.input) throws
        -> (report: DedupReport, kept: [JSONValue], removed: [JSONValue]) {
        let path = try directory.write("in.jsonl", input + "\n")
        let report = try Deduplicator(paths: [path], readOptions: testReadOptions, options: options).run(out: directory.path("kept.jsonl"), removed: directory.path("removed.jsonl"))
        return (report, try readLines(directory.path("kept.jsonl")), try readLines(directory.path("removed.jsonl")))
    }

    @Test("exact and near duplicates are removed with _sift.dedup; kept + removed + malformed = input")
    func both() throws {
        let directory = try TemporaryDirectory()
        var options = DedupOptions()
        options.threshold = 0.7
        let (report, kept, removed) = try run(options, in: directory)
        #expect(kept.map { $0["id"]!.stringValue! } == ["a", "d", "e", "f", "g"])
        let duplicates = removed.filter { $0["_sift"]?["dedup"] != nil }
        #expect(duplicates.map { $0["id"]!.stringValue! } == ["b", "c", "h"])
        let b = duplicates[0]["_sift"]!["dedup"]!
        #expect(b["reason"] == "exact")
        #expect(b["duplicate_of"] == "a")
        #expect(b["similarity"] == 1)
        #expect(b["cluster"] == 1)
        let c = duplicates[1]["_sift"]!["dedup"]!
        #expect(c["reason"] == "near")
        #expect(c["cluster"] == 1)
        let similarity = try #require(c["similarity"]?.doubleValue)
        #expect(similarity >= 0.7 && similarity < 1)
        #expect(duplicates[2]["_sift"]!["dedup"]!["duplicate_of"] == "d")
        #expect(duplicates[2]["_sift"]!["dedup"]!["cluster"] == 2)
        let rejected = try #require(removed.last?["_sift"]?["reject"])
        #expect(rejected["line"] == 9)
        #expect(removed.last?["raw"] == "{\"broken json")

        #expect(report.records == 8 && report.malformedCount == 1 && report.items == 9)
        #expect(report.kept == 5 && report.removedExact == 2 && report.removedNear == 1)
        #expect(report.countsAddUp)
        #expect(report.blankTexts.count == 2 && report.blankTexts.references == ["e", "f"])
        #expect(report.withoutText.count == 1 && report.withoutText.references == ["g"])
        #expect(report.clusters == 2 && report.largestCluster == 3)
    }

    @Test("exact mode removes only identical canonical texts")
    func exactOnly() throws {
        let directory = try TemporaryDirectory()
        var options = DedupOptions()
        options.method = .exact
        let (report, _, removed) = try run(options, in: directory)
        #expect(removed.compactMap { $0["id"]?.stringValue } == ["b", "h"])
        #expect(report.removedNear == 0)
    }

    @Test("minhash mode reports every removal as near, with its estimate")
    func minhashOnly() throws {
        let directory = try TemporaryDirectory()
        var options = DedupOptions()
        options.method = .minhash
        options.threshold = 0.7
        let (report, _, removed) = try run(options, in: directory)
        #expect(removed.compactMap { $0["id"]?.stringValue } == ["b", "c", "h"])
        #expect(report.removedExact == 0 && report.removedNear == 3)
        #expect(removed[0]["_sift"]!["dedup"]!["similarity"] == 1)
    }

    @Test("keep longest and keep newest choose the representative; duplicate_of points at it even when it comes later")
    func keepPolicies() throws {
        let directory = try TemporaryDirectory()
        var options = DedupOptions()
        options.threshold = 0.7
        options.keep = .longest
        let longest = try run(options, in: directory)
        let longestKept = longest.kept.compactMap { $0["id"]?.stringValue }
        #expect(longestKept.contains("c"))
        #expect(longest.removed.filter { $0["_sift"]?["dedup"] != nil }.map { $0["_sift"]!["dedup"]!["duplicate_of"]! }.prefix(2) == ["c", "c"])
        options.keep = .newest
        let newest = try run(options, in: directory)
        let newestKept = newest.kept.compactMap { $0["id"]?.stringValue }
        #expect(newestKept.contains("b"))
        let removedIDs = newest.removed.compactMap { $0["id"]?.stringValue }
        #expect(removedIDs.contains("a") && removedIDs.contains("c"))
        #expect(newest.removed.first { $0["id"] == "a" }!["_sift"]!["dedup"]!["duplicate_of"] == "b")
        // Records without a date ("d", "h") count as oldest: ties go to the earliest.
        #expect(newestKept.contains("d"))
    }

    @Test("--verify checks candidates by exact Jaccard and reports it as the similarity")
    func verify() throws {
        let directory = try TemporaryDirectory()
        var options = DedupOptions()
        options.threshold = 0.7
        options.verify = true
        let (report, _, removed) = try run(options, in: directory)
        let c = try #require(removed.first { $0["id"] == "c" }?["_sift"]?["dedup"])
        let shingler = Shingler()
        let exact = exactJaccard(shingler.set(ofCanonical: TextNormalization.canonical(Self.story + ".")),
                                 shingler.set(ofCanonical: TextNormalization.canonical(Self.story + " and the garden.")))
        #expect(c["similarity"]?.doubleValue == (exact * 10_000).rounded() / 10_000)
        #expect(report.countsAddUp)
        options.threshold = 0.95
        let strict = try run(options, in: directory)
        #expect(!strict.removed.contains { $0["id"] == "c" })
    }

    @Test("--field compares the named field; a field no record has is an error")
    func field() throws {
        let directory = try TemporaryDirectory()
        var options = DedupOptions()
        options.field = "title"
        let input = """
        {"id": 1, "title": "Same Title", "text": "alpha"}
        {"id": 2, "title": "same   title", "text": "beta"}
        {"id": 3, "text": "gamma"}
        """
        let (report, kept, removed) = try run(options, in: directory, input: input)
        #expect(kept.map { $0["id"]! } == [1, 3])
        #expect(removed.map { $0["id"]! } == [2])
        #expect(report.withoutText.references == ["3"])
        options.field = "nope"
        #expect(throws: SiftError.self) { try run(options, in: directory, input: input) }
    }

    @Test("chat records are compared by their turns joined by newlines")
    func chat() throws {
        let directory = try TemporaryDirectory()
        let input = """
        {"messages": [{"role": "user", "content": "How do I reverse a list in Python?"}, {"role": "assistant", "content": "Use reversed(items) or items[::-1]."}]}
        {"messages": [{"role": "user", "content": "how do I reverse a list in python?"}, {"role": "assistant", "content": "Use  reversed(items) or items[::-1]."}]}
        {"messages": [{"role": "user", "content": "How do I reverse a list in Python?"}, {"role": "assistant", "content": "Call list.reverse() to do it in place."}]}
        """
        let (report, kept, removed) = try run(DedupOptions(), in: directory, input: input)
        #expect(report.kind == .chat)
        #expect(kept.count == 2 && removed.count == 1)
        #expect(removed[0]["_sift"]!["dedup"]!["duplicate_of"] == "line:1")
    }

    @Test("the same input and seed give byte-identical outputs and report")
    func determinism() throws {
        let corpus = PlantedCorpus(documents: 400, seed: 5)
        let directory = try TemporaryDirectory()
        let path = try directory.write("in.jsonl", corpus.jsonLines)
        var outputs: [Data] = []
        for run in 0..<2 {
            let report = try Deduplicator(paths: [path], readOptions: testReadOptions, options: DedupOptions())
                .run(out: directory.path("kept\(run).jsonl"), removed: directory.path("removed\(run).jsonl"))
            #expect(report.countsAddUp)
            outputs.append(try directory.bytes("kept\(run).jsonl") + directory.bytes("removed\(run).jsonl")
                           + Data(JSONWriter(style: .pretty).bytes(report.json)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].count > 10_000)
    }

    @Test("standard input is refused: dedup reads its input twice")
    func standardInput() {
        #expect(throws: SiftError.self) { try Deduplicator(paths: ["-"], options: DedupOptions()).run(out: nil, removed: nil) }
    }
}
