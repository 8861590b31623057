import SiftAudit
import SiftCore
import Testing

@Suite("accuracy checks")
struct AccuracyChecksTests {
    typealias F = AuditFixture

    @Test("empty_response counts blank responses exactly, not missing ones")
    func emptyResponse() throws {
        let report = try F.audit([
            F.chat("a", "Hi there", "Hello, how can I help?"),
            F.chat("b", "Question?", "   \n"),
            F.chat("c", "Another question?", ""),
            F.json(["id": "d", "messages": [["role": "user", "content": "no answer yet"]]]),
        ])
        let finding = try report.only("empty_response")
        #expect(finding.count == 2)
        #expect(finding.records == ["b", "c"])
        #expect(finding.severity == .error)
        #expect(finding.dimension == .accuracy)
        let clean = try F.audit([F.chat("a", "Hi", "Hello."), F.chat("b", "Bye", "Goodbye.")])
        #expect(clean.none("empty_response"))
    }

    @Test("refusal_boilerplate matches refusal phrases case-insensitively, typographic apostrophes included")
    func refusal() throws {
        let report = try F.audit([
            F.chat("r1", "Do it", "As an AI language model, I have no opinions."),
            F.chat("r2", "Do that", "I’m sorry, but I can’t share that."),
            F.chat("r3", "Change it", "I'm sorry, but as an AI I cannot make changes to accounts."),
            F.chat("r4", "Look it up", "As an AI, I don't have access to your order."),
            F.chat("ok1", "Who are you?", "As an AI researcher wrote, transformers changed NLP."),
            F.chat("ok2", "Help", "Sure, I can help with that."),
        ])
        let finding = try report.only("refusal_boilerplate")
        #expect(finding.count == 4)
        #expect(finding.records == ["r1", "r2", "r3", "r4"])
    }

    @Test("truncated_response: unclosed code blocks and prose ending mid-sentence, not short answers or lists")
    func truncated() throws {
        let report = try F.audit([
            F.chat("t1", "Code?", "Here it is:\n```python\nprint('hi')\n"),
            F.chat("t2", "Story?", "Once upon a time there was a small village where the people used to"),
            F.chat("t3", "Steps?", "Follow these steps:"),
            F.chat("ok1", "Capital of France?", "Paris"),
            F.chat("ok2", "List fruit", "Fruit:\n- apples\n- pears and plums"),
            F.chat("ok3", "Code?", "```python\nprint('hi')\n```"),
            F.chat("ok4", "Story?", "Once upon a time there was a small village where people lived happily."),
        ])
        let finding = try report.only("truncated_response")
        #expect(finding.count == 3)
        #expect(finding.records == ["t1", "t2", "t3"])
        #expect(finding.message.contains("1 with an unclosed code block"))
    }

    @Test("unknown_label flags labels outside --labels exactly, and only when labels are declared")
    func unknownLabel() throws {
        let lines = [
            F.labelled("1", "great", "positive"), F.labelled("2", "awful", "negative"),
            F.labelled("3", "meh", "neutral"), F.labelled("4", "fine", "Positive"),
        ]
        let report = try F.audit(lines, labels: ["positive", "negative"])
        let finding = try report.only("unknown_label")
        #expect(finding.count == 2)
        #expect(finding.records == ["3", "4"])
        #expect(try F.audit(lines).none("unknown_label"))
    }

    @Test("placeholder_text finds lorem ipsum, TODO, {{slots}} and [Your Name], but not inside code blocks")
    func placeholder() throws {
        let report = try F.audit([
            F.chat("p1", "Write", "Lorem ipsum dolor sit amet."),
            F.chat("p2", "Write a letter", "Dear Sir,\nThanks.\nSincerely, [Your Name]"),
            F.chat("p3", "Greet", "Hello {{ customer_name }}, welcome!"),
            F.chat("p4", "Plan", "Step one. TODO: fill in step two."),
            F.chat("ok1", "Code", "```python\n# TODO: handle errors\nprint('{{ name }}')\n```\nDone."),
            F.chat("ok2", "Chores", "My todo list is short."),
            F.chat("ok3", "Sets", "A set of sets looks like {{1, 2}, {3}} or {{a: 1}}."),
        ])
        let finding = try report.only("placeholder_text")
        #expect(finding.count == 4)
        #expect(finding.records == ["p1", "p2", "p3", "p4"])
    }
}
