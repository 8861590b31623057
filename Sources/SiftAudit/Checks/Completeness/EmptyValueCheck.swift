import SiftCore

/// `empty_value`: a record with a field present but empty (null, a blank string, `[]`, `{}`), or
/// a conversation turn with blank content before the final answer. Two exclusions, both reported
/// elsewhere or normal: the response (a blank one is `empty_response`) and Alpaca's `input`, which
/// is empty by design whenever the instruction needs no input.
struct EmptyValueCheck: AuditCheck {
    let excluded: Set<String>

    init(kind: DatasetKind) {
        var excluded: Set<String> = [RecordSchema.annotationKey]
        switch kind {
        case .alpaca: excluded.formUnion(["input", "output"])
        case .promptCompletion: excluded.formUnion(RecordSchema.completionFields)
        case .evalCase: excluded.formUnion(RecordSchema.evalExpectedFields)
        case .chat, .sharegpt, .ragDocument, .classification, .text, .unknown: break
        }
        self.excluded = excluded
    }

    struct State {
        var flagged = FlaggedRecords()
        var byField: [String: Int] = [:]
    }

    /// The names of the empty fields (`messages[2].content` for a blank turn).
    func observe(_ record: AuditRecord) -> [String] {
        var empty: [String] = []
        for (name, value) in record.record.fields where !excluded.contains(name) && value.isEmpty {
            empty.append(name)
        }
        let turns = record.content.turns
        if record.content.kind == .chat || record.content.kind == .sharegpt, !turns.isEmpty {
            let final = turns.last?.role == "assistant" ? turns.count - 1 : turns.count
            for i in 0..<final where TextNormalization.isBlank(turns[i].content) {
                empty.append(record.content.kind == .chat ? "messages[\(i)].content" : "conversations[\(i)].value")
            }
        }
        return empty
    }

    func makeState() -> State { State() }

    func absorb(_ empty: [String], of record: AuditRecord, into state: inout State) {
        guard !empty.isEmpty else { return }
        state.flagged.add(record, excerpt: JSONWriter().string(.object(record.record.fields)))
        for name in empty where state.byField.count < 1_000 || state.byField[name] != nil { state.byField[name, default: 0] += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let top = state.byField.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        let message = "\(n) record\(plural(n)) \(verb(n, "has", "have")) an empty value (\(top.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")))"
        return CheckResult(findings: [state.flagged.finding("empty_value", .completeness, .warning, message, rate: context.rate(n))])
    }
}
