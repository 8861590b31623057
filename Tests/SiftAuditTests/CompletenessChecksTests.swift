import SiftAudit
import SiftCore
import Testing

@Suite("completeness checks")
struct CompletenessChecksTests {
    typealias F = AuditFixture

    @Test("missing_field: records without a field the kind requires")
    func missingField() throws {
        let report = try F.audit([
            F.json(["id": "1", "instruction": "Add 2 and 2", "input": "", "output": "4"]),
            F.json(["id": "2", "instruction": "Add 3 and 3", "input": "", "output": "6"]),
            F.json(["id": "3", "instruction": "Add 4 and 4", "input": ""]),
        ])
        #expect(report.kind == .alpaca)
        let finding = try report.only("missing_field")
        #expect(finding.count == 1)
        #expect(finding.records == ["3"])
        #expect(finding.message.contains("output ×1"))
    }

    @Test("empty_value: present but empty fields; Alpaca's empty input is normal")
    func emptyValue() throws {
        let report = try F.audit([
            F.json(["id": "1", "instruction": "Add 2 and 2", "input": "", "output": "4", "category": "math"]),
            F.json(["id": "2", "instruction": " ", "input": "", "output": "6", "category": "math"]),
            F.json(["id": "3", "instruction": "Add 4 and 4", "input": "", "output": "8", "category": nil]),
        ])
        let finding = try report.only("empty_value")
        #expect(finding.count == 2)
        #expect(finding.records == ["2", "3"])
    }

    @Test("empty_value: a blank turn before the final answer of a conversation")
    func blankTurn() throws {
        let report = try F.audit([
            F.json(["id": "1", "messages": [["role": "user", "content": ""], ["role": "assistant", "content": "Hello."]]]),
            F.chat("2", "Hi", "Hello."),
        ])
        let finding = try report.only("empty_value")
        #expect(finding.records == ["1"])
        #expect(finding.message.contains("messages[0].content"))
    }

    @Test("label_coverage: declared labels without examples (error) and with few (warning)")
    func labelCoverage() throws {
        var lines: [String] = []
        for i in 0..<30 { lines.append(F.labelled("p\(i)", F.prose(i), "positive")) }
        for i in 0..<30 { lines.append(F.labelled("n\(i)", F.prose(100 + i), "negative")) }
        for i in 0..<2 { lines.append(F.labelled("x\(i)", F.prose(200 + i), "mixed")) }
        let report = try F.audit(lines, labels: ["positive", "negative", "mixed", "neutral"])
        let findings = report.findings.filter { $0.check == "label_coverage" }
        #expect(findings.count == 2)
        let none = try #require(findings.first { $0.severity == .error })
        #expect(none.count == 1)
        #expect(none.message.contains("\"neutral\""))
        let few = try #require(findings.first { $0.severity == .warning })
        #expect(few.count == 1)
        #expect(few.records == ["x0", "x1"])
        #expect(few.message.contains("fewer than 7"))
    }

    @Test("class_imbalance: IR above 9 is a warning, 3 to 9 a note, 3 or less nothing")
    func classImbalance() throws {
        func run(_ major: Int, _ minor: Int) throws -> AuditReport {
            var lines: [String] = []
            for i in 0..<major { lines.append(F.labelled("a\(i)", F.prose(i), "spam")) }
            for i in 0..<minor { lines.append(F.labelled("b\(i)", F.prose(1000 + i), "ham")) }
            return try F.audit(lines)
        }
        let severe = try run(50, 5).only("class_imbalance")
        #expect(severe.severity == .warning)
        #expect(severe.count == 5)
        #expect(severe.records == (0..<5).map { "b\($0)" })
        #expect(try run(40, 10).only("class_imbalance").severity == .info)
        #expect(try run(30, 10).none("class_imbalance"))
    }

    @Test("without --labels, case and whitespace variants count as one label for coverage and balance")
    func variantsMerged() throws {
        var lines: [String] = []
        for i in 0..<30 { lines.append(F.labelled("p\(i)", F.prose(i), "positive")) }
        for i in 0..<25 { lines.append(F.labelled("n\(i)", F.prose(100 + i), "negative")) }
        lines.append(F.labelled("v1", F.prose(200), "Positive"))
        lines.append(F.labelled("v2", F.prose(201), " negative"))
        let report = try F.audit(lines)
        #expect(report.none("label_coverage"))
        #expect(report.none("class_imbalance"))
        #expect(report.chart("label_distribution")?.bins.map(\.label) == ["positive", "negative"])
        #expect(report.chart("label_distribution")?.bins.map(\.value) == [31, 26])
        #expect(try report.only("label_case_variant").count == 2)
    }

    @Test("malformed_record: unreadable lines are reported and the rest is audited")
    func malformed() throws {
        let report = try F.audit([
            F.chat("a", "Hi", "Hello."),
            "{\"id\": \"b\", \"messages\": [",
            "not json at all",
            F.chat("c", "Bye", "Goodbye."),
        ])
        #expect(report.records == 2)
        #expect(report.malformedCount == 2)
        let finding = try report.only("malformed_record")
        #expect(finding.count == 2)
        #expect(finding.records == ["line:2", "line:3"])
        #expect(finding.severity == .error)
        #expect(finding.dimension == .completeness)
    }
}
