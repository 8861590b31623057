import Foundation
import SiftCore

/// Two uses of translating "backwards".
///
/// `instruction` — instruction backtranslation (Li et al. 2023, "Self-Alignment with Instruction
/// Backtranslation", arXiv:2308.06259): for a human-written text, the model writes the instruction
/// it answers; the pair (generated instruction, human text) becomes a record. The paper's
/// self-curation step (the model grades each pair, keeping the best) is `sift synth qa --judge`.
///
/// `paraphrase` — round-trip translation through a pivot language (Mallinson, Sennrich & Lapata
/// 2017, "Paraphrasing Revisited with Neural Machine Translation"): the prompt of instruction data,
/// or the text of a document, goes into the pivot language and back, giving a paraphrase. A round
/// trip can change the meaning, so each paraphrase carries its similarity to the original and a
/// `semantic_drift` flag when that similarity is below `minSimilarity`. The similarity is lexical —
/// ROUGE-L F over words (`RougeL`) — a cheap, explainable proxy: it catches a paraphrase that lost
/// or replaced most of the content, not subtle changes of meaning with the same words.
public struct Backtranslation: Sendable {
    public enum Mode: String, Sendable, CaseIterable { case instruction, paraphrase }

    public var mode: Mode
    public var pivotLanguage: String
    public var minSimilarity: Double
    public var settings: GenerationSettings
    public var model: ModelSettings
    public var templates: TemplateLibrary
    public var batchSize: Int

    public init(mode: Mode, pivotLanguage: String = "German", minSimilarity: Double = 0.3, settings: GenerationSettings,
                model: ModelSettings, templates: TemplateLibrary, batchSize: Int = 64) {
        self.mode = mode
        self.pivotLanguage = pivotLanguage
        self.minSimilarity = minSimilarity
        self.settings = settings
        self.model = model
        self.templates = templates
        self.batchSize = batchSize
    }

    public func key(_ record: Record) -> String { "\(mode == .instruction ? "backtranslate" : "paraphrase"):\(Provenance.reference(record))" }

    /// The text the first request works on.
    func sourceText(_ record: Record) throws -> String {
        switch mode {
        case .instruction:
            guard let text = SourceText.document(record) else {
                throw SiftError("\(record.location): record has no text to backtranslate (expected text, content, output, response or messages)")
            }
            return text
        case .paraphrase:
            let kind = DatasetKind.of(record.fields)
            let text = kind.isInstructionData ? record.content(as: kind).prompt : SourceText.document(record) ?? SourceText.instruction(record)
            guard let text, !TextNormalization.isBlank(text) else {
                throw SiftError("\(record.location): record has no prompt or text to paraphrase")
            }
            return text
        }
    }

    func firstRequest(_ text: String) -> ChatRequest {
        switch mode {
        case .instruction: return model.request([.user(templates["backtranslate.instruction"].render(["response": text]))])
        case .paraphrase: return model.request([.user(templates["backtranslate.to-pivot"].render(["text": text, "language": pivotLanguage]))])
        }
    }

    public func plan(records: [Record]) throws -> [ChatRequest] { try records.map { firstRequest(try sourceText($0)) } }

