import Foundation
import SiftTestSupport
import Testing

/// One rule, one verdict: `sift audit`, `sift filter --rules instruction` and `sift synth qa` read
/// the same tricky records and must flag exactly the same ones for refusals, turn order and
/// unclosed code blocks (issue 19). Each record's prompt is distinct, so no duplicate rule fires.
@Suite("the audit, the instruction filter and synth QA agree record by record")
struct RuleAgreementTests {
    static func chat(_ id: String, _ turns: [(String, String)]) -> String {
        let messages = turns.map { #"{"role": \#(quoted($0.0)), "content": \#(quoted($0.1))}"# }.joined(separator: ", ")
        return #"{"id": "\#(id)", "messages": [\#(messages)]}"#
    }

    static func pair(_ id: String, _ prompt: String, _ response: String) -> String {
        chat(id, [("user", prompt), ("assistant", response)])
    }

    /// A JSON string literal of `text` (the test texts hold no other control characters).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "\""
    }

    /// The three verdicts per record id: which ids the audit's check flags, which the filter
    /// removes for the rule, which synth QA rejects for the rule.
    struct Verdicts {
        var audit: Set<String>
        var filter: Set<String>
        var qa: Set<String>
    }

    static func run(_ lines: [String], auditCheck: String, filterRule: String, qaRule: String?) throws -> Verdicts {
        let dir = try TemporaryDirectory()
        let input = try dir.write("data.jsonl", lines.joined(separator: "\n") + "\n")
        let audit = try SiftProcess.run(["audit", input, "--as-of", "2026-11-24", "--json", dir.path("audit.json")])
        #expect(audit.status == 0, "\(audit.stderr)")
        let findings = try readJSONObject(dir.path("audit.json"))["findings"] as? [[String: Any]] ?? []
        let audited = Set(findings.first { $0["check"] as? String == auditCheck }?["records"] as? [String] ?? [])

        let filter = try SiftProcess.run(["filter", input, "--out", dir.path("kept.jsonl"), "--removed", dir.path("removed.jsonl"), "--rules", "instruction"])
        #expect(filter.status == 0, "\(filter.stderr)")
        var filtered = Set<String>()
        for record in try readJSONLines(dir.path("removed.jsonl")) {
            let rule = ((record["_sift"] as? [String: Any])?["filter"] as? [String: Any])?["rule"] as? String
            if rule == filterRule, let id = record["id"] as? String { filtered.insert(id) }
        }

        var rejected = Set<String>()
        if let qaRule {
            let qa = try SiftProcess.run(["synth", "qa", "--in", input, "--out", dir.path("accepted.jsonl"), "--removed", dir.path("rejected.jsonl"),
                                          "--allow-missing-provenance", "--json", dir.path("qa.json")])
            #expect(qa.status == 0, "\(qa.stderr)")
            for record in try readJSONLines(dir.path("rejected.jsonl")) {
                let reasons = ((record["_sift"] as? [String: Any])?["qa"] as? [String: Any])?["reasons"] as? [[String: Any]] ?? []
                if reasons.contains(where: { $0["rule"] as? String == qaRule }), let id = record["id"] as? String { rejected.insert(id) }
            }
        }
        return Verdicts(audit: audited, filter: filtered, qa: rejected)
    }

