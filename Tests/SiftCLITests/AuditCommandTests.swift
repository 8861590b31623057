import Foundation
import SiftTestSupport
import Testing

@Suite("sift audit")
struct AuditCommandTests {
    static let chat = (0..<12).map { i in
        "{\"id\": \"c\(i)\", \"messages\": [{\"role\": \"user\", \"content\": \"Question number \(i) about topic \(i * 7)?\"}, {\"role\": \"assistant\", \"content\": \"Answer \(i): it depends on \(i * 3) things.\"}], \"created_at\": \"2026-0\(1 + i % 9)-15\"}"
    }.joined(separator: "\n") + "\n"

    @Test("the JSON report follows the contract: keys, the six dimensions, findings and sufficiency")
    func contract() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", Self.chat + "{\"id\": \"e\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"\"}]}\n")
        let run = try SiftProcess.run(["audit", input, "--as-of", "2026-11-24", "--json", dir.path("audit.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("audit.json"))
        #expect(report["records"] as? Int == 13)
        #expect(report["kind"] as? String == "chat")
        #expect(report["purpose"] as? String == "finetune-lora")
        let dimensions = try #require(report["dimensions"] as? [String: Any])
        #expect(Set(dimensions.keys) == ["accuracy", "completeness", "consistency", "diversity", "freshness", "uniqueness"])
        for (name, value) in dimensions {
            let dimension = try #require(value as? [String: Any])
            #expect(Set(dimension.keys) == ["score", "findings"], "\(name)")
            let score = try #require(dimension["score"] as? Int)
            #expect((0...100).contains(score))
        }
        let findings = try #require(report["findings"] as? [[String: Any]])
        let empty = try #require(findings.first { $0["check"] as? String == "empty_response" })
        #expect(empty["dimension"] as? String == "accuracy")
        #expect(empty["severity"] as? String == "error")
        #expect(empty["count"] as? Int == 1)
        #expect(empty["records"] as? [String] == ["e"])
        #expect((empty["message"] as? String)?.isEmpty == false)
        for finding in findings {
            for key in ["check", "dimension", "severity", "message", "count", "records"] { #expect(finding[key] != nil, "\(key)") }
            #expect(["info", "warning", "error"].contains(finding["severity"] as? String ?? ""))
            #expect((finding["records"] as? [String])?.count ?? 99 <= 20)
        }
        let accuracy = try #require(dimensions["accuracy"] as? [String: Any])
        #expect(accuracy["score"] as? Int ?? 100 < 100)
        let sufficiency = try #require(report["sufficiency"] as? [String: Any])
        #expect(sufficiency["count"] as? Int == 13)
        #expect(sufficiency["minimum"] as? Int == 200)
        #expect(sufficiency["sweet_spot"] as? [Int] == [1_000, 10_000])
        #expect(sufficiency["verdict"] as? String == "below_minimum")
        #expect(run.stdout.contains("Quality pyramid"))
        #expect(run.stdout.contains("empty_response"))
        #expect(run.stdout.contains("below_minimum"))
    }

    @Test("--fail-on is a CI gate: exit 1 when a finding of that severity or worse exists")
    func failOn() throws {
        let dir = try TemporaryDirectory()
        // Only warnings and notes: an exact duplicate.
        let warnings = try dir.write("warn.jsonl", Self.chat + Self.chat.split(separator: "\n").first! + "\n")
        #expect(try SiftProcess.run(["audit", warnings, "--as-of", "2026-11-24", "--fail-on", "error"]).status == 0)
        let gate = try SiftProcess.run(["audit", warnings, "--as-of", "2026-11-24", "--fail-on", "warning"])
        #expect(gate.status == 1)
        #expect(gate.stderr.contains("audit gate failed"))
        // An error: a conversation that ends with the user.
        let errors = try dir.write("err.jsonl", Self.chat + "{\"id\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Anyone?\"}]}\n")
        #expect(try SiftProcess.run(["audit", errors, "--as-of", "2026-11-24", "--fail-on", "error"]).status == 1)
        #expect(try SiftProcess.run(["audit", errors, "--as-of", "2026-11-24"]).status == 0)
    }

    @Test("malformed lines are reported as malformed_record and the rest is audited")
    func malformed() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", Self.chat + "{\"id\": \"broken\", \"messages\": [\n" + Self.chat)
        let run = try SiftProcess.run(["audit", input, "--as-of", "2026-11-24", "--json", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["records"] as? Int == 24)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let malformed = try #require(findings.first { $0["check"] as? String == "malformed_record" })
        #expect(malformed["count"] as? Int == 1)
        #expect(malformed["records"] as? [String] == ["line:13"])
        #expect(malformed["dimension"] as? String == "completeness")
    }

    @Test("bad options and inputs are usage (64) and no-input (66) errors")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", Self.chat)
        #expect(try SiftProcess.run(["audit", input, "--as-of", "24/11/2026"]).status == 64)
        #expect(try SiftProcess.run(["audit", input, "--purpose", "training"]).status == 64)
        #expect(try SiftProcess.run(["audit", input, "--fail-on", "info"]).status == 64)
        let missing = try SiftProcess.run(["audit", dir.path("nope.jsonl")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.jsonl: no such file"))
    }

    @Test("each kind audits with its own purpose: chat, RAG documents, evaluation cases, CSV classification")
    func kinds() throws {
        let dir = try TemporaryDirectory()
        let docs = (0..<15).map { "{\"id\": \"d\($0)\", \"title\": \"Doc \($0)\", \"text\": \"Policy text number \($0) explains refunds.\", \"updated_at\": \"2024-0\(1 + $0 % 9)-01\"}" }
        let evals = (0..<60).map { "{\"id\": \"q\($0)\", \"input\": \"What is \($0) + \($0)?\", \"expected\": \"\($0 * 2)\"}" }
        var csv = "text,label\n"
        for i in 0..<40 { csv += "\"Review \(i), quite \(i % 2 == 0 ? "good" : "bad")\",\(i % 2 == 0 ? "positive" : "negative")\n" }
        let cases: [(name: String, text: String, kind: String, purpose: String, records: Int)] = [
            ("chat.jsonl", Self.chat, "chat", "finetune-lora", 12),
            ("docs.jsonl", docs.joined(separator: "\n") + "\n", "rag_document", "rag", 15),
            ("eval.jsonl", evals.joined(separator: "\n") + "\n", "eval_case", "eval", 60),
            ("labels.csv", csv, "classification", "finetune-lora", 40),
        ]
        for item in cases {
            let path = try dir.write(item.name, item.text)
            let run = try SiftProcess.run(["audit", path, "--as-of", "2026-11-24", "--json", dir.path(item.name + ".audit.json")])
            #expect(run.status == 0, "\(item.name): \(run.stderr)")
            let report = try readJSONObject(dir.path(item.name + ".audit.json"))
            #expect(report["kind"] as? String == item.kind, "\(item.name)")
            #expect(report["purpose"] as? String == item.purpose, "\(item.name)")
            #expect(report["records"] as? Int == item.records, "\(item.name)")
            let findings = try #require(report["findings"] as? [[String: Any]])
            #expect(!findings.contains { $0["check"] as? String == "missing_field" }, "\(item.name)")
        }
        let stale = try readJSONObject(dir.path("docs.jsonl.audit.json"))
        #expect((stale["findings"] as? [[String: Any]])?.contains { $0["check"] as? String == "stale_record" } == true)
        let labels = try readJSONObject(dir.path("labels.csv.audit.json"))
        let charts = try #require(labels["charts"] as? [String: Any])
        #expect((charts["label_distribution"] as? [[String: Any]])?.count == 2)
        let sufficiency = try #require(try readJSONObject(dir.path("eval.jsonl.audit.json"))["sufficiency"] as? [String: Any])
        #expect(sufficiency["verdict"] as? String == "adequate")
    }

    @Test("files of different kinds audited together are each read under their own kind")
    func mixedKinds() throws {
        let dir = try TemporaryDirectory()
        let chat = try dir.write("chat.jsonl", Self.chat)
        let docs = try dir.write("docs.jsonl", (0..<5).map { "{\"id\": \"d\($0)\", \"text\": \"Doc \($0) text.\", \"url\": \"u\($0)\"}" }.joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["audit", chat, docs, "--as-of", "2026-11-24", "--json", dir.path("mixed.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("mixed.json"))
        #expect(report["records"] as? Int == 17)
        #expect(report["kind"] as? String == "chat")
        #expect(report["file_kinds"] as? [String: String] == [chat: "chat", docs: "rag_document"])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.contains { $0["check"] as? String == "missing_field" })
        #expect(!findings.contains { $0["check"] as? String == "role_order" })
    }

    @Test("--purpose and --labels override the defaults")
    func overrides() throws {
        let dir = try TemporaryDirectory()
        var csv = "text,label\n"
        for i in 0..<10 { csv += "Item \(i),\(["a", "b", "c"][i % 3])\n" }
        let path = try dir.write("labels.csv", csv)
        let run = try SiftProcess.run(["audit", path, "--purpose", "few-shot", "--labels", "a, b", "--as-of", "2026-11-24", "--json", dir.path("a.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("a.json"))
        #expect(report["purpose"] as? String == "few-shot")
        #expect((report["sufficiency"] as? [String: Any])?["verdict"] as? String == "above_sweet_spot")
        let unknown = try #require((report["findings"] as? [[String: Any]])?.first { $0["check"] as? String == "unknown_label" })
        #expect(unknown["count"] as? Int == 3)
        #expect(unknown["records"] as? [String] == ["line:4", "line:7", "line:10"])
    }
}
