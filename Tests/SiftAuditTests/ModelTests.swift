@testable import SiftAudit
import SiftCore
import SiftText
import Testing

@Suite("sufficiency, purpose, scores and the streaming pass")
struct ModelTests {
    typealias F = AuditFixture

    @Test("verdict boundaries: below the minimum, adequate, sweet spot (both ends), above", arguments: [
        (Purpose.finetuneLoRA, 199, Sufficiency.Verdict.belowMinimum), (.finetuneLoRA, 200, .adequate), (.finetuneLoRA, 999, .adequate),
        (.finetuneLoRA, 1_000, .sweetSpot), (.finetuneLoRA, 10_000, .sweetSpot), (.finetuneLoRA, 10_001, .aboveSweetSpot),
        (.finetuneFull, 4_999, .belowMinimum), (.finetuneFull, 5_000, .adequate), (.finetuneFull, 50_000, .sweetSpot), (.finetuneFull, 500_001, .aboveSweetSpot),
        (.rag, 9, .belowMinimum), (.rag, 10, .adequate), (.rag, 1_000, .sweetSpot), (.rag, 10_001, .aboveSweetSpot),
        (.eval, 49, .belowMinimum), (.eval, 50, .adequate), (.eval, 200, .sweetSpot), (.eval, 500, .sweetSpot), (.eval, 501, .aboveSweetSpot),
        (.fewShot, 1, .belowMinimum), (.fewShot, 2, .adequate), (.fewShot, 3, .sweetSpot), (.fewShot, 5, .sweetSpot), (.fewShot, 6, .aboveSweetSpot),
        (.pretrain, 199_999_999, .belowMinimum), (.pretrain, 200_000_000, .adequate), (.pretrain, 2_500_000_000, .sweetSpot),
    ])
    func verdicts(purpose: Purpose, count: Int, verdict: Sufficiency.Verdict) {
        #expect(Sufficiency(purpose: purpose, count: count).verdict == verdict)
    }

    @Test("the default purpose follows the detected kind")
    func defaultPurpose() throws {
        #expect(try F.audit([F.chat("1", "Hi", "Hello.")]).purpose == .finetuneLoRA)
        #expect(try F.audit([F.json(["id": "1", "text": "doc", "url": "https://example.com"])]).purpose == .rag)
        #expect(try F.audit([F.json(["id": "1", "input": "2+2?", "expected": "4"])]).purpose == .eval)
        #expect(try F.audit([F.json(["text": "plain corpus text"])]).purpose == .pretrain)
        #expect(try F.audit([F.chat("1", "Hi", "Hello.")], purpose: .fewShot).purpose == .fewShot)
    }

    @Test("pretraining sufficiency counts estimated tokens (characters / 4) of distinct texts")
    func tokens() throws {
        let text = String(repeating: "abcd", count: 250)
        let report = try F.audit([F.json(["text": .string(text)]), F.json(["text": .string(text)]), F.json(["text": .string(text + "e")])])
        #expect(report.sufficiency.thresholds.unit == .tokens)
        #expect(report.sufficiency.count == (1_000 + 1_001) / 4)
    }

    @Test("scores fall as a finding's rate or severity rises, and with every added finding")
    func monotone() {
        func finding(_ severity: Severity, _ rate: Double) -> AuditFinding {
            AuditFinding(check: "x", dimension: .accuracy, severity: severity, message: "", count: 1, rate: rate)
        }
        #expect(Scoring.score([]) == 100)
        let rates = [0.0, 0.001, 0.01, 0.05, 0.2, 0.5, 1.0]
        for severity in Severity.allCases {
            let scores = rates.map { Scoring.score([finding(severity, $0)]) }
            #expect(scores == scores.sorted(by: >), "\(severity): \(scores)")
        }
        for rate in rates.dropFirst() {
            let bySeverity = Severity.allCases.map { Scoring.score([finding($0, rate)]) }
            #expect(bySeverity == bySeverity.sorted(by: >))
            #expect(Scoring.score([finding(.warning, rate), finding(.info, rate)]) <= Scoring.score([finding(.warning, rate)]))
        }
        #expect(Scoring.score([finding(.error, 1)]) == 0)
        #expect(Scoring.score([finding(.error, 0.01)]) == 90)
    }

