import Foundation
import SiftTestSupport
import SiftCore
import SynthTestSupport
import Testing
@testable import SiftSynth

func writeLines(_ path: String, _ lines: [String]) throws {
    try writeFileAtomically(path, lines.joined(separator: "\n") + "\n")
}

func readLines(_ path: String) throws -> [JSONObject] {
    try readRecords([path]).map(\.fields)
}

let seedLines = [
    #"{"id": "s1", "instruction": "Give three tips for staying healthy.", "output": "Eat well, sleep, move."}"#,
    #"{"id": "s2", "instruction": "Translate the sentence into French: I like tea.", "output": "J'aime le thé."}"#,
    #"{"id": "s3", "instruction": "Write a haiku about autumn leaves falling.", "output": "Red leaves drift down..."}"#,
    #"{"id": "s4", "instruction": "Explain what a binary search does.", "output": "It halves the range."}"#,
]

@Suite("generators against a loopback server")
struct TechniqueTests {
    @Test("self-instruct: kept instructions are dissimilar, answered, with provenance; a re-run is free and adds nothing")
    func selfInstruct() async throws {
        let scratch = try TemporaryDirectory()
        try writeLines(scratch.path("seeds.jsonl"), seedLines)
        let server = try await LoopbackModelServer()
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("cache.sqlite"))
        var technique = SelfInstruct(count: 20, settings: GenerationSettings(technique: "self-instruct", seed: 3), model: config, templates: try TemplateLibrary())
        technique.promptsPerRound = 3
        let seeds = try readRecords([scratch.path("seeds.jsonl")])
        let report = try await withClient(config) { client in
            let output = try ResumableOutput(path: scratch.path("gen.jsonl"))
            defer { try? output.close() }
            return try await technique.run(seeds: seeds, client: client, output: output)
        }
        let records = try readLines(scratch.path("gen.jsonl"))
        #expect(records.count == 20 && report.written == 20)
        let instructions = records.map { $0["messages"]!.arrayValue![0]["content"]!.stringValue! }
        let all = instructions + seedLines.map { try! JSONParser.parse($0)["instruction"]!.stringValue! }
        for i in all.indices {
            for j in all.indices where i < j {
                #expect(RougeL.score(target: all[i], prediction: all[j]).fmeasure < 0.7, "\(all[i]) / \(all[j])")
            }
        }
        let provenance = try #require(records[0]["_sift"]?["provenance"])
        #expect(provenance["source"] == "synthetic" && provenance["technique"] == "self-instruct" && provenance["model"] == "loopback-model")
        #expect(provenance["generation"]?.intValue == 1)
        #expect(provenance["prompt_sha256"]?.stringValue?.count == 64)
        #expect(provenance["seed_ids"]?.arrayValue?.contains("s1") == true || provenance["seed_ids"]?.arrayValue?.contains("s2") == true)
        let candidates = report.counts.first { $0.0 == "candidates" }!.1
        #expect(candidates == 20 + report.removed.count)
        let requestsBefore = server.requestCount
        let rerun = try await withClient(config) { client in
            let output = try ResumableOutput(path: scratch.path("gen.jsonl"))
            defer { try? output.close() }
            return try await technique.run(seeds: seeds, client: client, output: output)
        }
        #expect(server.requestCount == requestsBefore)
        #expect(rerun.written == 0 && rerun.alreadyDone == 20)
        #expect(try readLines(scratch.path("gen.jsonl")).count == 20)
    }

    @Test("evol-instruct: failed evolutions are eliminated with reasons and lineage chains across rounds")
    func evol() async throws {
        let scratch = try TemporaryDirectory()
        try writeLines(scratch.path("in.jsonl"), seedLines)
        let server = try await LoopbackModelServer { seen in
            let prompt = seen.lastUserMessage
            // Every evolution of s2's instruction is refused: elimination by rule 2.
            if prompt.contains("French"), !prompt.hasPrefix("Rewrite"), !prompt.hasPrefix("Take") { return .completion("Sorry, I cannot do that.") }
            return .completion(ScriptedModel.answer(to: seen))
        }
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("cache.sqlite"))
        let technique = EvolInstruct(rounds: 2, methods: [.addConstraints, .deepen], settings: GenerationSettings(technique: "evol-instruct"),
                                     model: config, templates: try TemplateLibrary())
        let report = try await withClient(config) { client in
            let output = try ResumableOutput(path: scratch.path("out.jsonl"))
            defer { try? output.close() }
            return try await technique.run(records: try readRecords([scratch.path("in.jsonl")]), client: client, output: output)
        }
        let records = try readLines(scratch.path("out.jsonl"))
        #expect(records.count == 6)
        #expect(report.removed.count == 2)
        #expect(report.removed.allSatisfy { $0.reason == "refusal" && $0.key.hasPrefix("evol:s2:") })
        let second = try #require(records.first { $0["_sift"]?["synth"]?["round"]?.intValue == 2 && $0["_sift"]?["provenance"]?["seed_ids"] == ["s1"] })
        let first = try #require(records.first { $0["_sift"]?["synth"]?["round"]?.intValue == 1 && $0["_sift"]?["provenance"]?["seed_ids"] == ["s1"] })
        #expect(second["_sift"]?["provenance"]?["parent_id"] == first["id"])
        #expect(second["_sift"]?["provenance"]?["generation"]?.intValue == 2)
        #expect(second["_sift"]?["synth"]?["lineage"] == .array(["s1", first["id"]!, second["id"]!]))
    }

    @Test("distill keeps chat context and the licence note; backtranslate pairs and paraphrases with drift flags")
    func distillAndBacktranslate() async throws {
        let scratch = try TemporaryDirectory()
        try writeLines(scratch.path("prompts.jsonl"), [
            #"{"id": "p1", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is a lichen?"}]}"#,
            #"{"id": "p2", "prompt": "Why is the sky blue?"}"#,
        ])
        try writeLines(scratch.path("docs.jsonl"), [
            #"{"id": "d1", "text": "Lichens are partnerships between fungi and algae that grow on rocks."}"#,
            #"{"id": "d2", "text": "DRIFT A short note on bread baking temperatures and times."}"#,
        ])
        let server = try await LoopbackModelServer { seen in
            if seen.lastUserMessage.hasPrefix("Translate the text below into English"), seen.lastUserMessage.contains("DRIFT") {
                return .completion("Completely unrelated words about trains.")
            }
            return .completion(ScriptedModel.answer(to: seen))
        }
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("cache.sqlite"))
        let templates = try TemplateLibrary()
        try await withClient(config) { client in
            let distilled = try ResumableOutput(path: scratch.path("answered.jsonl"))
            _ = try await Distillation(settings: GenerationSettings(technique: "distill", licenseNote: "test terms"), model: config, templates: templates)
                .run(input: try DatasetStream(paths: [scratch.path("prompts.jsonl")]), client: client, output: distilled)
            try distilled.close()
            let pairs = try ResumableOutput(path: scratch.path("pairs.jsonl"))
            _ = try await Backtranslation(mode: .instruction, settings: GenerationSettings(technique: "backtranslate"), model: config, templates: templates)
                .run(input: try DatasetStream(paths: [scratch.path("docs.jsonl")]), client: client, output: pairs)
            try pairs.close()
            let paraphrases = try ResumableOutput(path: scratch.path("para.jsonl"))
            let report = try await Backtranslation(mode: .paraphrase, settings: GenerationSettings(technique: "paraphrase"), model: config, templates: templates)
                .run(input: try DatasetStream(paths: [scratch.path("docs.jsonl")]), client: client, output: paraphrases)
            try paraphrases.close()
            #expect(report.counts.first { $0.0 == "semantic_drift" }?.1 == 1)
        }
        let answered = try readLines(scratch.path("answered.jsonl"))
        #expect(answered.count == 2)
        let messages = try #require(answered[0]["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]!.stringValue! } == ["system", "user", "assistant"])
        #expect(answered[0]["_sift"]?["provenance"]?["license_note"] == "test terms")
        #expect(answered[1]["_sift"]?["provenance"]?["parent_id"] == "p2")
        let pairs = try readLines(scratch.path("pairs.jsonl"))
        #expect(pairs[0]["messages"]?.arrayValue?[1]["content"]?.stringValue == "Lichens are partnerships between fungi and algae that grow on rocks.")
        #expect(pairs[0]["messages"]?.arrayValue?[0]["content"]?.stringValue?.hasPrefix("Write a short explanation") == true)
        let paraphrases = try readLines(scratch.path("para.jsonl"))
        #expect(paraphrases[0]["text"] == "Lichens are partnerships between fungi and algae that grow on rocks.")
        #expect(paraphrases[0]["_sift"]?["synth"]?["semantic_drift"] == false)
        #expect(paraphrases[1]["_sift"]?["synth"]?["semantic_drift"] == true)
        #expect(paraphrases[1]["_sift"]?["synth"]?["pivot_text"]?.stringValue?.hasPrefix("[pivot]") == true)
    }

    @Test("an output cut mid-line resumes without the partial line, and a foreign file is refused")
    func resumableOutput() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path("out.jsonl")
        let provenance = Provenance(technique: "t", model: "m", promptSHA256: "x", seedIDs: [], parentID: nil, generation: 1)
        let one = GeneratedRecord.make(key: "k1", technique: "t", prompt: "p", response: "r", shape: .chat, provenance: provenance)
        let two = GeneratedRecord.make(key: "k2", technique: "t", prompt: "p2", response: "r2", shape: .alpaca, provenance: provenance)
        let partial = #"{"id": "t-half", "messa"#
        try writeFileAtomically(path, JSONWriter().string(.object(one)) + "\n" + partial)
        let output = try ResumableOutput(path: path)
        #expect(output.resumedRecords == 1 && output.truncatedBytes == partial.utf8.count && output.isDone("k1"))
        #expect(try output.write(one) == false)
        #expect(try output.write(two) == true)
        try output.close()
        #expect(try readLines(path).map { GeneratedRecord.key(of: $0) } == ["k1", "k2"])
        try writeFileAtomically(scratch.path("foreign.jsonl"), #"{"text": "not ours"}"# + "\n")
        #expect(throws: SiftError.self) { try ResumableOutput(path: scratch.path("foreign.jsonl")) }
    }
}

