import SiftCore

/// Self-Instruct (Wang et al. 2022, "Self-Instruct: Aligning Language Models with Self-Generated
/// Instructions", arXiv:2212.10560), in the simplified form Alpaca used (Taori et al. 2023): each
/// request shows 8 in-context tasks — 6 sampled from the human seeds and 2 from the instructions
/// generated so far (seeds fill in while there are fewer) — and asks for new ones; a candidate is
/// kept only if it passes `InstructionFilter` and its ROUGE-L F against every kept instruction,
/// seeds included, is below 0.7; each kept instruction is then answered by the model. (The paper's
/// classification-task detection and input-first/output-first instance generation are replaced by
/// that direct answer.)
///
/// Runs in rounds of `promptsPerRound` requests sent together; candidates are judged in request
/// order, and every random choice comes from the seed and the request's (round, slot), so the same
/// inputs always produce the same requests. A resumed run therefore replays the earlier rounds from
/// the response cache at no cost and appends only the records not yet in the output.
public struct SelfInstruct: Sendable {
    public var count: Int
    public var promptsPerRound = 8
    public var tasksPerPrompt = 8
    public var humanExamples = 6
    public var machineExamples = 2
    public var similarityThreshold = 0.7
    /// Stop after this many rounds in a row without a new instruction (the model keeps repeating).
    public var maxIdleRounds = 5
    public var settings: GenerationSettings
    public var model: ModelSettings
    public var templates: TemplateLibrary

    public init(count: Int, settings: GenerationSettings, model: ModelSettings, templates: TemplateLibrary) {
        self.count = count
        self.settings = settings
        self.model = model
        self.templates = templates
    }

    struct Task: Sendable {
        var id: String
        var text: String
        var generation: Int
        var isSeed: Bool
    }

    func seedTasks(_ seeds: [Record]) throws -> [Task] {
        try seeds.map { record in
            guard let text = SourceText.instruction(record) else {
                throw SiftError("\(record.location): seed has no instruction (expected instruction, prompt, messages or text)")
            }
            return Task(id: Provenance.reference(record), text: text, generation: Provenance.generation(of: record.fields), isSeed: true)
        }
    }

    func generationRequest(round: Int, slot: Int, seeds: [Task], generated: [Task]) -> (ChatRequest, [Task]) {
        var generator = SplitMix64(seed: settings.seed, round, slot)
        let machine = generated.sample(min(machineExamples, generated.count), using: &generator)
        let human = seeds.sample(min(humanExamples + machineExamples - machine.count, seeds.count), using: &generator)
        var examples = human + machine
        examples.shuffle(using: &generator)
        let list = examples.enumerated().map { "\($0.offset + 1). \(TextNormalization.collapseWhitespace($0.element.text))" }.joined(separator: "\n")
        let prompt = templates["self-instruct.generate"].render(["examples": list, "count": String(tasksPerPrompt)])
        return (model.request([.user(prompt)]), examples)
    }

    /// The first round's requests, for `--dry-run`.
    public func plan(seeds: [Record]) throws -> [ChatRequest] {
        let tasks = try seedTasks(seeds)
        return (0..<promptsPerRound).map { generationRequest(round: 0, slot: $0, seeds: tasks, generated: []).0 }
    }

