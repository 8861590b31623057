import SiftCore
import SiftText

/// `synthetic_share`: the share of model-generated records among records that say where they come
/// from. A record says so through a source field (`source`, `provenance`, `origin`, `data_source`,
/// `metadata.source`, or Sift's own `_sift.provenance`) or a boolean `synthetic`/`is_synthetic`.
/// A source is synthetic when it names generation ("synthetic", "generated", "distill",
/// "self-instruct", "evol", "backtranslat") or a model family ("gpt", "claude", "llama", "gemini",
/// "mistral", "llm"). The source document warns that training recursively on model output causes
/// model collapse and says to always mix synthetic with real data: above 50% synthetic (synthetic
/// dominates) is a warning; otherwise the share is a note (none when no record is synthetic).
/// Records without a source are not counted either way.
struct SyntheticShareCheck: AuditCheck {
    static let markers = PhraseMatcher(["synthetic", "generated", "distill", "self-instruct", "self_instruct", "evol", "backtranslat",
                                        "gpt", "claude", "llama", "gemini", "mistral", "llm", "model-generated", "ai-generated"])
    static let dominantShare = 0.5

    enum Origin: Sendable { case synthetic, real }

    struct Source: Sendable {
        var origin: Origin
        var name: String
    }

    struct State {
        var synthetic = FlaggedRecords()
        var withSource = 0
        var sources = FirstSeenTable<String, Int>()
    }

    /// Boolean fields that say outright whether a record is synthetic.
    static let flagFields = ["synthetic", "is_synthetic"]

    func observe(_ record: AuditRecord) -> Source? {
        for name in Self.flagFields {
            if let flag = record.record.fields[name]?.boolValue { return Source(origin: flag ? .synthetic : .real, name: flag ? "synthetic" : "real") }
        }
        guard let source = record.content.source, !TextNormalization.isBlank(source) else { return nil }
        return Source(origin: Self.isSynthetic(source) ? .synthetic : .real, name: source)
    }

    /// Markers match at word starts (`_` and `-` separate words), so "gpt-4o" and "evol_instruct"
    /// count but "developer" does not.
    static func isSynthetic(_ source: String) -> Bool {
        markers.firstMatch(in: source) != nil
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Source?, of record: AuditRecord, into state: inout State) {
        guard let observation else { return }
        state.withSource += 1
        state.sources.update(observation.name, limit: 1_000, initial: { 0 }) { $0 += 1 }
        if observation.origin == .synthetic { state.synthetic.add(record) }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard state.withSource > 0 else { return CheckResult() }
        let share = Double(state.synthetic.count) / Double(state.withSource)
        let sources: [(key: String, value: Int)] = state.sources.entries.map { ($0.0, $0.1) }
        let ranked = sources.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let chart = AuditChart(id: "sources", title: "Records per source", style: .bars, bins: ranked.prefix(20).map { ($0.key, $0.value) })
        let metrics: [(name: String, value: JSONValue)] = [("synthetic_share", .double((share * 10_000).rounded() / 10_000)),
                                                           ("records_with_source", .integer(state.withSource))]
        let n = state.synthetic.count
        guard n > 0 else { return CheckResult(charts: [chart], metrics: metrics) }
        let base = "\(n) of \(state.withSource) records with a known source \(verb(n, "is", "are")) synthetic (\(percent(n, state.withSource)))"
        let finding: AuditFinding
        if share > Self.dominantShare {
            finding = state.synthetic.finding("synthetic_share", .provenance, .warning,
                                              base + ": synthetic data dominates; mix in real data to avoid model collapse", rate: share)
        } else {
            finding = state.synthetic.finding("synthetic_share", .provenance, .info, base, rate: share)
        }
        return CheckResult(findings: [finding], charts: [chart], metrics: metrics)
    }
}