@Suite("quality gate")
struct QualityGateTests {
    func record(_ json: String, line: Int) throws -> Record {
        Record(fields: try JSONParser.parse(json).objectValue!, location: RecordLocation(file: "gen.jsonl", line: line, index: line - 1))
    }

    func synthetic(_ id: String, _ prompt: String, _ response: String, extra: String = "") -> String {
        #"{"id": "\#(id)", "messages": [{"role": "user", "content": "\#(prompt)"}, {"role": "assistant", "content": "\#(response)"}], "_sift": {"provenance": {"source": "synthetic", "technique": "self-instruct", "generation": 1}\#(extra)}}"#
    }

    @Test("every record is accepted or rejected with reasons; duplicates against seeds and each other")
    func accounting() async throws {
        let seeds = [try record(#"{"id": "s1", "instruction": "Give three tips for staying healthy during the winter months.", "output": "x"}"#, line: 1)]
        let lines = [
            synthetic("a", "Explain how tides work for a child.", "The moon pulls the oceans."),
            synthetic("b", "give three tips for staying healthy during the WINTER months.", "Sleep, eat, walk."),
            synthetic("c", "Give three tips for staying healthy in the winter months.", "Sleep, eat, walk."),
            synthetic("d", "Explain how tides work for a child.", "Gravity."),
            synthetic("e", "Explain how the tides work for a small child.", "The moon pulls."),
            synthetic("f", "Name a colour.", "I'm sorry, but I cannot."),
            #"{"id": "g", "messages": [{"role": "user", "content": "Hi there, who are you?"}, {"role": "assistant", "content": "A helper."}]}"#,
            #"{"id": "h", "messages": [{"role": "user", "content": "Only a question?"}], "_sift": {"provenance": {"source": "synthetic"}}}"#,
            synthetic("i", "Summarize the plot of Hamlet briefly.", "A prince avenges his father.", extra: #", "synth": {"semantic_drift": true, "similarity": 0.1}"#),
        ]
        var gate = QualityGate(settings: QualityGate.Settings(), seeds: seeds, templates: try TemplateLibrary(), model: nil, client: nil)
        let verdicts = try await gate.process(try lines.enumerated().map { try record($0.element, line: $0.offset + 1) })
        #expect(verdicts.count == lines.count)
        let rules = verdicts.map { $0.reasons.map(\.rule) }
        #expect(rules[0] == [])
        #expect(rules[1] == ["duplicate_of_seed"])
        #expect(rules[2] == ["near_duplicate_of_seed"])
        #expect(rules[3] == ["duplicate"])
        #expect(rules[4] == ["near_duplicate"])
        #expect(rules[5] == ["refusal"])
        #expect(rules[6] == ["missing_provenance"])
        #expect(rules[7].contains("format") && rules[7].contains("empty_response"))
        #expect(rules[8] == ["semantic_drift"])
        #expect(verdicts[0].fields["_sift"]?["qa"]?["accepted"] == true)
        #expect(verdicts[1].fields["_sift"]?["qa"]?["reasons"]?.arrayValue?.first?["detail"]?.stringValue?.contains("s1") == true)
    }

    @Test("the judge's score gates records; an unparseable grade rejects with its reason")
    func judge() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer { seen in
            let prompt = seen.lastUserMessage
            if prompt.contains("LOW QUALITY") { return .completion(#"{"score": 3, "reason": "weak"}"#) }
            if prompt.contains("mumble") { return .completion("I liked it a lot.") }
            if prompt.contains("ramble") { return .completion(#"{"score": 8, "reason": "it goes on and on and"#, finishReason: "length") }
            return .completion("Score: 9")
        }
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("cache.sqlite"))
        var settings = QualityGate.Settings()
        settings.minJudgeScore = 7
        let lines = [
            synthetic("a", "Explain photosynthesis simply.", "Plants turn light into sugar."),
            synthetic("b", "Describe a LOW QUALITY answer.", "Something vague."),
            synthetic("c", "Say something and mumble.", "Mm."),
            synthetic("d", "Name a colour.", "I'm sorry, but I cannot."),
            synthetic("e", "Tell a story and ramble.", "Once upon a time."),
        ]
        let verdicts = try await withClient(config) { client in
            var gate = QualityGate(settings: settings, seeds: [], templates: try TemplateLibrary(), model: config, client: client)
            return try await gate.process(try lines.enumerated().map { try record($0.element, line: $0.offset + 1) })
        }
        #expect(verdicts.map { $0.reasons.map(\.rule) } == [[], ["low_judge_score"], ["judge_unparseable"], ["refusal"], ["judge_truncated"]])
        #expect(verdicts[0].judgeScore == 9)
        #expect(server.requestCount == 4)  // the refused record (d) is never judged
    }

    @Test("a structured judge sends the rubric's JSON schema; a plain one sends no response_format")
    func structuredJudge() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer { seen in
            seen.body["response_format"] == nil ? .completion("Score: 8") : .completion(#"{"score": 8, "reason": "fine"}"#)
        }
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("cache.sqlite"))
        for structured in [false, true] {
            var settings = QualityGate.Settings()
            settings.minJudgeScore = 7
            settings.structuredJudge = structured
            let line = synthetic(structured ? "s" : "p", "Explain tides \(structured).", "The moon pulls the sea.")
            let verdicts = try await withClient(config) { client in
                var gate = QualityGate(settings: settings, seeds: [], templates: try TemplateLibrary(), model: config, client: client)
                return try await gate.process([try record(line, line: 1)])
            }
            #expect(verdicts.first?.accepted == true)
            #expect(verdicts.first?.fields["_sift"]?["qa"]?["judge_reason"]?.stringValue == (structured ? "fine" : nil))
        }
        let formats = server.requests.map { $0.body["response_format"] }
        #expect(formats.count == 2)
        #expect(formats[0] == nil)
        let schema = formats[1]?["json_schema"]?["schema"]
        #expect(formats[1]?["type"]?.stringValue == "json_schema")
        #expect(schema?["required"] == ["score", "reason"])
        #expect(schema?["properties"]?["score"]?["maximum"] == 10)
    }
}
