import SiftCore

/// `mixed_date_format`: date values written in several formats (ISO 8601 dates and date-times,
/// `MM/DD/YYYY`, `DD.MM.YYYY`, RFC 2822, long month names, epoch seconds or milliseconds; the
/// formats `TimestampParser` names). Mixed formats are how 03/04/2024 becomes both March 4th and
/// April 3rd after a merge. The most common format is taken as the dataset's; `count` is the
/// records whose date is written in another.
struct DateFormatCheck: AuditCheck {
    struct State {
        var formats = FirstSeenTable<TimestampFormat, FlaggedRecords>()
    }

    func observe(_ record: AuditRecord) -> TimestampFormat? {
        record.timestamp?.format
    }

    func makeState() -> State { State() }

    func absorb(_ format: TimestampFormat?, of record: AuditRecord, into state: inout State) {
        guard let format else { return }
        state.formats.update(format, initial: { FlaggedRecords() }) { flagged in
            flagged.add(record, excerpt: record.content.timestamp.map { "\($0.field): \($0.value.scalarText ?? "")" })
        }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard state.formats.count > 1 else { return CheckResult() }
        let ranked = TimestampFormat.allCases.compactMap { f in state.formats[f].map { (format: f, flagged: $0) } }
            .enumerated().sorted { $0.element.flagged.count != $1.element.flagged.count ? $0.element.flagged.count > $1.element.flagged.count : $0.offset < $1.offset }
            .map(\.element)
        var flagged = FlaggedRecordsUnion()
        var count = 0
        for other in ranked.dropFirst() {
            count += other.flagged.count
            flagged.add(other.flagged)
        }
        let formats = ranked.map { "\($0.format.rawValue) ×\($0.flagged.count)" }.joined(separator: ", ")
        let message = "dates are written in \(ranked.count) formats (\(formats)); \(count) record\(plural(count)) \(verb(count, "differs", "differ")) from the usual \(ranked[0].format.rawValue)"
        return CheckResult(findings: [AuditFinding(check: "mixed_date_format", dimension: .consistency, severity: .warning, message: message,
                                                   count: count, rate: context.rate(count), records: flagged.references, examples: flagged.examples)])
    }
}
