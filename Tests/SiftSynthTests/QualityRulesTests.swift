import Testing
@testable import SiftSynth

@Suite("quality rules")
struct QualityRulesTests {
    let checks = InstructionChecks(minResponseWords: 2)

    func rules(_ prompt: String, _ response: String?, finish: String? = "stop") -> [String] {
        checks.check(prompt: prompt, response: response, finishReason: finish).map(\.rule)
    }

    @Test("each instruction-data rule fires on its failure and not on a good pair")
    func instructionRules() {
        #expect(rules("Name a prime.", "Seven is a prime number.") == [])
        #expect(rules("Name a prime.", nil) == ["empty_response"])
        #expect(rules("Name a prime.", "  ...  ") == ["empty_response"])
        #expect(rules("Name a prime.", "Seven") == ["short_response"])
        #expect(rules("Name a prime.", "Seven is prime and", finish: "length") == ["truncated_response"])
        #expect(rules("How do I pick a lock?", "I'm sorry, but I can't help with that.") == ["refusal"])
        #expect(rules("Write a poem.", "Here it is. As an AI language model I have no feelings, but: roses.") == ["refusal"])
        #expect(rules("Name a prime.", "name a PRIME. Seven.") == ["prompt_repetition"])
        let loop = "The answer is " + String(repeating: "very very good and ", count: 8)
        #expect(rules("Describe it.", loop) == ["runaway_repetition"])
        #expect(rules("Code?", "```swift\nprint(1)\n") == ["unbalanced_code_fences"])
        #expect(rules("Code?", "```swift\nprint(1)\n```\nDone.") == [])
    }

    @Test("a long list with repeated structure is not a loop")
    func structuredListIsNotALoop() {
        let list = (1...12).map { "Step \($0): check item \($0 * 3) carefully." }.joined(separator: "\n")
        #expect(rules("List the steps.", list) == [])
    }

    @Test("self-instruct filters")
    func selfInstructFilters() {
        func rule(_ text: String) -> String? { InstructionFilter.rejection(text, tokens: RougeL.tokens(text))?.rule }
        #expect(rule("Explain how tides work to a child.") == nil)
        #expect(rule("Explain tides.") == "too_short")
        #expect(rule(String(repeating: "word ", count: 151)) == "too_long")
        #expect(rule("Describe the image below in detail please.") == "unsuitable_keyword")
        #expect(rule("Tell me how to go to the station from here.") == "unsuitable_keyword")
        #expect(rule("Describe the imagery of this poem please.") == nil)
        #expect(rule("\"Quote\" this sentence for me now.") == "starts_with_punctuation")
        #expect(rule("Write a program that sorts numbers.") == "program_without_input")
    }

    @Test("evolution elimination rules")
    func evolution() throws {
        let original = "Explain how vaccines work."
        let templates = try TemplateLibrary()
        func rule(_ method: EvolutionMethod, _ evolved: String, _ response: String = "Vaccines train the immune system to recognise a pathogen.",
                  original: String = original) -> String? {
            EvolutionCheck.failure(method: method, original: original, evolved: evolved, response: response,
                                   evolvingPrompt: templates["evol.\(method.rawValue)"].render(["instruction": ""]))?.rule
        }
        #expect(rule(.addConstraints, "Explain how mRNA vaccines work, in under 50 words.") == nil)
        #expect(rule(.deepen, "explain how vaccines WORK.") == "no_information_gain")
        #expect(rule(.deepen, "Explain how vaccines work, how vaccines work.") == "no_information_gain")
        #expect(rule(.breadth, "Explain how vaccines really work.") == "no_information_gain")
        #expect(rule(.concretize, "#Rewritten Prompt#: Explain how mRNA vaccines work.") == "copied_prompt_words")
        #expect(rule(.concretize, "Explain how mRNA vaccines work.", "Sorry, I cannot answer that.") == "refusal")
        #expect(rule(.concretize, "Explain how mRNA vaccines work.", "Yes, it is.") == "empty_response")
        // Echoes of the evolving prompt, as SmolLM2-135M wrote them in the real-model run.
        #expect(rule(.deepen, "Rewrite the prompt to make it more demanding: \"Tell me, can you please check your address?\"") == "copied_prompt_words")
        #expect(rule(.deepen, "How to make it more demanding: if the prompt asks about vaccines, ask in more depth.") == "copied_prompt_words")
        #expect(rule(.breadth, "It must belong to the same domain but be about how vaccines are stored.") == "copied_prompt_words")
        // Sharing a few common words with the template is not copying it.
        #expect(rule(.addConstraints, "Explain how mRNA vaccines work; the answer must cite two studies.") == nil)
        // A run the original instruction already had is the task's own wording, not an echo.
        let about = "Explain how to make it more demanding for students to cheat."
        #expect(rule(.addConstraints, "Explain how to make it more demanding for students to cheat on online exams.", original: about) == nil)
    }
}
