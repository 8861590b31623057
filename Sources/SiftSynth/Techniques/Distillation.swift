import SiftCore

/// Distillation: a strong model answers existing prompts. Chat inputs keep their system prompt
/// and earlier turns, so the answer is given in context. Because the outputs of a commercial model
/// come with terms of use, the licence note travels with every record in its provenance.
///
/// Items whose record is already in the output are skipped without a request; the rest stream
/// through in batches, written in input order.
public struct Distillation: Sendable {
    public var settings: GenerationSettings
    public var model: ModelSettings
    public var templates: TemplateLibrary
    public var batchSize: Int

    public init(settings: GenerationSettings, model: ModelSettings, templates: TemplateLibrary, batchSize: Int = 64) {
        self.settings = settings
        self.model = model
        self.templates = templates
        self.batchSize = batchSize
    }

    func request(_ record: Record) throws -> (prompt: String, context: [ChatMessage], request: ChatRequest) {
        guard let prompt = SourceText.instruction(record) else {
            throw SiftError("\(record.location): record has no prompt to answer (expected prompt, instruction, question, messages or text)")
        }
        let context = SourceText.context(record)
        let rendered = templates["distill.answer"].render(["prompt": prompt])
        return (prompt, context, model.request(context + [.user(rendered)]))
    }

    public func key(_ record: Record) -> String { "distill:\(Provenance.reference(record))" }

    public func plan(records: [Record]) throws -> [ChatRequest] { try records.map { try request($0).request } }

    public func run(input: DatasetStream, client: ModelClient, output: ResumableOutput, progress: GenerationProgress? = nil) async throws -> GenerationReport {
        var report = GenerationReport(technique: settings.technique)
        report.resumed = output.resumedRecords
        func flush(_ pending: [Record], _ report: inout GenerationReport) async throws {
            let work = try pending.map { try request($0) }
            let answers = try await completeAll(work.map(\.request), with: client)
            for ((record, item), answer) in zip(zip(pending, work), answers) {
                let key = key(record)
                switch answer {
                case .failure(let error):
                    report.removed.append(RemovedItem(key: key, reason: "model_rejected", detail: error.description, fields: record.fields))
                case .success(let completion):
                    let provenance = Provenance(technique: settings.technique, model: model.model, promptSHA256: item.request.promptSHA256,
                                                seedIDs: [Provenance.reference(record)], parentID: Provenance.reference(record),
                                                generation: Provenance.generation(of: record.fields) + 1, licenseNote: settings.licenseNote)
                    let fields = GeneratedRecord.make(key: key, technique: settings.technique, context: item.context, prompt: item.prompt,
                                                      response: completion.content, shape: settings.shape, provenance: provenance,
                                                      details: ["finish_reason": completion.finishReason.map(JSONValue.string) ?? .null])
                    if try output.write(fields) { report.written += 1 } else { report.alreadyDone += 1 }
                }
            }
            progress?(output.total, nil)
        }
        try await forEachPendingBatch(in: input, size: batchSize, report: &report, isDone: { output.isDone(key($0)) }, flush)
        return report
    }
}