    public func run(input: DatasetStream, client: ModelClient, output: ResumableOutput, progress: GenerationProgress? = nil) async throws -> GenerationReport {
        var report = GenerationReport(technique: settings.technique)
        report.resumed = output.resumedRecords
        func flush(_ pending: [Record], _ report: inout GenerationReport) async throws {
            let texts = try pending.map(sourceText)
            let requests = texts.map(firstRequest)
            let first = try await completeAll(requests, with: client)
            var second: [Result<ChatCompletion, ModelError>?] = Array(repeating: nil, count: pending.count)
            if mode == .paraphrase {
                var indices: [Int] = []
                var back: [ChatRequest] = []
                for (i, result) in first.enumerated() {
                    guard case .success(let pivot) = result, !RougeL.tokens(pivot.content).isEmpty else { continue }
                    indices.append(i)
                    back.append(model.request([.user(templates["backtranslate.from-pivot"].render(["text": pivot.content, "language": pivotLanguage]))]))
                }
                for (i, result) in zip(indices, try await completeAll(back, with: client)) { second[i] = result }
            }
            for index in pending.indices {
                let record = pending[index]
                let key = key(record)
                let reference = Provenance.reference(record)
                let provenance = Provenance(technique: settings.technique, model: model.model, promptSHA256: requests[index].promptSHA256,
                                            seedIDs: [reference], parentID: reference,
                                            generation: Provenance.generation(of: record.fields) + 1, licenseNote: settings.licenseNote)
                let fields: JSONObject
                switch (mode, first[index], second[index]) {
                case (_, .failure(let error), _), (.paraphrase, _, .failure(let error)?):
                    report.removed.append(RemovedItem(key: key, reason: "model_rejected", detail: error.description, fields: record.fields))
                    continue
                case (.instruction, .success(let completion), _):
                    let instruction = InstructionList.single(completion.content)
                    guard !RougeL.tokens(instruction).isEmpty else {
                        report.removed.append(RemovedItem(key: key, reason: "empty_instruction", detail: "the model's answer holds no instruction: \"\(completion.content.prefix(80))\"",
                                                          fields: record.fields))
                        continue
                    }
                    fields = GeneratedRecord.make(key: key, technique: settings.technique, prompt: instruction, response: texts[index],
                                                  shape: settings.shape, provenance: provenance,
                                                  details: ["mode": "instruction", "finish_reason": completion.finishReason.map(JSONValue.string) ?? .null])
                case (.paraphrase, .success(let pivot), .success(let back)?):
                    let paraphrase = back.content.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !RougeL.tokens(paraphrase).isEmpty else {
                        report.removed.append(RemovedItem(key: key, reason: "empty_paraphrase", detail: "the translation back into English has no words",
                                                          fields: record.fields))
                        continue
                    }
                    let similarity = RougeL.score(target: texts[index], prediction: paraphrase).fmeasure
                    let drift = similarity < minSimilarity
                    if drift { report.count("semantic_drift") }
                    let details: JSONObject = [
                        "mode": "paraphrase", "pivot_language": .string(pivotLanguage), "pivot_text": .string(pivot.content),
                        "similarity": .double((similarity * 10000).rounded() / 10000), "semantic_drift": .bool(drift),
                        "finish_reason": back.finishReason.map(JSONValue.string) ?? .null,
                    ]
                    fields = paraphrased(record, paraphrase: paraphrase, key: key, provenance: provenance, details: details)
                case (.paraphrase, .success, nil):
                    report.removed.append(RemovedItem(key: key, reason: "empty_pivot", detail: "the translation into \(pivotLanguage) has no words",
                                                      fields: record.fields))
                    continue
                }
                if try output.write(fields) { report.written += 1 } else { report.alreadyDone += 1 }
            }
            progress?(output.total, nil)
        }
        try await forEachPendingBatch(in: input, size: batchSize, report: &report, isDone: { output.isDone(key($0)) }, flush)
        return report
    }

    /// Instruction data keeps its response under the paraphrased prompt; a document becomes
    /// `{"id", "text"}` with the paraphrased text.
    func paraphrased(_ record: Record, paraphrase: String, key: String, provenance: Provenance, details: JSONObject) -> JSONObject {
        let kind = DatasetKind.of(record.fields)
        if kind.isInstructionData, let response = record.content(as: kind).response {
            return GeneratedRecord.make(key: key, technique: settings.technique, context: SourceText.context(record), prompt: paraphrase,
                                        response: response, shape: settings.shape, provenance: provenance, details: details)
        }
        let fields: JSONObject = ["id": .string(GeneratedRecord.id(technique: settings.technique, key: key)), "text": .string(paraphrase)]
        return GeneratedRecord.annotated(fields, key: key, provenance: provenance, details: details)
    }
}
