import SiftCore
import SiftLearn

/// `label_noise` (optional, `sift audit --check label_noise`): the estimated share of wrong labels,
/// by confident learning (Northcutt, Jiang and Chuang, "Confident Learning: Estimating Uncertainty
/// in Dataset Labels", JAIR 2021) exactly as `sift label-errors` computes it: out-of-fold
/// probabilities of Sift's built-in learner (5 stratified folds, seed 42), the calibrated confident
/// joint, whose off-diagonal mass is the estimate, and `prune_by_noise_rate` for which records to
/// point at (lowest self-confidence first).
///
/// Off by default because it is the one check that trains models and holds every labelled
/// record's hashed features until the end (the audit otherwise streams). Records without a label,
/// or whose text has no words, are not part of it. With fewer than two classes, or a class with
/// fewer records than folds, it reports why it could not run (info) instead of failing the audit.
/// Severity: warning when records are flagged, error when the estimate reaches 10%.
struct LabelNoiseCheck: AuditCheck {
    static let folds = 5
    static let seed: UInt64 = 42
    static let errorRate = 0.10

    struct Labelled: Sendable {
        var label: String
        var features: FeatureVector
    }

    struct State {
        var labels: [String] = []
        var features: [FeatureVector] = []
        var references: [String] = []
        var excerpts: [String] = []
    }

    func observe(_ record: AuditRecord) -> Labelled? {
        guard let label = record.content.label, !label.isEmpty else { return nil }
        let features = TextFeatures().vector(record.text)
        guard !features.buckets.isEmpty else { return nil }
        return Labelled(label: label, features: features)
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Labelled?, of record: AuditRecord, into state: inout State) {
        guard let observation else { return }
        state.labels.append(observation.label)
        state.features.append(observation.features)
        state.references.append(record.reference)
        state.excerpts.append(FlaggedRecords.shorten(record.text, limit: 200))
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard !state.labels.isEmpty else { return CheckResult() }
        let names = Array(Set(state.labels)).sorted()
        var classOf: [String: Int] = [:]
        for (i, name) in names.enumerated() { classOf[name] = i }
        let data = LabeledDataset(kind: context.kind, classNames: names, labels: state.labels.map { classOf[$0]! },
                                  features: state.features, references: state.references, locations: state.references)
        let report: LabelIssueReport
        do {
            report = try LabelIssues.run(data, probabilitiesFile: nil, folds: Self.folds, seed: Self.seed, filterBy: .pruneByNoiseRate)
        } catch {
            return CheckResult(findings: [AuditFinding(check: "label_noise", dimension: .accuracy, severity: .info,
                                                       message: "label noise not estimated: \(error)", count: 0, rate: 0)])
        }
        let rate = report.result.estimatedNoiseRate
        let flagged = report.result.ranked
        let metrics: [(name: String, value: JSONValue)] = [("label_noise_rate", .double(rate)), ("label_noise_flagged", .integer(flagged.count))]
        guard !flagged.isEmpty else { return CheckResult(metrics: metrics) }
        let examples = flagged.prefix(AuditFinding.maxExamples).map { i in
            AuditFinding.Example(reference: state.references[i],
                                 text: "label \(names[report.labels[i]]), likely \(names[report.result.suggested[i]]): \(state.excerpts[i])")
        }
        let message = String(format: "an estimated %.1f%% of labels are wrong (confident learning on %d labelled records); %d record%@ flagged, lowest self-confidence first; review them with sift label-errors",
                             rate * 100, data.count, flagged.count, flagged.count == 1 ? "" : "s")
        let finding = AuditFinding(check: "label_noise", dimension: .accuracy, severity: rate >= Self.errorRate ? .error : .warning,
                                   message: message, count: flagged.count, rate: context.rate(flagged.count),
                                   records: flagged.prefix(Finding.maxReferences).map { state.references[$0] }, examples: examples)
        return CheckResult(findings: [finding], metrics: metrics)
    }
}
