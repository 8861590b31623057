import SiftCore

/// `empty_value`: a record with a field present but empty (null, a blank string, `[]`, `{}`), or
/// a conversation turn with blank content before the final answer. Two exclusions, both reported
/// elsewhere or normal: the response (a blank one is `empty_response`) and Alpaca's `input`, which
/// is empty by design whenever the instruction needs no input.
struct EmptyValueCheck: AuditCheck {
    /// Fields not reported empty for a kind: Sift's annotations, and the response fields.
    static func excluded(_ name: String, kind: DatasetKind) -> Bool {
        if name == RecordSchema.annotationKey { return true }
        switch kind {
        case .alpaca: return name == "input" || name == "output"
        case .promptCompletion: return RecordSchema.completionFields.contains(name)
        case .evalCase: return RecordSchema.evalExpectedFields.contains(name)
        case .chat, .sharegpt, .ragDocument, .classification, .text, .unknown: return false
        }
    }

    struct State {
        var flagged = FlaggedRecords()
        var byField: [String: Int] = [:]
    }

    /// The names of the empty fields (`messages[2].content` for a blank turn).
    func observe(_ record: AuditRecord) -> [String] {
        var empty: [String] = []
        for (name, value) in record.record.fields where value.isEmpty && !Self.excluded(name, kind: record.content.kind) {
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
