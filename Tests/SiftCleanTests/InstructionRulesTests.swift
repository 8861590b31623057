import Testing
import SiftCore
@testable import SiftClean

@Suite("Instruction-data rules")
struct InstructionRulesTests {
    static func chat(_ turns: [(String, String)]) -> RecordContent {
        let messages: [JSONValue] = turns.map { ["role": .string($0.0), "content": .string($0.1)] }
        return RecordContent(["messages": .array(messages)], kind: .chat)
    }

    static func pair(_ prompt: String, _ response: String) -> RecordContent {
        RecordContent(["prompt": .string(prompt), "completion": .string(response)], kind: .promptCompletion)
    }

    let rules = InstructionRules()

    @Test("a well-formed conversation passes")
    func good() {
        let content = Self.chat([("system", "Be brief."), ("user", "What is the capital of France?"), ("assistant", "The capital of France is Paris.")])
        #expect(rules.evaluate(content) == nil)
    }

    @Test("role order: consecutive users, assistant first, system mid-way, unanswered last turn")
    func roleOrder() {
        #expect(rules.evaluate(Self.chat([("user", "Hi"), ("user", "Hello?"), ("assistant", "Hello there.")]))?.value == "turn 2: two user turns in a row")
        #expect(rules.evaluate(Self.chat([("assistant", "Hi"), ("user", "Hello?"), ("assistant", "Hi again.")]))?.rule == "instruction.role_order")
        #expect(rules.evaluate(Self.chat([("user", "Hi"), ("system", "Be nice."), ("assistant", "Hello there.")]))?.rule == "instruction.role_order")
        #expect(rules.evaluate(Self.chat([("user", "Hi"), ("assistant", "Hello there."), ("user", "And?")]))?.value == "does not end with the assistant")
        // The audit's rule (RoleOrder): a tool result is answered by the assistant; no turns is out of order.
        let unanswered = Self.chat([("user", "Weather?"), ("assistant", "Calling the tool."), ("tool", "{}"), ("user", "Well?"), ("assistant", "Sunny.")])
        #expect(rules.evaluate(unanswered)?.value == "turn 4: user turn right after a tool result")
        #expect(rules.evaluate(Self.chat([]))?.value == "no turns")
        // A tool call round trip is in order.
        let tools = Self.chat([("user", "Weather?"), ("assistant", "Calling the tool."), ("tool", "{\"temp\": 20}"), ("assistant", "It is 20 degrees.")])
        #expect(rules.evaluate(tools) == nil)
    }

    @Test("empty and too-short responses")
    func shortResponses() {
        #expect(rules.evaluate(Self.pair("Say something.", "   "))?.rule == "instruction.empty_response")
        let one = rules.evaluate(Self.pair("Is water wet?", "Yes."))
        #expect(one?.rule == "instruction.min_response_words")
        #expect(one?.value == .integer(1))
        #expect(rules.evaluate(Self.pair("Is water wet?", "Yes, it is.")) == nil)
    }

    @Test("refusals, including curly apostrophes and mixed case")
    func refusals() {
        let failure = rules.evaluate(Self.pair("Write a poem.", "I\u{2019}m sorry, but I can\u{2019}t help with that request."))
        #expect(failure?.rule == "instruction.refusal")
        #expect(rules.evaluate(Self.pair("Explain.", "As an AI language model, I have no opinions."))?.rule == "instruction.refusal")
        #expect(rules.evaluate(Self.pair("Why?", "Because the sorry state of the roads cannot help traffic.")) == nil)
        // Phrases match at word starts only (the audit's rule): "Hawaii" does not contain "i cannot".
        #expect(rules.evaluate(Self.pair("Why so wet?", "Hawaii cannot help with that much rain.")) == nil)
        var custom = InstructionRules()
        try? custom.set("refusal_phrases", "no comment|pass")
        #expect(custom.evaluate(Self.pair("Thoughts?", "No comment, sorry about that."))?.value == "no comment")
    }

    @Test("a response that repeats the prompt, at and above the echo threshold")
    func promptEcho() {
        #expect(rules.evaluate(Self.pair("Translate the sentence into French.", "translate the  sentence into French."))?.rule == "instruction.prompt_echo")
        #expect(InstructionRules.promptEcho(prompt: "a b c d e f g h i j k l", response: "a b c d e f g h i j k l m n") == 10.0 / 12.0)
        #expect(rules.evaluate(Self.pair("Name three colours.", "Red, green and blue are three colours.")) == nil)
    }

    @Test("runaway repetition and unbalanced code fences")
    func repetitionAndFences() {
        let loop = Array(repeating: "I will keep saying this sentence.", count: 12).joined(separator: " ")
        let failure = rules.evaluate(Self.pair("Say it once.", loop))
        #expect(failure?.rule == "instruction.repetition")
        let open = rules.evaluate(Self.pair("Show code.", "Here it is:\n```swift\nprint(1)\n"))
        #expect(open?.rule == "instruction.code_fences")
        #expect(open?.value == .integer(1))
        #expect(rules.evaluate(Self.pair("Show code.", "Here it is:\n```swift\nprint(1)\n```\nDone.")) == nil)
    }
}
