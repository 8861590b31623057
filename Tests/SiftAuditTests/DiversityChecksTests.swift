import SiftAudit
import SiftCore
import Testing

@Suite("diversity checks")
struct DiversityChecksTests {
    typealias F = AuditFixture

    @Test("low_lexical_diversity: a text that repeats itself, and a templated corpus")
    func lexical() throws {
        var lines = (0..<10).map { F.chat("ok\($0)", "Tell me about \($0)", F.prose($0) + " " + F.prose($0 + 50)) }
        lines.append(F.chat("loop", "Say it", Array(repeating: "I am here and", count: 12).joined(separator: " ")))
        let report = try F.audit(lines)
        let finding = try report.only("low_lexical_diversity")
        #expect(finding.count == 1)
        #expect(finding.records == ["loop"])
        #expect(report.metric("distinct_2") != nil)

        let templated = (0..<200).map { F.chat("t\($0)", "Item \($0)?", "The answer to this question is the number \($0) and nothing else.") }
        let corpus = try F.audit(templated).only("low_lexical_diversity")
        #expect(corpus.severity == .warning)
        #expect(corpus.count == 0)
        #expect(corpus.message.contains("distinct-2 is"))
    }

    @Test("repeated_opening: openings shared by at least 5% of records, counted exactly")
    func repeatedOpening() throws {
        var lines = (0..<40).map { F.chat("u\($0)", "Question \($0): " + F.prose($0), "Answer \($0).") }
        for i in 0..<6 { lines.append(F.chat("w\(i)", "Write a poem, about \(F.prose(100 + i))", "A poem \(i).")) }
        let finding = try F.audit(lines).only("repeated_opening")
        #expect(finding.count == 6)
        #expect(finding.records == (0..<6).map { "w\($0)" })
        #expect(finding.message.contains("\"write a poem…\" ×6"))
        #expect(try F.audit(Array(lines.prefix(40))).none("repeated_opening"))
    }

    @Test("length_outlier: Tukey far-out fences on log length")
    func lengthOutlier() throws {
        var lines = (0..<40).map { F.chat("n\($0)", "Q\($0)", F.prose($0)) }
        lines.append(F.chat("long", "Q", String(repeating: "Very long answer text. ", count: 400)))
        lines.append(F.chat("short", "Q", "Ok"))
        let report = try F.audit(lines)
        let finding = try report.only("length_outlier")
        #expect(finding.count == 2)
        #expect(Set(finding.records) == ["long", "short"])
        #expect(report.chart("length_histogram")?.bins.reduce(0) { $0 + $1.value } == 42)
        #expect(try F.audit(Array(lines.prefix(40))).none("length_outlier"))
    }

    @Test("language_mix: records outside the dominant language")
    func languageMix() throws {
        var lines = (0..<8).map { F.json(["id": .string("en\($0)"), "text": .string("This is the text of document \($0) and it is in English with the usual words.")]) }
        lines.append(F.json(["id": "fr", "text": "Ceci est le texte du document et il est dans une autre langue pour les tests."]))
        lines.append(F.json(["id": "ja", "text": "これは日本語の文書です。テストのために書かれました。"]))
        let report = try F.audit(lines)
        let finding = try report.only("language_mix")
        #expect(finding.count == 2)
        #expect(finding.records == ["fr", "ja"])
        #expect(finding.severity == .info)
        #expect(try F.audit(Array(lines.prefix(8))).none("language_mix"))
    }

    @Test("topic_concentration: one content word in most records")
    func topicConcentration() throws {
        var lines = (0..<6).map { F.chat("py\($0)", "\(["Lists", "Tuples", "Strings", "Arrays", "Numbers", "Records"][$0]) in Python?", "Sure.") }
        lines += (0..<4).map { F.chat("o\($0)", "Describe \(["mountains", "oceans", "deserts", "forests"][$0]) please", "Okay.") }
        let finding = try F.audit(lines).only("topic_concentration")
        #expect(finding.count == 6)
        #expect(finding.records == (0..<6).map { "py\($0)" })
        #expect(finding.message.hasPrefix("\"python\""))
        #expect(finding.severity == .warning)
    }
}
