import SiftCore

/// `empty_response`: a record whose response (the final assistant turn, Alpaca's `output`, the
/// completion, an evaluation case's expected output) is present but blank. Training on it teaches
/// a model to answer with nothing; an evaluation case without an expected output cannot be scored.
/// A missing response is `missing_field` or `role_order`, not this.
struct EmptyResponseCheck: AuditCheck {
    func observe(_ record: AuditRecord) -> Bool {
        guard let response = record.content.response else { return false }
        return TextNormalization.isBlank(response)
    }

    func makeState() -> FlaggedRecords { FlaggedRecords() }

    func absorb(_ isEmpty: Bool, of record: AuditRecord, into state: inout FlaggedRecords) {
        if isEmpty { state.add(record, excerpt: record.content.prompt ?? record.excerpt) }
    }

    func conclude(_ state: FlaggedRecords, context: AuditContext) -> CheckResult {
        guard state.count > 0 else { return CheckResult() }
        let message = "\(state.count) record\(plural(state.count)) \(state.count == 1 ? "has" : "have") a blank response"
        return CheckResult(findings: [state.finding("empty_response", .accuracy, .error, message, rate: context.rate(state.count))])
    }
}

func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

/// The verb form agreeing with a count: `verb(1, "has", "have")` is "has".
func verb(_ n: Int, _ singular: String, _ pluralForm: String) -> String { n == 1 ? singular : pluralForm }
