import Foundation
import SiftTestSupport
import SiftCore
import Testing

@Suite("sift split")
struct SplitCommandTests {
    @Test("--group-by near-duplicates keeps every near-copy in the split of its original")
    func nearDuplicateGroups() throws {
        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: 11)
        var lines: [String] = []
        for i in 0..<120 {
            let base = (0..<40).map { _ in "w\(rng.next() % 5000)" }.joined(separator: " ")
            lines.append("{\"id\": \"d\(i)\", \"text\": \"\(base)\", \"label\": \"x\"}")
            if i % 4 == 0 {
                // A near-copy: one word changed at the end.
                lines.append("{\"id\": \"d\(i)-copy\", \"text\": \"\(base) extra\", \"label\": \"x\"}")
            }
        }
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["split", input, "--ratios", "0.5,0.5", "--out-dir", dir.path("out"),
                                       "--group-by", "near-duplicates", "--json", dir.path("report.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["records"] as? Int == 150)
        #expect(report["groups"] as? Int == 120)
        #expect(report["groups_in_several_splits"] as? Int == 0)
        let train = Set(try readJSONLines(dir.path("out/train.jsonl")).compactMap { $0["id"] as? String })
        for i in stride(from: 0, to: 120, by: 4) {
            #expect(train.contains("d\(i)") == train.contains("d\(i)-copy"), "d\(i) and its copy were split apart")
        }
    }

    @Test("bad ratios are a usage error")
    func badRatios() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("in.jsonl", "{\"text\": \"a\"}\n")
        let run = try SiftProcess.run(["split", input, "--ratios", "0.8,x", "--out-dir", dir.path("out")])
        #expect(run.status == 64)
        #expect(run.stderr.contains("\"x\" is not a number"))
    }
}
