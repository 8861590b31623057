import SiftCore

/// `missing_field`: a record without a field its dataset's kind requires (chat: `messages`; Alpaca:
/// `instruction` and `output`; classification: a text and a label; ...; `DatasetKind.requiredFields`
/// lists them, with interchangeable names). Such a record cannot be used as the kind intends;
/// records of another kind mixed into the dataset show up here too.
struct MissingFieldCheck: AuditCheck {
    let required: [[String]]

    struct State {
        var flagged = FlaggedRecords()
        var byField: [Int: Int] = [:]
    }

    func observe(_ record: AuditRecord) -> [Int] {
        var missing: [Int] = []
        for (i, names) in required.enumerated() where !names.contains(where: { record.record.fields[$0] != nil }) {
            missing.append(i)
        }
        return missing
    }

    func makeState() -> State { State() }

    func absorb(_ missing: [Int], of record: AuditRecord, into state: inout State) {
        guard !missing.isEmpty else { return }
        state.flagged.add(record, excerpt: JSONWriter().string(.object(record.record.fields)))
        for i in missing { state.byField[i, default: 0] += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let fields = state.byField.sorted { $0.key < $1.key }.map { "\(required[$0.key].joined(separator: "/")) ×\($0.value)" }
        let message = "\(n) record\(plural(n)) \(verb(n, "lacks", "lack")) a field a \(context.kind.rawValue) record needs (\(fields.joined(separator: ", ")))"
        return CheckResult(findings: [state.flagged.finding("missing_field", .completeness, .error, message, rate: context.rate(n))])
    }
}
