import Foundation
import SiftTestSupport
import Testing

@Suite("sift convert and Parquet outputs")
struct ConvertCommandTests {
    static let chat = """
    {"id": "a", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}], "note": "kept whole"}
    {"id": "b", "messages": [{"role": "user", "content": "Bye"}, {"role": "assistant", "content": "See you."}]}
    not json
    {"id": "c", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}

    """

    @Test("JSON Lines to Parquet and back: same records; malformed lines go to --removed")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", Self.chat)
        let run = try SiftProcess.run(["convert", input, "--out", dir.path("chat.parquet"), "--removed", dir.path("rejects.jsonl"),
                                       "--compression", "snappy"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("converted 3 records"))
        #expect(try dir.read("rejects.jsonl").contains("\"line\":3"))
        let back = try SiftProcess.run(["convert", dir.path("chat.parquet"), "--out", dir.path("back.jsonl")])
        #expect(back.status == 0)
        let lines = try dir.read("back.jsonl").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"id":"a","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}],"note":"kept whole"}"#)
        #expect(lines[1].hasSuffix(#","note":null}"#))
    }

    @Test("commands read Parquet and write it: dedup finds the duplicate in a Parquet file and writes Parquet")
    func dedupOnParquet() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", Self.chat)
        _ = try SiftProcess.run(["convert", input, "--out", dir.path("chat.parquet")])
        let run = try SiftProcess.run(["dedup", dir.path("chat.parquet"), "--out", dir.path("kept.parquet"), "--removed", dir.path("removed.jsonl")])
        #expect(run.status == 0, "\(run.stderr)")
        let removed = try dir.read("removed.jsonl")
        #expect(removed.contains("\"c\""))
        // The passes before the output read only content columns; the kept records are whole.
        let kept = try SiftProcess.run(["convert", dir.path("kept.parquet"), "--out", dir.path("kept.jsonl")])
        #expect(kept.stdout.contains("converted 2 records"))
        #expect(try dir.read("kept.jsonl").contains(#""note":"kept whole""#))
    }

    @Test("sift split --out-format parquet writes each split as Parquet; counts add up")
    func splitParquet() throws {
        let dir = try TemporaryDirectory()
        var lines = ""
        for i in 0..<50 { lines += #"{"id": \#(i), "text": "document \#(i)", "label": "\#(i % 2 == 0 ? "a" : "b")"}"# + "\n" }
        let input = try dir.write("docs.jsonl", lines)
        let run = try SiftProcess.run(["split", input, "--ratios", "0.8,0.2", "--names", "train,test", "--out-dir", dir.path("splits"),
                                       "--out-format", "parquet"])
        #expect(run.status == 0, "\(run.stderr)")
        var total = 0
        for name in ["train", "test"] {
            let back = try SiftProcess.run(["convert", dir.path("splits/\(name).parquet"), "--out", dir.path("\(name).jsonl"), "--json", "-"])
            let summary = try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any]
            total += summary?["records"] as? Int ?? 0
        }
        #expect(total == 50)
    }

    @Test("--strict on a damaged Parquet file exits 65 with the file, row group and column named")
    func strict() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", Self.chat)
        _ = try SiftProcess.run(["convert", input, "--out", dir.path("chat.parquet"), "--compression", "none"])
        var bytes = Array(try dir.bytes("chat.parquet"))
        bytes[12] ^= 0xFF
        let bad = try dir.write("bad.parquet", bytes: bytes)
        let run = try SiftProcess.run(["stats", bad, "--strict"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.parquet: row group 0"))
        #expect(run.stderr.contains("column id"))
        let lenient = try SiftProcess.run(["stats", bad, "--json", "-"])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("\"row_group\""))
    }
}
