import SiftCore

/// Evol-Instruct (Xu et al. 2023, "WizardLM: Empowering Large Language Models to Follow Complex
/// Instructions", arXiv:2304.12244). Each round evolves every instruction once with a method drawn
/// from the seed and the item's (index, round), answers the evolved instruction, and eliminates
/// failed evolutions (`EvolutionCheck`). A success becomes a record and the item's instruction for
/// the next round; a failure goes to the removed list with its reason and the item evolves from
/// its last good instruction next round, as in the paper.
///
/// Lineage: every record's `_sift.provenance.parent_id` is the record it evolved from (the input
/// record in round 1), `seed_ids` names the input record, `generation` is the input's generation
/// plus the number of evolutions, and `_sift.synth.lineage` lists the whole chain of ids.
public struct EvolInstruct: Sendable {
    public var rounds: Int
    public var methods: [EvolutionMethod]
    public var settings: GenerationSettings
    public var model: ModelSettings
    public var templates: TemplateLibrary

    public init(rounds: Int, methods: [EvolutionMethod] = EvolutionMethod.allCases, settings: GenerationSettings, model: ModelSettings, templates: TemplateLibrary) {
        self.rounds = rounds
        self.methods = methods
        self.settings = settings
        self.model = model
        self.templates = templates
    }

    struct Lineage: Sendable {
        var root: String
        var instruction: String
        var generation: Int
        var chain: [String]
    }

    func lineages(_ records: [Record]) throws -> [Lineage] {
        try records.map { record in
            guard let text = SourceText.instruction(record) else {
                throw SiftError("\(record.location): record has no instruction to evolve (expected instruction, prompt, messages or text)")
            }
            let reference = Provenance.reference(record)
            return Lineage(root: reference, instruction: text, generation: Provenance.generation(of: record.fields), chain: [reference])
        }
    }

    func evolution(index: Int, round: Int, _ item: Lineage) -> (EvolutionMethod, ChatRequest) {
        var generator = SplitMix64(seed: settings.seed, index, round)
        let method = methods.randomElement(using: &generator)!
        let prompt = templates["evol.\(method.rawValue)"].render(["instruction": item.instruction])
        return (method, model.request([.user(prompt)]))
    }

    /// The first round's requests, for `--dry-run`.
    public func plan(records: [Record]) throws -> [ChatRequest] {
        try lineages(records).enumerated().map { evolution(index: $0.offset, round: 1, $0.element).1 }
    }

    public func run(records: [Record], client: ModelClient, output: ResumableOutput, progress: GenerationProgress? = nil) async throws -> GenerationReport {
        var report = GenerationReport(technique: settings.technique)
        report.resumed = output.resumedRecords
        guard rounds >= 1 else { throw SiftError("--rounds must be at least 1", status: .usage) }
        var items = try lineages(records)
        let target = items.count * rounds
        for round in 1...rounds {
            let planned = items.enumerated().map { evolution(index: $0.offset, round: round, $0.element) }
            let evolved = try await completeAll(planned.map(\.1), with: client)
            let answerable = evolved.map { result -> String? in
                guard case .success(let completion) = result else { return nil }
                let text = InstructionList.clean(completion.content)
                return text.isEmpty ? nil : text
            }
            var answerRequests: [ChatRequest] = []
            var answerIndex: [Int: Int] = [:]
            for (index, text) in answerable.enumerated() {
                guard let text else { continue }
                answerIndex[index] = answerRequests.count
                answerRequests.append(model.request([.user(templates["evol.answer"].render(["instruction": text]))]))
            }
            let answers = try await completeAll(answerRequests, with: client)
            for index in items.indices {
                let item = items[index]
                let (method, request) = planned[index]
                let key = "evol:\(item.root):r\(round)"
                var removedFields: JSONObject = ["instruction": .string(item.instruction), "method": .string(method.rawValue)]
                report.count("evolutions")
                guard case .success(let evolution) = evolved[index] else {
                    if case .failure(let error) = evolved[index] {
                        report.removed.append(RemovedItem(key: key, reason: "model_rejected", detail: error.description, fields: removedFields))
                    }
                    continue
                }
                guard let text = answerable[index], let slot = answerIndex[index] else {
                    report.removed.append(RemovedItem(key: key, reason: "no_information_gain", detail: "the evolved instruction is empty", fields: removedFields))
                    continue
                }
                removedFields["evolved"] = .string(text)
                let completion: ChatCompletion
                switch answers[slot] {
                case .failure(let error):
                    report.removed.append(RemovedItem(key: key, reason: "model_rejected", detail: error.description, fields: removedFields))
                    continue
                case .success(let answer): completion = answer
                }
                if let (rule, detail) = EvolutionCheck.failure(method: method, original: item.instruction, evolved: text, response: completion.content,
                                                                evolvingPrompt: templates["evol.\(method.rawValue)"].render(["instruction": ""])) {
                    removedFields["response"] = .string(completion.content)
                    report.removed.append(RemovedItem(key: key, reason: rule, detail: detail, fields: removedFields))
                    continue
                }
                let id = GeneratedRecord.id(technique: settings.technique, key: key)
                let provenance = Provenance(technique: settings.technique, model: model.model, promptSHA256: request.promptSHA256,
                                            seedIDs: [item.root], parentID: item.chain.last, generation: item.generation + 1,
                                            licenseNote: settings.licenseNote)
                let fields = GeneratedRecord.make(
                    key: key, technique: settings.technique, prompt: text, response: completion.content, shape: settings.shape, provenance: provenance,
                    details: ["method": .string(method.rawValue), "round": .integer(round), "evolution_finish_reason": evolution.finishReason.map(JSONValue.string) ?? .null,
                              "finish_reason": completion.finishReason.map(JSONValue.string) ?? .null,
                              "lineage": .array((item.chain + [id]).map(JSONValue.string))])
                if try output.write(fields) { report.written += 1 } else { report.alreadyDone += 1 }
                items[index] = Lineage(root: item.root, instruction: text, generation: item.generation + 1, chain: item.chain + [id])
                report.count("evolved")
            }
            progress?(output.total, target)
        }
        return report
    }
}