    public func run(seeds: [Record], client: ModelClient, output: ResumableOutput, progress: GenerationProgress? = nil) async throws -> GenerationReport {
        var report = GenerationReport(technique: settings.technique)
        report.resumed = output.resumedRecords
        let seedTasks = try seedTasks(seeds)
        guard !seedTasks.isEmpty else { throw SiftError("no seed tasks to start from", status: .noInput) }
        var pool = InstructionPool()
        for task in seedTasks { pool.insert(RougeL.tokens(task.text), label: task.id) }
        var generated: [Task] = []
        var round = 0
        var idleRounds = 0
        while generated.count < count, idleRounds < maxIdleRounds {
            let planned = (0..<promptsPerRound).map { generationRequest(round: round, slot: $0, seeds: seedTasks, generated: generated) }
            let results = try await completeAll(planned.map(\.0), with: client)
            var kept: [(task: Task, key: String, request: ChatRequest, examples: [Task], similarity: Double)] = []
            for (slot, result) in results.enumerated() {
                let slotKey = "self-instruct:r\(round):s\(slot)"
                let completion: ChatCompletion
                switch result {
                case .failure(let error):
                    report.removed.append(RemovedItem(key: slotKey, reason: "model_rejected", detail: error.description, fields: [:]))
                    continue
                case .success(let answer): completion = answer
                }
                for (index, candidate) in InstructionList.parse(completion.content, truncated: completion.finishReason == "length").enumerated() {
                    let key = "\(slotKey):i\(index)"
                    report.count("candidates")
                    let fields: JSONObject = ["instruction": .string(candidate)]
                    if generated.count + kept.count >= count {
                        report.removed.append(RemovedItem(key: key, reason: "count_reached", detail: "already \(count) instructions", fields: fields))
                        continue
                    }
                    let tokens = RougeL.tokens(candidate)
                    if let (rule, detail) = InstructionFilter.rejection(candidate, tokens: tokens) {
                        report.removed.append(RemovedItem(key: key, reason: rule, detail: detail, fields: fields))
                        continue
                    }
                    let nearest = pool.mostSimilar(tokens)
                    if let nearest, nearest.fmeasure >= similarityThreshold {
                        let detail = "ROUGE-L F \(formatScore(nearest.fmeasure)) with \(nearest.label) (keeps only < \(formatScore(similarityThreshold)))"
                        report.removed.append(RemovedItem(key: key, reason: "too_similar", detail: detail, fields: fields))
                        continue
                    }
                    let task = Task(id: GeneratedRecord.id(technique: settings.technique, key: key), text: candidate,
                                    generation: 0, isSeed: false)
                    pool.insert(tokens, label: task.id)
                    kept.append((task, key, planned[slot].0, planned[slot].1, nearest?.fmeasure ?? 0))
                }
            }
            let answers = try await completeAll(kept.map { model.request([.user(templates["self-instruct.answer"].render(["instruction": $0.task.text]))]) }, with: client)
            for (item, answer) in zip(kept, answers) {
                switch answer {
                case .failure(let error):
                    report.removed.append(RemovedItem(key: item.key, reason: "model_rejected", detail: error.description, fields: ["instruction": .string(item.task.text)]))
                case .success(let completion):
                    let seedGeneration = item.examples.filter(\.isSeed).map(\.generation).max() ?? 0
                    let provenance = Provenance(technique: settings.technique, model: model.model, promptSHA256: item.request.promptSHA256,
                                                seedIDs: item.examples.map(\.id), parentID: nil, generation: seedGeneration + 1,
                                                licenseNote: settings.licenseNote)
                    let fields = GeneratedRecord.make(key: item.key, technique: settings.technique, prompt: item.task.text, response: completion.content,
                                                      shape: settings.shape, provenance: provenance,
                                                      details: ["round": .integer(round), "finish_reason": completion.finishReason.map(JSONValue.string) ?? .null,
                                                                "max_rouge_l": .double((item.similarity * 10000).rounded() / 10000)])
                    if try output.write(fields) { report.written += 1 } else { report.alreadyDone += 1 }
                }
            }
            generated += kept.map(\.task)
            idleRounds = kept.isEmpty ? idleRounds + 1 : 0
            round += 1
            report.count("rounds")
            progress?(output.total, count)
        }
        report.count("kept_instructions", generated.count)
        if generated.count < count {
            report.notes.append("stopped after \(maxIdleRounds) rounds in a row without a new instruction: \(generated.count) of \(count) kept")
        }
        return report
    }
}

func formatScore(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return String(scaled)
}