    @Test("refusals: phrases at word starts only, curly and mixed apostrophes; openings only in generated data")
    func refusals() throws {
        let lines = [
            Self.pair("hawaii", "Why is the weather on the islands so wet?", "Hawaii cannot help with that much rain falling on its mountains every year."),
            Self.pair("disclaimer", "What is the capital of France?", "Paris is the capital. As an AI language model, I have no favourite city."),
            Self.pair("curly", "Tell me a story about dragons.", "Well, I\u{2019}m sorry, but I can\u{2019}t write stories about dragons today."),
            Self.pair("mixed", "Write a limerick about cats.", "Well, I\u{2019}m sorry, but I can't write limericks about cats today."),
            Self.pair("inside", "Which islands did you visit?", "My trip to Kauai cannot assist with planning, but the beaches were wonderful."),
            Self.pair("fine", "Name a primary colour please.", "Red is a primary colour, and so are blue and yellow."),
        ]
        let verdicts = try Self.run(lines, auditCheck: "refusal_boilerplate", filterRule: "instruction.refusal", qaRule: "refusal")
        #expect(verdicts.audit == ["disclaimer", "curly", "mixed"])
        #expect(verdicts.filter == verdicts.audit)
        #expect(verdicts.qa == verdicts.audit)
    }

    @Test("refusals: an apologetic opening is a refusal only in synth QA, the rule's named parameter")
    func openings() throws {
        let lines = [
            Self.pair("opening", "How do I reset my password?", "I'm sorry to hear that; open Settings and choose Reset password."),
            Self.pair("fine", "Name a primary colour please.", "Red is a primary colour, and so are blue and yellow."),
        ]
        let verdicts = try Self.run(lines, auditCheck: "refusal_boilerplate", filterRule: "instruction.refusal", qaRule: "refusal")
        #expect(verdicts.audit.isEmpty)
        #expect(verdicts.filter.isEmpty)
        #expect(verdicts.qa == ["opening"])
    }

    @Test("role order: a user turn after a tool result and an empty conversation are out of order for both")
    func roleOrder() throws {
        let answer = "Here is a complete answer to the question you asked."
        let lines = [
            Self.chat("tool-user", [("user", "What is the weather?"), ("assistant", "Calling the weather tool."), ("tool", "{\"temp\": 20}"),
                                    ("user", "And tomorrow?"), ("assistant", answer)]),
            Self.chat("tool-ok", [("user", "What is the time?"), ("assistant", "Calling the clock tool."), ("tool", "12:00"), ("assistant", answer)]),
            #"{"id": "empty", "messages": []}"#,
            Self.chat("users", [("user", "Hello"), ("user", "Anyone?"), ("assistant", answer)]),
            Self.chat("ends-user", [("user", "Hi there"), ("assistant", answer), ("user", "Thanks")]),
            Self.chat("fine", [("system", "Be brief."), ("user", "Name a colour."), ("assistant", answer)]),
        ]
        let verdicts = try Self.run(lines, auditCheck: "role_order", filterRule: "instruction.role_order", qaRule: nil)
        #expect(verdicts.audit == ["tool-user", "empty", "users", "ends-user"])
        #expect(verdicts.filter == verdicts.audit)
    }

    @Test("code fences: indented and tab-indented fences, CRLF lines")
    func codeFences() throws {
        let lines = [
            Self.pair("indented-open", "How do I build it?", "Steps:\n1. Run this:\n    ```sh\n    make all\nThat is all."),
            Self.pair("indented-closed", "How do I test it?", "Steps:\n1. Run this:\n    ```sh\n    make test\n    ```\nThat is all."),
            Self.pair("tab-open", "How do I clean it?", "Steps:\n\t```sh\n\tmake clean\nThat is all."),
            Self.pair("crlf-open", "How do I install it?", "Run this command:\r\n```sh\r\nmake install\r\nThat is all."),
            Self.pair("crlf-closed", "How do I lint it?", "Run this command:\r\n```sh\r\nmake lint\r\n```\r\nThat is all."),
            Self.pair("fine", "Name a primary colour please.", "Red is a primary colour, and so are blue and yellow."),
        ]
        let verdicts = try Self.run(lines, auditCheck: "truncated_response", filterRule: "instruction.code_fences", qaRule: "unbalanced_code_fences")
        #expect(verdicts.audit == ["indented-open", "tab-open", "crlf-open"])
        #expect(verdicts.filter == verdicts.audit)
        #expect(verdicts.qa == verdicts.audit)
    }
}
