import SiftAudit
import SiftCore
import Testing

@Suite("consistency checks")
struct ConsistencyChecksTests {
    typealias F = AuditFixture

    @Test("conflicting_labels: one normalised input, different labels; every record of the group counts")
    func conflictingLabels() throws {
        let report = try F.audit([
            F.labelled("1", "The movie was fine", "positive"),
            F.labelled("2", "the  movie was FINE ", "positive"),
            F.labelled("3", "The movie was fine", "negative"),
            F.labelled("4", "Great food", "positive"),
            F.labelled("5", "Great food", "Positive"),
            F.labelled("6", "Terrible service", "negative"),
        ])
        let finding = try report.only("conflicting_labels")
        #expect(finding.count == 3)
        #expect(Set(finding.records) == ["1", "3"])
        #expect(finding.message.hasPrefix("1 input appears"))
    }

    @Test("conflicting_labels: the same prompt with different answers in instruction data")
    func conflictingAnswers() throws {
        let report = try F.audit([
            F.chat("1", "What is 2+2?", "4"),
            F.chat("2", "What is 2+2?", "5"),
            F.chat("3", "What is 3+3?", "6"),
        ])
        #expect(try report.only("conflicting_labels").count == 2)
    }

    @Test("label_case_variant: spellings that differ in case or whitespace; the majority spelling is right")
    func caseVariant() throws {
        var lines: [String] = []
        for i in 0..<5 { lines.append(F.labelled("p\(i)", F.prose(i), "positive")) }
        lines.append(F.labelled("v1", F.prose(10), "Positive"))
        lines.append(F.labelled("v2", F.prose(11), "positive "))
        for i in 0..<3 { lines.append(F.labelled("n\(i)", F.prose(20 + i), "negative")) }
        let finding = try F.audit(lines).only("label_case_variant")
        #expect(finding.count == 2)
        #expect(finding.records == ["v1", "v2"])
        let declared = try F.audit(lines, labels: ["Positive", "negative"]).only("label_case_variant")
        #expect(declared.count == 6)
    }

    @Test("schema_drift: records whose field set differs from the most common one")
    func schemaDrift() throws {
        let report = try F.audit([
            F.json(["id": "1", "text": "a doc", "source": "wiki", "url": "u1"]),
            F.json(["id": "2", "url": "u2", "text": "b doc", "source": "wiki"]),
            F.json(["id": "3", "text": "c doc", "source": "wiki", "url": "u3"]),
            F.json(["id": "4", "text": "d doc", "source": "wiki"]),
            F.json(["id": "5", "text": "e doc", "source": "wiki", "url": "u5", "title": "E"]),
        ])
        let finding = try report.only("schema_drift")
        #expect(finding.count == 2)
        #expect(finding.records == ["4", "5"])
        #expect(finding.message.contains("−url"))
        #expect(finding.message.contains("+title"))
    }

    @Test("role_order: alternation, the final assistant turn, system and tool placement")
    func roleOrder() throws {
        func turns(_ id: String, _ roles: [String]) -> String {
            F.json(["id": .string(id), "messages": .array(roles.enumerated().map { ["role": .string($1), "content": .string("turn \($0) of \(id)")] })])
        }
        let report = try F.audit([
            turns("ok1", ["system", "user", "assistant"]),
            turns("ok2", ["user", "assistant", "tool", "assistant", "user", "assistant"]),
            turns("bad1", ["assistant", "user", "assistant"]),
            turns("bad2", ["user", "user", "assistant"]),
            turns("bad3", ["user", "assistant", "user"]),
            turns("bad4", ["user", "system", "assistant"]),
            turns("bad5", ["user", "narrator", "assistant"]),
        ])
        let finding = try report.only("role_order")
        #expect(finding.count == 5)
        #expect(finding.records == ["bad1", "bad2", "bad3", "bad4", "bad5"])
        #expect(finding.message.contains("does not end with the assistant ×1"))
    }

    @Test("mixed_date_format: dates outside the most common format")
    func mixedDates() throws {
        let report = try F.audit([
            F.json(["id": "1", "text": "a", "updated_at": "2026-01-02"]),
            F.json(["id": "2", "text": "b", "updated_at": "2026-01-03"]),
            F.json(["id": "3", "text": "c", "updated_at": "01/04/2026"]),
            F.json(["id": "4", "text": "d", "updated_at": "2026-01-05"]),
            F.json(["id": "5", "text": "e", "updated_at": 1767225600]),
        ])
        let finding = try report.only("mixed_date_format")
        #expect(finding.count == 2)
        #expect(finding.records == ["3", "5"])
        #expect(try F.audit([F.json(["id": "1", "text": "a", "updated_at": "2026-01-02"]), F.json(["id": "2", "text": "b", "updated_at": "2026-02-02"])]).none("mixed_date_format"))
    }
}
