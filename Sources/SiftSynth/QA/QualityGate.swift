import SiftCore

/// `synth qa`: decides for each generated record whether it goes into the accepted or the rejected
/// output, and why. Every record gets exactly one of the two, with `_sift.qa` saying so, so
/// accepted + rejected = generated.
///
/// Order of work: checks of the record alone (format, provenance, `InstructionChecks`, the
/// semantic-drift flag of a paraphrase), then duplicates — exact on `TextNormalization.canonical`
/// of the prompt (of the text, for documents) and near by `RougeNearDuplicateIndex`, against the seeds
/// and against the records accepted so far — and only for records that passed all of that, the
/// optional LLM judge, so no money is spent grading a record already rejected. A record accepted
/// later than an identical one in the same batch is still caught, because duplicates are checked
/// again, in input order, when records are accepted.
public struct QualityGate {
    public struct Settings: Sendable {
        public var checks = InstructionChecks()
        public var nearDuplicateThreshold = 0.7
        public var requireProvenance = true
        /// Records judged below this score are rejected; nil = no judge.
        public var minJudgeScore: Double?
        /// Ask the server to constrain the judge's answer to `JudgeScore.responseFormat`, so that
        /// even a small model answers in the rubric's JSON shape.
        public var structuredJudge = false

        public init() {}
    }

    public struct Verdict: Sendable {
        public var fields: JSONObject
        public var reasons: [QAReason]
        public var judgeScore: Double?
        public var accepted: Bool { reasons.isEmpty }
    }

    struct Item {
        var record: Record
        var text: String
        var prompt: String
        var response: String?
        var reasons: [QAReason] = []
        var score: Double?
        var judgeReason: String?
    }

    public let settings: Settings
    private let model: ModelSettings?
    private let client: ModelClient?
    private let judgeTemplate: PromptTemplate
    private var seedTexts: [String: String] = [:]
    private var seedIndex: RougeNearDuplicateIndex
    private var acceptedTexts: [String: String] = [:]
    private var acceptedIndex: RougeNearDuplicateIndex
    public private(set) var ruleCounts: [String: Int] = [:]

    public init(settings: Settings, seeds: [Record], templates: TemplateLibrary, model: ModelSettings?, client: ModelClient?) {
        self.settings = settings
        self.model = model
        self.client = client
        judgeTemplate = templates["qa.judge"]
        seedIndex = RougeNearDuplicateIndex(threshold: settings.nearDuplicateThreshold)
        acceptedIndex = RougeNearDuplicateIndex(threshold: settings.nearDuplicateThreshold)
        for seed in seeds {
            guard let text = SourceText.instruction(seed) else { continue }
            let reference = Provenance.reference(seed)
            seedTexts[TextNormalization.canonical(text)] = reference
            seedIndex.insert(RougeL.tokens(text), label: reference)
        }
    }

    /// Judges a batch of records, in order.
    public mutating func process(_ records: [Record]) async throws -> [Verdict] {
        var items = records.map(inspect)
        for i in items.indices where items[i].reasons.isEmpty { items[i].reasons += duplicates(items[i].text) }
        if let minScore = settings.minJudgeScore, let model, let client {
            // Exact duplicates within the batch wait for the first copy's grade: if it passes, they
            // are duplicates without a judge call; if it fails, the next copy is graded.
            var pending = items.indices.filter { items[$0].reasons.isEmpty }
            while !pending.isEmpty {
                var leaders: [String: Int] = [:]
                var wave: [Int] = []
                var followers: [Int] = []
                for i in pending {
                    let key = TextNormalization.canonical(items[i].text)
                    if leaders[key] == nil { leaders[key] = i; wave.append(i) } else { followers.append(i) }
                }
                let requests = wave.map { i in
                    var request = model.request([.user(judgeTemplate.render(["instruction": items[i].prompt, "response": items[i].response ?? ""]))])
                    if settings.structuredJudge { request.responseFormat = JudgeScore.responseFormat }
                    return request
                }
                for (i, result) in zip(wave, try await completeAll(requests, with: client)) {
                    items[i].reasons += judgement(result, minScore: minScore, item: &items[i])
                }
                pending = []
                for i in followers {
                    let leader = leaders[TextNormalization.canonical(items[i].text)]!
                    if items[leader].reasons.isEmpty {
                        items[i].reasons.append(QAReason("duplicate", "same prompt as \(Provenance.reference(items[leader].record))"))
                    } else {
                        pending.append(i)
                    }
                }
            }
        }
        var verdicts: [Verdict] = []
        for var item in items {
            if item.reasons.isEmpty {
                item.reasons = duplicates(item.text)
                if item.reasons.isEmpty {
                    acceptedTexts[TextNormalization.canonical(item.text)] = Provenance.reference(item.record)
                    acceptedIndex.insert(RougeL.tokens(item.text), label: Provenance.reference(item.record))
                }
            }
            for reason in item.reasons { ruleCounts[reason.rule, default: 0] += 1 }
            verdicts.append(verdict(item))
        }
        return verdicts
    }

