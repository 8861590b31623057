import SiftCore

/// `missing_field`: a record without a field its dataset's kind requires (chat: `messages`; Alpaca:
/// `instruction` and `output`; classification: a text and a label; ...; `DatasetKind.requiredFields`
/// lists them, with interchangeable names). Such a record cannot be used as the kind intends;
/// records of another kind mixed into the dataset show up here too.
struct MissingFieldCheck: AuditCheck {
    struct State {
        var flagged = FlaggedRecords()
        var byField: [String: Int] = [:]
    }

    /// Each kind's required field groups, looked up once rather than built for every record.
    let requiredFields = Dictionary(uniqueKeysWithValues: DatasetKind.allCases.map { ($0, $0.requiredFields) })

    /// The missing field groups, each written `name/other-name`, under the record's own kind.
    func observe(_ record: AuditRecord) -> [String] {
        var missing: [String] = []
        for names in requiredFields[record.content.kind] ?? [] where !names.contains(where: { record.record.fields[$0] != nil }) {
            missing.append(names.joined(separator: "/"))
        }
        return missing
    }

    func makeState() -> State { State() }

    func absorb(_ missing: [String], of record: AuditRecord, into state: inout State) {
        guard !missing.isEmpty else { return }
        state.flagged.add(record, excerpt: JSONWriter().string(.object(record.record.fields)))
        for i in missing { state.byField[i, default: 0] += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let fields = state.byField.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
        let message = "\(n) record\(plural(n)) \(verb(n, "lacks", "lack")) a field \(verb(n, "its", "their")) kind needs (\(fields.joined(separator: ", ")))"
        return CheckResult(findings: [state.flagged.finding("missing_field", .completeness, .error, message, rate: context.rate(n))])
    }
}
