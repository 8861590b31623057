import Foundation
import SiftCore
import Testing
@testable import SiftSynth

@Suite("parsing model answers")
struct ParsingTests {
    @Test("numbered, bulleted and plain task lists")
    func instructionList() {
        let numbered = "Here are tasks:\n1. Explain tides.\n2) List three owls\n   that live in Europe.\nTask 3: Write a limerick about **cats**.\n"
        #expect(InstructionList.parse(numbered, truncated: false) == ["Explain tides.", "List three owls\nthat live in Europe.", "Write a limerick about **cats**."])
        #expect(InstructionList.parse("- First task here\n- Second task here", truncated: false) == ["First task here", "Second task here"])
        #expect(InstructionList.parse("Plain one\nPlain two", truncated: false) == ["Plain one", "Plain two"])
        #expect(InstructionList.parse("1. Complete task\n2. Cut off in the mid", truncated: true) == ["Complete task"])
        #expect(InstructionList.parse("1. **Instruction: Bold task**", truncated: false) == ["Instruction: Bold task"])
    }

    // Answers SmolLM2-135M-Instruct gave in the real-model run (scripts/e2e/real-model.sh).
    @Test("small-model lists: lead-ins, double numbering, a cut-off last item")
    func smallModelLists() {
        let doubled = "Here are eight diverse tasks:\n\n1. I'm not sure what to do with my old address book.\n2. 1. Hello team, the address is not available.\n3. 2. Where do I use my old address book?\n4. 1. 5-star reviews: how do I reply to them?\n5."
        #expect(InstructionList.parse(doubled, truncated: false) == [
            "I'm not sure what to do with my old address book.", "Hello team, the address is not available.",
            "Where do I use my old address book?", "5-star reviews: how do I reply to them?",
        ])
        #expect(InstructionList.parse("1. Hello team, I am having trouble.\n2. Hello team, I have a problem.\n11. Hello team, I am having", truncated: true)
            == ["Hello team, I am having trouble.", "Hello team, I have a problem."])
        #expect(InstructionList.parse("I'm glad to help, but I'm here to assist.\n\nI'm here to assist.", truncated: false).count == 2)
        #expect(InstructionList.parse("", truncated: false).isEmpty)
        #expect(InstructionList.parse("Here are the tasks:", truncated: false).isEmpty)
    }

    @Test("one backtranslated instruction out of lead-ins and listed alternatives")
    func singleInstruction() {
        let repeated = "A user could have asked:\n\nWhat's the most common problem with the Aura Mini smart speaker?\n\nA user could have asked:\nHow to fix a factory reset?"
        #expect(InstructionList.single(repeated) == "What's the most common problem with the Aura Mini smart speaker?")
        let listed = "Instructions:\n1. Reset the scale before weighing.\n2. Reset the scale before weighing.\n3. Reset the"
        #expect(InstructionList.single(listed) == "Reset the scale before weighing.")
        #expect(InstructionList.single("Instruction: Explain how the Tempo scale measures body fat.") == "Explain how the Tempo scale measures body fat.")
        // A lead-in with nothing after it, and an answer with no text, hold no instruction.
        #expect(InstructionList.single("Here is the instruction:") == "")
        #expect(InstructionList.single("  \n ") == "")
        // A single instruction of several paragraphs stays whole.
        let whole = "Write a reply to this customer.\n\nKeep it under 100 words and apologise for the delay."
        #expect(InstructionList.single(whole) == whole)
        #expect(InstructionList.single("Summarise the steps:\n1. Open the app.\n2. Pair the scale.") == "Summarise the steps:\n1. Open the app.\n2. Pair the scale.")
    }

    @Test("judge scores from JSON, prose and bare numbers; out of range and missing are unparseable")
    func judgeScores() {
        #expect(JudgeScore.parse(#"{"score": 8, "reason": "good"}"#) == .score(8, reason: "good"))
        #expect(JudgeScore.parse("Sure!\n```json\n{\"rating\": \"7\"}\n```") == .score(7, reason: nil))
        #expect(JudgeScore.parse(#"{"note": "a {brace} in text", "score": 9.5}"#) == .score(9.5, reason: nil))
        #expect(JudgeScore.parse("Score: 6\nThe answer misses a step.") == .score(6, reason: nil))
        #expect(JudgeScore.parse("I would give this 4/10.") == .score(4, reason: nil))
        #expect(JudgeScore.parse("Overall 9 out of 10") == .score(9, reason: nil))
        #expect(JudgeScore.parse(" 5 ") == .score(5, reason: nil))
        guard case .unparseable(let why) = JudgeScore.parse(#"{"score": 42}"#) else { Issue.record("42 accepted"); return }
        #expect(why.contains("outside 1-10"))
        guard case .unparseable = JudgeScore.parse("Looks fine to me.") else { Issue.record("no score accepted"); return }
    }

    @Test("Retry-After in seconds, milliseconds and HTTP dates")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds(in: [("Retry-After", "3")]) == 3)
        #expect(RetryAfter.seconds(in: [("retry-after", "0.25")]) == 0.25)
        #expect(RetryAfter.seconds(in: [("retry-after-ms", "150"), ("Retry-After", "9")]) == 0.15)
        #expect(RetryAfter.seconds(in: [("Retry-After", "Sun, 06 Nov 1994 08:49:47 GMT")], now: now) == 10)
        #expect(RetryAfter.seconds(in: [("Retry-After", "soon")]) == nil)
        #expect(RetryAfter.seconds(in: []) == nil)
    }

    @Test("backoff grows, stays within its band, and honours Retry-After")
    func backoff() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: 0.5, maxDelay: 4, maxRetryAfter: 10)
        var generator = SplitMix64(seed: 1)
        for attempt in 0..<8 {
            let ceiling = min(4, 0.5 * pow(2, Double(attempt)))
            let delay = policy.delay(attempt: attempt, retryAfter: nil, using: &generator)
            #expect(delay >= ceiling / 2 && delay <= ceiling)
        }
        let honoured = policy.delay(attempt: 0, retryAfter: 2, using: &generator)
        #expect(honoured >= 2 && honoured <= 2.2)
        #expect(policy.delay(attempt: 0, retryAfter: 600, using: &generator) <= 11)
        #expect(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 503) && !RetryPolicy.isRetryable(status: 400))
    }

    @Test("chat completion bodies: content, usage, and what is invalid")
    func completions() throws {
        let body = Array(#"{"choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1}}"#.utf8)
        let completion = try ChatCompletion.parse(body).get()
        #expect(completion == ChatCompletion(content: "hi", finishReason: "length", promptTokens: 5, completionTokens: 1, cached: false))
        #expect(throws: InvalidResponse.self) { try ChatCompletion.parse(Array("<html>".utf8)).get() }
        #expect(throws: InvalidResponse.self) { try ChatCompletion.parse(Array(#"{"choices": []}"#.utf8)).get() }
        #expect(throws: InvalidResponse.self) { try ChatCompletion.parse(Array(#"{"error": {"message": "overloaded"}}"#.utf8)).get() }
    }

    @Test("the cache key ignores key order but not content")
    func cacheKey() {
        let a = ChatRequest(model: "m", messages: [.user("hello")], temperature: 0.7, maxTokens: 100)
        var b = a
        #expect(a.cacheKey == b.cacheKey)
        #expect(String(decoding: a.canonicalBytes, as: UTF8.self) == #"{"max_tokens":100,"messages":[{"content":"hello","role":"user"}],"model":"m","temperature":0.7}"#)
        b.temperature = 0.8
        #expect(a.cacheKey != b.cacheKey)
        #expect(a.promptSHA256 == b.promptSHA256)
        #expect(a.cacheKey.count == 64)
    }

    @Test("templates fill placeholders once and never expand dataset text")
    func templates() throws {
        let template = PromptTemplate(name: "t", text: "Q: {{instruction}} / {{ instruction }}")
        #expect(template.placeholders == ["instruction"])
        #expect(template.render(["instruction": "say {{instruction}}"]) == "Q: say {{instruction}} / say {{instruction}}")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-templates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try TemplateLibrary.export(to: dir)
        #expect(written.count == DefaultTemplates.all.count)
        try writeFileAtomically(dir + "/qa.judge.txt", "Rate {{response}} for {{instruction}} 1-10.")
        #expect(try TemplateLibrary(directory: dir)["qa.judge"].text == "Rate {{response}} for {{instruction}} 1-10.")
        try writeFileAtomically(dir + "/qa.judge.txt", "Rate {{answer}} for {{instruction}}.")
        #expect(throws: SiftError.self) { try TemplateLibrary(directory: dir) }
        try writeFileAtomically(dir + "/qa.judge.txt", "Rate {{instruction}}.")
        #expect(throws: SiftError.self) { try TemplateLibrary(directory: dir) }
    }
}
