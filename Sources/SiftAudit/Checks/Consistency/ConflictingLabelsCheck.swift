import SiftCore
import SiftText

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
        var groups = HashTable<Group>()
        var references = ReferenceSample()
        var examples: [AuditFinding.Example] = []
    }

    func observe(_ record: AuditRecord) -> Hashes? {
        guard let input = record.inputHash, let answer = record.answerHash else { return nil }
        return Hashes(input: input, answer: answer)
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Hashes?, of record: AuditRecord, into state: inout State) {
        guard let observation else { return }
        var isNew = false
        let (conflicting, first, becameConflicting) = state.groups.update(observation.input,
            initial: { isNew = true; return Group(answer: observation.answer, size: 0, conflicting: false, firstReference: record.reference) }()) { group in
            group.size += 1
            var became = false
            if !group.conflicting, group.answer != observation.answer {
                group.conflicting = true
                became = true
            }
            return (group.conflicting, group.firstReference, became)
        }
        if isNew { return }
        if becameConflicting { state.references.add(first) }
        if conflicting {
            state.references.add(record.reference)
            if state.examples.count < AuditFinding.maxExamples {
                let text = "input: \(record.input ?? "")\nanswer: \(record.answer ?? "")"
                state.examples.append(AuditFinding.Example(reference: record.reference, text: FlaggedRecords.shorten(text)))
            }
        }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        var records = 0
        var inputs = 0
        for (_, group) in state.groups.entries where group.conflicting {
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
