import SiftCore

/// `conflicting_labels`: the same input (after whitespace and case normalisation) given different
/// labels, or different answers, in different records. The model is taught two things for one
/// input; for classification it is label noise in its purest form. Inputs and answers are compared
/// by the XXH64 of their canonical form, so memory holds hashes, not texts: per distinct input, the
/// hash of its first answer, a size and the first record's reference. `count` is every record in a
/// conflicting group (all of them need a decision), and case-only differences of labels are not
/// conflicts (they are `label_case_variant`).
struct ConflictingLabelsCheck: AuditCheck {
    struct Hashes: Sendable {
        var input: UInt64
        var answer: UInt64
    }

    struct Group {
        var answer: UInt64
        var size: Int32
        var conflicting: Bool
        var firstReference: String
    }

    struct State {
        var groups: [UInt64: Group] = [:]
        var references = ReferenceSample()
        var examples: [AuditFinding.Example] = []
    }

    func observe(_ record: AuditRecord) -> Hashes? {
        guard let input = record.input, let answer = record.answer, !TextNormalization.isBlank(input) else { return nil }
        return Hashes(input: CanonicalHash.hash(input), answer: CanonicalHash.hash(answer))
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Hashes?, of record: AuditRecord, into state: inout State) {
        guard let observation else { return }
        guard var group = state.groups[observation.input] else {
            state.groups[observation.input] = Group(answer: observation.answer, size: 1, conflicting: false, firstReference: record.reference)
            return
        }
        group.size += 1
        if !group.conflicting, group.answer != observation.answer {
            group.conflicting = true
            state.references.add(group.firstReference)
        }
        if group.conflicting {
            state.references.add(record.reference)
            if state.examples.count < AuditFinding.maxExamples {
                let text = "input: \(record.input ?? "")\nanswer: \(record.answer ?? "")"
                state.examples.append(AuditFinding.Example(reference: record.reference, text: FlaggedRecords.shorten(text)))
            }
        }
        state.groups[observation.input] = group
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        var records = 0
        var inputs = 0
        for group in state.groups.values where group.conflicting {
            records += Int(group.size)
            inputs += 1
        }
        guard records > 0 else { return CheckResult() }
        let what = context.kind == .classification ? "labels" : "answers"
        let message = "\(inputs) input\(plural(inputs)) \(verb(inputs, "appears", "appear")) with different \(what) (\(records) records)"
        return CheckResult(findings: [AuditFinding(check: "conflicting_labels", dimension: .consistency, severity: .error, message: message,
                                                   count: records, rate: context.rate(records), records: state.references.references,
                                                   examples: state.examples)])
    }
}
