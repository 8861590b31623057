import SiftAudit
import SiftCore
import Testing

@Suite("freshness, uniqueness and provenance checks")
struct FreshnessUniquenessTests {
    typealias F = AuditFixture

    @Test("stale_record, future_date and missing_date against --as-of and --max-age, with the age histogram")
    func freshness() throws {
        let report = try F.audit([
            F.json(["id": "fresh", "text": "a", "source": "kb", "updated_at": "2026-11-01"]),
            F.json(["id": "edge", "text": "b", "source": "kb", "updated_at": "2025-11-24"]),
            F.json(["id": "old", "text": "c", "source": "kb", "updated_at": "2025-11-23"]),
            F.json(["id": "ancient", "text": "d", "source": "kb", "updated_at": "2019-05-01T10:00:00Z"]),
            F.json(["id": "future", "text": "e", "source": "kb", "updated_at": "2027-01-01"]),
            F.json(["id": "undated", "text": "f", "source": "kb"]),
            F.json(["id": "garbled", "text": "g", "source": "kb", "updated_at": "last tuesday"]),
        ])
        #expect(report.purpose == .rag)
        let stale = try report.only("stale_record")
        #expect(stale.records == ["old", "ancient"])
        #expect(try report.only("future_date").records == ["future"])
        let missing = try report.only("missing_date")
        #expect(missing.records == ["undated", "garbled"])
        #expect(missing.severity == .warning)
        let ages = try #require(report.chart("age_histogram"))
        #expect(ages.bins.map(\.value) == [1, 1, 0, 0, 0, 2, 0, 1])

        let tighter = try F.audit([F.json(["id": "x", "text": "a", "source": "kb", "updated_at": "2026-11-01"])], maxAgeDays: 10)
        #expect(try tighter.only("stale_record").count == 1)
    }

    @Test("missing_date with no dates at all: a warning for RAG, a note otherwise")
    func noDates() throws {
        let docs = try F.audit([F.json(["id": "1", "text": "a", "source": "kb"]), F.json(["id": "2", "text": "b", "source": "kb"])])
        #expect(try docs.only("missing_date").severity == .warning)
        let chat = try F.audit([F.chat("1", "Hi", "Hello."), F.chat("2", "Bye", "Goodbye.")])
        #expect(try chat.only("missing_date").severity == .info)
    }

    @Test("exact_duplicate: copies after case and whitespace normalisation; count is what dedup removes")
    func exactDuplicate() throws {
        let report = try F.audit([
            F.labelled("1", "Hello World", "a"),
            F.labelled("2", "hello   world ", "a"),
            F.labelled("3", "Something else", "b"),
            F.labelled("4", "HELLO WORLD", "a"),
            F.labelled("5", "Something  else", "b"),
            F.labelled("6", "Unique", "c"),
        ])
        let finding = try report.only("exact_duplicate")
        #expect(finding.count == 3)
        #expect(finding.records == ["2", "4", "5"])
        #expect(report.metric("distinct_records") == .integer(3))
        let clusters = try #require(report.chart("duplicate_clusters"))
        #expect(clusters.bins.first { $0.label == "2" }?.value == 1)
        #expect(clusters.bins.first { $0.label == "3" }?.value == 1)
        #expect(report.sufficiency.count == 3)
    }

    @Test("near_duplicate: near-copies of an earlier record, exact copies left to exact_duplicate")
    func nearDuplicate() throws {
        let base = (0..<60).map { F.prose($0) }.joined(separator: " ")
        let lines = [
            F.labelled("a", base, "x"),
            F.labelled("b", base + " and one more clause", "x"),      // near-copy of a
            F.labelled("c", base.uppercased(), "x"),                   // exact copy of a (canonical)
            F.labelled("d", (100..<160).map { F.prose($0) }.joined(separator: " "), "y"),
        ]
        let report = try F.audit(lines)
        let near = try report.only("near_duplicate")
        #expect(near.count == 1)
        #expect(near.records == ["b"])
        #expect(near.dimension == .uniqueness)
        #expect(try report.only("exact_duplicate").records == ["c"])
        let withoutCheck = try F.audit(lines, nearDuplicateThreshold: nil)
        #expect(withoutCheck.findings.allSatisfy { $0.check != "near_duplicate" })
    }

    @Test("pii: e-mails, phones and Luhn-valid cards; an error for evaluation sets")
    func pii() throws {
        let lines = [
            F.chat("1", "Reach me at jane.doe@example.com please", "Noted."),
            F.chat("2", "My card is 4111 1111 1111 1111", "Thanks."),
            F.chat("3", "Order 4111 1111 1111 1112 is late", "Sorry."),   // fails Luhn: not a card
            F.chat("4", "Call +1 415 555 0132 tomorrow", "Will do."),
            F.chat("5", "Version 1.2.3.4 crashed", "Let me check."),
        ]
        let report = try F.audit(lines)
        let finding = try report.only("pii")
        #expect(finding.count == 3)
        #expect(finding.records == ["1", "2", "4"])
        #expect(finding.severity == .warning)
        #expect(report.metric("pii_credit_card") == .integer(1))
        #expect(try F.audit(lines, purpose: .eval).only("pii").severity == .error)
    }

    @Test("synthetic_share: a warning when synthetic records dominate those with a known source")
    func syntheticShare() throws {
        let lines = [
            F.chat("1", "a", "A.", extra: ["source": "gpt-4o"]), F.chat("2", "b", "B.", extra: ["source": "self_instruct"]),
            F.chat("3", "c", "C.", extra: ["source": "human"]), F.chat("4", "d", "D.", extra: ["is_synthetic": true]),
            F.chat("5", "e", "E."),
        ]
        let finding = try F.audit(lines).only("synthetic_share")
        #expect(finding.count == 3)
        #expect(finding.records == ["1", "2", "4"])
        #expect(finding.severity == .warning)
        #expect(finding.dimension == .provenance)
        let mostlyReal = try F.audit(Array(lines.prefix(3)) + [F.chat("6", "f", "F.", extra: ["source": "forum"])]).only("synthetic_share")
        #expect(mostlyReal.severity == .info)
        #expect(try F.audit([F.chat("1", "a", "A.")]).none("synthetic_share"))
    }
}
