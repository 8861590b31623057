import Foundation
import SiftTestSupport
import Testing

@Suite("sift pii")
struct PIICommandTests {
    static let input = """
    {"id": "a", "text": "Mail jane.doe@example.org or call +44 20 7946 0958.", "meta": {"note": "card 4111 1111 1111 1111"}}
    {"id": "b", "text": "Nothing personal in release 1.2.3.4 on 2024-01-15."}
    {"id": "c", "messages": [{"role": "user", "content": "my password=Tr0ub4dor&3 is it safe?"}]}
    not json

    """

    @Test("report counts matches per type with record references and touches no data")
    func report() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("in.jsonl", Self.input)
        let run = try SiftProcess.run(["pii", path, "--json", dir.path("report.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["records"] as? Int == 3)
        #expect(report["malformed"] as? Int == 1)
        #expect(report["records_with_pii"] as? Int == 2)
        let types = try #require(report["types"] as? [String: [String: Any]])
        #expect(types["email"]?["matches"] as? Int == 1)
        #expect(types["credit_card"]?["references"] as? [String] == ["a"])
        #expect(types["secret"]?["references"] as? [String] == ["c"])
        #expect(types["ipv4"]?["matches"] as? Int == 0)
        #expect(run.stdout.contains("credit_card"))
    }

    @Test("redact replaces matches in nested strings; hash is salted and stable; drop moves records out")
    func actions() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("in.jsonl", Self.input)
        let redact = try SiftProcess.run(["pii", path, "--action", "redact", "--out", dir.path("redacted.jsonl")])
        #expect(redact.status == 0, "\(redact.stderr)")
        let redacted = try readJSONLines(dir.path("redacted.jsonl"))
        #expect(redacted.count == 3)
        #expect(redacted[0]["text"] as? String == "Mail [EMAIL] or call [PHONE].")
        #expect((redacted[0]["meta"] as? [String: Any])?["note"] as? String == "card [CREDIT_CARD]")
        let message = ((redacted[2]["messages"] as? [[String: Any]])?.first?["content"] as? String)
        #expect(message == "my password=[SECRET] is it safe?")
        #expect(redacted[1]["_sift"] == nil)

        var hashed: [String] = []
        for salt in ["pepper", "pepper", "other"] {
            let run = try SiftProcess.run(["pii", path, "--action", "hash", "--types", "email", "--out", dir.path("hashed.jsonl")],
                                          environment: ["SIFT_PII_SALT": salt])
            #expect(run.status == 0, "\(run.stderr)")
            hashed.append(try readJSONLines(dir.path("hashed.jsonl"))[0]["text"] as? String ?? "")
        }
        #expect(hashed[0].hasPrefix("Mail [EMAIL:"))
        #expect(hashed[0].contains("+44 20 7946 0958"))
        #expect(hashed[0] == hashed[1])
        #expect(hashed[0] != hashed[2])
        let unsalted = try SiftProcess.run(["pii", path, "--action", "hash", "--out", dir.path("x.jsonl")], environment: ["SIFT_PII_SALT": ""])
        #expect(unsalted.status == 64)

        let drop = try SiftProcess.run(["pii", path, "--action", "drop", "--out", dir.path("kept.jsonl"), "--removed", dir.path("dropped.jsonl"),
                                        "--fields", "text"])
        #expect(drop.status == 0, "\(drop.stderr)")
        #expect(try readJSONLines(dir.path("kept.jsonl")).map { $0["id"] as? String } == ["b", "c"])
        let dropped = try readJSONLines(dir.path("dropped.jsonl"))
        #expect(dropped.count == 2, "the record with PII and the malformed line")
        #expect(((dropped[0]["_sift"] as? [String: Any])?["pii"] as? [String: Int])?["email"] == 1)
    }

    @Test("--fail-if-found gates CI; unknown types are usage errors")
    func gate() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("in.jsonl", Self.input)
        #expect(try SiftProcess.run(["pii", path, "--fail-if-found"]).status == 1)
        let clean = try dir.write("clean.jsonl", "{\"text\": \"version 1.2.3.4 shipped\"}\n")
        #expect(try SiftProcess.run(["pii", clean, "--fail-if-found"]).status == 0)
        let unknown = try SiftProcess.run(["pii", path, "--types", "email,passport"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("passport"))
    }
}
