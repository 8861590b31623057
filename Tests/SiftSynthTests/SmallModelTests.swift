import Foundation
import SiftCore
import SiftTestSupport
import SynthTestSupport
import Testing
@testable import SiftSynth

/// A 135M-parameter model answers off-format, empty, endless or in the wrong shape (all of these
/// were seen from SmolLM2-135M-Instruct in scripts/e2e/real-model.sh). Every generator must finish,
/// account for every input (a record or a removal with its reason), and leave QA a reason for each
/// bad record.
@Suite("generators against a small model's answers")
struct SmallModelTests {
    /// Answers in the shapes the real small model gave, chosen by what each prompt asks for.
    static func answer(_ seen: LoopbackModelServer.Seen) -> LoopbackModelServer.Reply {
        let prompt = seen.lastUserMessage
        let hash = XXH64.hash(prompt)
        if prompt.contains("new tasks") {
            return .completion("""
                Here are eight diverse tasks:

                1. 1. Explain how tides work for a child, \(hash % 1000) times over.

                To create a custom task, you can add a description with the task's details.
                2. 2. Describe how to remove an old address from the address book number \(hash % 997).
                3. 3. Hello team, Hello team, Hello team, Hello team
                4.
                """, finishReason: "length")
        }
        if prompt.hasPrefix("Rewrite the prompt below") {
            return .completion("Rewrite the prompt to make it more demanding: \(ScriptedModel.body(of: prompt))")
        }
        if prompt.hasPrefix("Take inspiration from the prompt below") { return .completion("") }
        if prompt.hasPrefix("Below is a text written by a person") {
            return hash % 2 == 0
                ? .completion("A user could have asked:\n\nHow do I reset the scale?\n\nA user could have asked:\nWhat is in the box?")
                : .completion("   \n")
        }
        if prompt.hasPrefix("Translate the text below into English") { return .completion("") }
        if prompt.hasPrefix("Translate the text below into") { return hash % 2 == 0 ? .completion("Texte traduit.") : .completion(" ") }
        if prompt.hasPrefix("You are grading") { return .completion("Sure, I can help with that.") }
        switch hash % 3 {
        case 0: return .completion("")
        case 1: return .completion(String(repeating: "Hello team, I'm here to help. ", count: 40), finishReason: "length")
        default: return .completion("I'm sorry, but I cannot do that.")
        }
    }

    @Test("every generator finishes, and inputs = records + removals with reasons; QA rejects each bad record with a reason")
    func survives() async throws {
        let scratch = try TemporaryDirectory()
        try writeLines(scratch.path("seeds.jsonl"), seedLines)
        try writeLines(scratch.path("docs.jsonl"), (1...6).map { #"{"id": "d\#($0)", "text": "The Tempo smart scale number \#($0) measures weight and body fat for up to eight users."}"# })
        let server = try await LoopbackModelServer(responder: Self.answer)
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("cache.sqlite"))
        let templates = try TemplateLibrary()
        let seeds = try readRecords([scratch.path("seeds.jsonl")])
        try await withClient(config) { client in
            var selfInstruct = SelfInstruct(count: 6, settings: GenerationSettings(technique: "self-instruct"), model: config, templates: templates)
            selfInstruct.promptsPerRound = 2
            let generated = try ResumableOutput(path: scratch.path("gen.jsonl"))
            let report = try await selfInstruct.run(seeds: seeds, client: client, output: generated)
            try generated.close()
            let candidates = try #require(report.counts.first { $0.0 == "candidates" }?.1)
            #expect(candidates == report.written + report.removed.count)
            #expect(report.removed.allSatisfy { !$0.reason.isEmpty && !$0.detail.isEmpty })
            for instruction in try readLines(scratch.path("gen.jsonl")).compactMap({ $0["messages"]?.arrayValue?.first?["content"]?.stringValue }) {
                #expect(!instruction.hasPrefix("1.") && !instruction.hasPrefix("2.") && !instruction.contains("custom task"), "\(instruction)")
            }

            let evolved = try ResumableOutput(path: scratch.path("evolved.jsonl"))
            let evol = try await EvolInstruct(rounds: 2, methods: [.deepen, .breadth], settings: GenerationSettings(technique: "evol-instruct"),
                                              model: config, templates: templates)
                .run(records: seeds, client: client, output: evolved)
            try evolved.close()
            #expect(evol.written == 0, "every evolution echoed the template or was empty")
            #expect(Set(evol.removed.map(\.reason)).isSubset(of: ["copied_prompt_words", "no_information_gain"]))
            #expect(evol.removed.count == seeds.count * 2)

            let distilled = try ResumableOutput(path: scratch.path("distilled.jsonl"))
            let distill = try await Distillation(settings: GenerationSettings(technique: "distill"), model: config, templates: templates)
                .run(input: try DatasetStream(paths: [scratch.path("seeds.jsonl")]), client: client, output: distilled)
            try distilled.close()
            #expect(distill.written + distill.removed.count == seeds.count)

            for mode in Backtranslation.Mode.allCases {
                let out = try ResumableOutput(path: scratch.path("\(mode.rawValue).jsonl"))
                let report = try await Backtranslation(mode: mode, settings: GenerationSettings(technique: "backtranslate"), model: config, templates: templates)
                    .run(input: try DatasetStream(paths: [scratch.path("docs.jsonl")]), client: client, output: out)
                try out.close()
                #expect(report.written + report.removed.count == 6, "\(mode)")
                let expected: Set<String> = mode == .instruction ? ["empty_instruction"] : ["empty_pivot", "empty_paraphrase"]
                #expect(Set(report.removed.map(\.reason)).isSubset(of: expected), "\(mode): \(report.removed.map(\.reason))")
                #expect(report.removed.count >= 1)
                if mode == .instruction {
                    let prompts = try readLines(scratch.path("instruction.jsonl")).map { $0["messages"]?.arrayValue?.first?["content"]?.stringValue }
                    #expect(prompts.allSatisfy { $0 == "How do I reset the scale?" }, "\(prompts)")
                }
            }
        }

        // QA with the small model as judge: every generated record is accounted for with reasons.
        let generated = try ["gen.jsonl", "distilled.jsonl", "instruction.jsonl"].flatMap { try readRecords([scratch.path($0)]) }
        let verdicts = try await withClient(config) { client in
            var settings = QualityGate.Settings()
            settings.minJudgeScore = 5
            var gate = QualityGate(settings: settings, seeds: seeds, templates: templates, model: config, client: client)
            return try await gate.process(generated)
        }
        #expect(verdicts.count == generated.count)
        for verdict in verdicts {
            #expect(!verdict.reasons.isEmpty, "a small model's record was accepted: \(verdict.fields)")
        }
        let rules = Set(verdicts.flatMap { $0.reasons.map(\.rule) })
        #expect(rules.isSuperset(of: ["empty_response", "truncated_response", "refusal", "judge_unparseable"]), "\(rules)")
    }
}
