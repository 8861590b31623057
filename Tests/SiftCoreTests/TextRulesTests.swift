import SiftCore
import SiftTestSupport
import Testing

/// The shared rules (`RefusalRule`, `RoleOrder`, `Truncation`); the fast text code under them is
/// tested against plain references in `Tests/SiftTextTests`.
@Suite("shared text rules and their fast paths")
struct TextRulesTests {
    // MARK: plain references

    static func referenceFenceLines(_ text: String) -> Int {
        Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).filter { line in
            let rest = line.drop { $0 == 0x20 || $0 == 0x09 }
            return rest.starts(with: Array("```".utf8))
        }.count
    }

    // MARK: fast path against its reference

    @Test("code fence lines equal a plain line split")
    func fenceLinesAgainstReference() {
        var random = SplitMix64(seed: 7)
        for length in [0, 1, 15, 16, 17, 33, 100, 300] {
            for _ in 0..<50 {
                let text = RandomText.make(&random, pieces: ["```swift", "\r\n", "    ```"], length: length)
                #expect(Truncation.codeFenceLines(text) == Self.referenceFenceLines(text), "\(text.debugDescription)")
            }
        }
    }

    // MARK: the rules

    @Test("RefusalRule: word starts only, any mix of apostrophes, openings only when asked for")
    func refusalRule() {
        let standard = RefusalRule.standard
        #expect(standard.match(in: "Hawaii cannot help with that much rain.") == nil)
        #expect(standard.match(in: "Sadly I cannot help with that.")?.phrase == "i cannot help with that")
        #expect(standard.match(in: "Well, I’m sorry, but I can't.")?.phrase == "i'm sorry, but i can't")
        #expect(standard.match(in: "I'm sorry to hear that; try again.") == nil)
        let generated = RefusalRule.generatedData
        let opening = generated.match(in: "  I'm sorry to hear that; try again.")
        #expect(opening?.phrase == "i'm sorry" && opening?.place == .opening && opening?.index == 0)
        #expect(generated.match(in: "Sorry, but I can't.")?.place == .opening)
        #expect(generated.match(in: "Fine. As an AI language model, I cannot.")?.place == .anywhere)
        #expect(RefusalRule(phrases: ["", "magic word"]).phrases == ["magic word"])
    }

    @Test("RoleOrder: every problem, with the turn it is found at")
    func roleOrder() {
        func check(_ roles: [String]) -> String? { RoleOrder.violation(roles)?.description }
        #expect(check(["system", "user", "assistant"]) == nil)
        #expect(check(["user", "assistant", "tool", "tool", "assistant", "user", "assistant"]) == nil)
        #expect(check([]) == "no turns")
        #expect(check(["system"]) == "only system turns")
        #expect(check(["user", "user", "assistant"]) == "turn 2: two user turns in a row")
        #expect(check(["user", "assistant", "tool", "user", "assistant"]) == "turn 4: user turn right after a tool result")
        #expect(check(["assistant"]) == "turn 1: starts with the assistant")
        #expect(check(["user", "assistant", "assistant"]) == "turn 3: two assistant turns in a row")
        #expect(check(["user", "tool", "assistant"]) == "turn 2: tool result not after an assistant turn")
        #expect(check(["user", "system", "assistant"]) == "turn 2: system turn after the start")
        #expect(check(["user", "narrator"]) == "turn 2: unknown role \"narrator\"")
        #expect(check(["user", "assistant", "user"]) == "does not end with the assistant")
    }

    @Test("Truncation: open code blocks (any indentation, CRLF) and prose ending mid-sentence")
    func truncation() {
        #expect(Truncation.sign("Here:\n```swift\nprint(1)\n") == .openCodeBlock)
        #expect(Truncation.sign("1. Run:\n    ```sh\n    make\nDone.") == .openCodeBlock)
        #expect(Truncation.sign("Run:\r\n```sh\r\nmake\r\n```\r\nDone.") == nil)
        #expect(Truncation.sign("Follow these steps:") == .midSentence)
        #expect(Truncation.sign("Once upon a time there was a small village where the people used to") == .midSentence)
        #expect(Truncation.sign("Paris") == nil)
        #expect(Truncation.sign("") == nil)
    }
}