    @Test("more empty responses give a lower accuracy score")
    func monotoneEndToEnd() throws {
        var previous = 101
        for broken in [0, 1, 3, 10] {
            let lines = (0..<20).map { F.chat("r\($0)", "Question \($0)?", $0 < broken ? "" : "Answer \($0).") }
            let score = try F.audit(lines).score(.accuracy)
            #expect(score < previous)
            previous = score
        }
    }

    @Test("CanonicalBuffer hashes equal XXH64 of TextNormalization.canonical, ASCII and not")
    func canonicalHash() {
        for text in ["Hello  World", " \tMixed\nCASE text \r\n", "", "   ", "Ｆｕｌｌ width ＡＢＣ", "Straße  Ǆ", "ﬁne"] {
            var buffer = CanonicalBuffer()
            buffer.append(text)
            #expect(buffer.hash() == XXH64.hash(TextNormalization.canonical(text)), "\(text)")
        }
    }

    @Test("a conversation's text hash is the canonical hash of its turns joined by newlines")
    func joinedHash() throws {
        let fields: JSONObject = ["messages": [["role": "system", "content": "  Be brief. "], ["role": "user", "content": "Ｈｉ\tthere"],
                                               ["role": "assistant", "content": ""], ["role": "user", "content": "Still   THERE?"],
                                               ["role": "assistant", "content": "Yes."]]]
        let record = AuditRecord(Record(fields: fields, location: RecordLocation(file: "x", line: 1, index: 0)), kind: .chat)
        #expect(record.textHash == XXH64.hash(TextNormalization.canonical(record.content.comparableText)))
        #expect(record.inputHash == XXH64.hash(TextNormalization.canonical(record.content.prompt ?? "")))
        #expect(record.answerHash == XXH64.hash(TextNormalization.canonical("Yes.")))
    }

    @Test("a first-seen table keeps keys in first-seen order, updates in place and stops at its limit")
    func firstSeenTable() {
        var table = FirstSeenTable<String, Int>()
        for key in ["b", "a", "b", "b", "c", "a"] { table.update(key, limit: 3, initial: { 0 }) { $0 += 1 } }
        #expect(table.keys == ["b", "a", "c"])
        #expect(table.values == [3, 2, 1])
        #expect(table.update("d", limit: 3, initial: { 0 }) { $0 += 1 } == nil)
        #expect(table["d"] == nil && table.count == 3)
        #expect(table.update("c", limit: 3, initial: { 0 }) { value -> Int in value += 1; return value } == 2)
    }

    @Test("one thread or two, one chunk or many: the same report")
    func deterministic() throws {
        var lines: [String] = []
        for i in 0..<600 {
            let label = i % 7 == 0 ? "Spam" : (i % 3 == 0 ? "spam" : "ham")
            lines.append(F.json(["id": .string("r\(i)"), "text": .string(i % 10 == 0 ? "duplicate text" : F.prose(i)), "label": .string(label),
                                 "updated_at": .string(i % 4 == 0 ? "03/0\(1 + i % 9)/2024" : "2025-0\(1 + i % 9)-1\(i % 10)")]))
        }
        lines.insert("{oops", at: 300)
        let file = try F.file(lines)
        let sequential = try F.audit(path: file.path, threads: 1, chunkBytes: 1 << 20)
        let parallel = try F.audit(path: file.path, threads: 2, chunkBytes: 4_096)
        #expect(JSONWriter().string(sequential.json) == JSONWriter().string(parallel.json))
        #expect(sequential.records == 600)
    }
}
