import SiftCore

/// `language_mix`: the languages (or, beyond Latin script, writing systems) present, by
/// `LanguageGuess` on each record's text. One language is the dataset's (the most common); the
/// finding counts the records in others. It is a note, not a fault: a multilingual dataset is
/// often intended, and a stray language in a monolingual one is what to look at. Records without
/// letters have no language and are not counted. "latin" (Latin script, language unclear) is not
/// told apart from the dominant Latin language, to avoid flagging short texts.
struct LanguageMixCheck: AuditCheck {
    struct State {
        /// Records per language, first seen first.
        var languages = FirstSeenTable<String, FlaggedRecords>()
    }

    func observe(_ record: AuditRecord) -> String? {
        LanguageGuess.guess(record.textParts)
    }

    func makeState() -> State { State() }

    func absorb(_ language: String?, of record: AuditRecord, into state: inout State) {
        guard let language else { return }
        state.languages.update(language, initial: { FlaggedRecords() }) { $0.add(record) }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let ranked = state.languages.entries.map { (language: $0.0, flagged: $0.1) }
            .sorted { $0.flagged.count != $1.flagged.count ? $0.flagged.count > $1.flagged.count : $0.language < $1.language }
        guard let dominant = ranked.first else { return CheckResult() }
        let total = ranked.reduce(0) { $0 + $1.flagged.count }
        let chart = AuditChart(id: "languages", title: "Records per language or script", style: .bars,
                               bins: ranked.map { ($0.language, $0.flagged.count) })
        let metrics: [(name: String, value: JSONValue)] = [("languages", .object(JSONObject(uniqueKeysWithValues: ranked.map { ($0.language, .integer($0.flagged.count)) })))]
        let dominantIsLatin = LanguageGuess.latinLanguages.contains { $0.code == dominant.language } || dominant.language == "latin"
        let others = ranked.dropFirst().filter { !(dominantIsLatin && $0.language == "latin") }
        let count = others.reduce(0) { $0 + $1.flagged.count }
        guard count > 0 else { return CheckResult(charts: [chart], metrics: metrics) }
        var flagged = FlaggedRecordsUnion()
        for other in others { flagged.add(other.flagged) }
        let shares = ranked.prefix(6).map { "\($0.language) \(percent($0.flagged.count, total))" }.joined(separator: ", ")
        let message = "\(count) record\(plural(count)) \(verb(count, "is", "are")) not in the dataset's main language \(dominant.language) (\(shares))"
        return CheckResult(findings: [AuditFinding(check: "language_mix", dimension: .diversity, severity: .info, message: message, count: count,
                                                   rate: context.rate(count), records: flagged.references, examples: flagged.examples)],
                           charts: [chart], metrics: metrics)
    }
}

func percent(_ part: Int, _ whole: Int) -> String {
    guard whole > 0 else { return "-" }
    return String((1000 * Double(part) / Double(whole)).rounded() / 10) + "%"
}