    /// The reasons a judge's answer gives to reject the item (none when it passes).
    func judgement(_ result: Result<ChatCompletion, ModelError>, minScore: Double, item: inout Item) -> [QAReason] {
        switch result {
        case .failure(let error):
            return [QAReason("judge_failed", error.description)]
        case .success(let completion):
            switch JudgeScore.parse(completion.content) {
            case .unparseable(let why) where completion.finishReason == "length":
                // Cut at --max-tokens before the answer closed: the cap's doing, which a larger cap
                // mends, not an answer the judge got wrong.
                return [QAReason("judge_truncated", "the judge's answer reached the token cap (--max-tokens) before it closed: \(why)")]
            case .unparseable(let why):
                return [QAReason("judge_unparseable", why)]
            case .score(let score, let reason):
                item.score = score
                item.judgeReason = reason
                guard score < minScore else { return [] }
                return [QAReason("low_judge_score", "score \(formatScore(score)) below \(formatScore(minScore))" + (reason.map { ": \($0)" } ?? ""))]
            }
        }
    }

    func verdict(_ item: Item) -> Verdict {
        var record = item.record
        var qa: JSONObject = ["accepted": .bool(item.reasons.isEmpty)]
        if !item.reasons.isEmpty { qa["reasons"] = .array(item.reasons.map(\.json)) }
        if let score = item.score { qa["judge_score"] = .double(score) }
        if let reason = item.judgeReason { qa["judge_reason"] = .string(reason) }
        record.annotate("qa", .object(qa))
        return Verdict(fields: record.fields, reasons: item.reasons, judgeScore: item.score)
    }

    /// Checks that need only the record itself.
    func inspect(_ record: Record) -> Item {
        let kind = DatasetKind.of(record.fields)
        var reasons: [QAReason] = []
        if settings.requireProvenance, !Provenance.isSynthetic(record.fields) {
            reasons.append(QAReason("missing_provenance", "no _sift.provenance with source \"synthetic\""))
        }
        if record.annotation("synth")?["semantic_drift"]?.boolValue == true {
            let similarity = record.annotation("synth")?["similarity"]?.doubleValue.map(formatScore) ?? "?"
            reasons.append(QAReason("semantic_drift", "the paraphrase's similarity to the original is \(similarity)"))
        }
        if kind.isInstructionData {
            let content = record.content(as: kind)
            reasons += formatProblems(record, kind: kind, content: content)
            let prompt = content.prompt ?? ""
            if TextNormalization.isBlank(prompt) { reasons.append(QAReason("empty_prompt", "the record has no prompt")) }
            reasons += settings.checks.check(prompt: prompt, response: content.response,
                                             finishReason: record.annotation("synth")?["finish_reason"]?.stringValue)
            return Item(record: record, text: prompt, prompt: prompt, response: content.response, reasons: reasons)
        }
        if let text = SourceText.document(record), kind != .unknown {
            return Item(record: record, text: text, prompt: text, response: nil, reasons: reasons)
        }
        reasons.append(QAReason("format", "not instruction data or a document (no messages, conversations, instruction/output, prompt/completion or text)"))
        return Item(record: record, text: "", prompt: "", response: nil, reasons: reasons)
    }

    func formatProblems(_ record: Record, kind: DatasetKind, content: RecordContent) -> [QAReason] {
        var reasons: [QAReason] = []
        for names in kind.requiredFields {
            guard let (name, value) = RecordSchema.firstPresent(names, in: record.fields) else {
                reasons.append(QAReason("format", "field \(names.joined(separator: "/")) is missing"))
                continue
            }
            if (kind == .chat || kind == .sharegpt) ? value.arrayValue == nil : value.stringValue == nil {
                reasons.append(QAReason("format", "field \(name) is \(value.typeName), expected \((kind == .chat || kind == .sharegpt) ? "array" : "string")"))
            }
        }
        if kind == .chat || kind == .sharegpt {
            let key = kind == .chat ? "messages" : "conversations"
            let contentKey = kind == .chat ? "content" : "value"
            for (i, message) in (record.fields[key]?.arrayValue ?? []).enumerated() where message[contentKey]?.stringValue == nil {
                reasons.append(QAReason("format", "\(key)[\(i)].\(contentKey) is not a string"))
            }
            if content.turns.last?.role != "assistant" {
                reasons.append(QAReason("format", "the last message is from \(content.turns.last?.role ?? "nobody"), not the assistant"))
            }
        }
        return reasons
    }

    mutating func duplicates(_ text: String) -> [QAReason] {
        let canonical = TextNormalization.canonical(text)
        guard !canonical.isEmpty else { return [] }
        if let seed = seedTexts[canonical] { return [QAReason("duplicate_of_seed", "same prompt as seed \(seed)")] }
        if let earlier = acceptedTexts[canonical] { return [QAReason("duplicate", "same prompt as \(earlier)")] }
        let tokens = RougeL.tokens(text)
        if let match = seedIndex.match(tokens) {
            return [QAReason("near_duplicate_of_seed", "ROUGE-L F \(formatScore(match.similarity)) with seed \(match.label)")]
        }
        if let match = acceptedIndex.match(tokens) {
            return [QAReason("near_duplicate", "ROUGE-L F \(formatScore(match.similarity)) with \(match.label)")]
        }
        return []
    }
}
