import SiftCore
import SiftText

/// Which rule sets run, in which order, with which thresholds, and which field holds the text.
public struct FilterConfiguration: Sendable {
    public var ruleSets: [RuleSetName]
    /// Every registered set with its thresholds (also those not run: `--set` may name any).
    private var settings: [RuleSetName: any FilterRuleSet]
    /// The field the document rule sets read; by default the record's document text (`text`,
    /// `content`...) or, for instruction data, its response.
    public var textField: String?

    public init(ruleSets: [RuleSetName], textField: String? = nil) {
        self.ruleSets = ruleSets
        self.textField = textField
        settings = Dictionary(uniqueKeysWithValues: FilterRuleSets.registered.map { ($0.ruleSetName, $0.init()) })
    }

    /// The thresholds of one set.
    public func ruleSet<R: FilterRuleSet>(_ type: R.Type) -> R { settings[R.ruleSetName] as! R }

    /// The sets to run, in order, with their thresholds.
    var active: [any FilterRuleSet] { ruleSets.map { settings[$0]! } }

    /// Applies `rule-set.parameter=value`.
    public mutating func set(_ assignment: String) throws {
        guard let equals = assignment.firstIndex(of: "="), let dot = assignment[..<equals].firstIndex(of: ".") else {
            throw SiftError("a threshold override is RULESET.PARAMETER=VALUE (e.g. gopher-quality.min_doc_words=100), got '\(assignment)'", status: .usage)
        }
        let setName = String(assignment[..<dot])
        let parameter = String(assignment[assignment.index(after: dot)..<equals])
        let value = String(assignment[assignment.index(after: equals)...])
        guard let name = RuleSetName(rawValue: setName), var rules = settings[name] else {
            throw SiftError("threshold override \(assignment): unknown rule set '\(setName)'; known: \(RuleSetName.allCases.map(\.rawValue).joined(separator: ", "))", status: .usage)
        }
        try rules.set(parameter, value)
        settings[name] = rules
    }

    /// Every active rule set's parameters, for the report (so a run can be reproduced from it).
    public var parametersJSON: JSONValue {
        var out = JSONObject()
        for name in ruleSets {
            out[name.rawValue] = .object(JSONObject(settings[name]!.parameters, uniquingKeysWith: { _, last in last }))
        }
        return .object(out)
    }
}

/// Runs the configured rule sets on one record. Every rule set runs (so the report can count every
/// failure), and the first failure in rule-set order is the one the record is attributed to.
public struct RecordFilter: Sendable {
    public let configuration: FilterConfiguration
    public let kind: DatasetKind
    private let active: [any FilterRuleSet]
    private let needsDocumentText: Bool

    public init(configuration: FilterConfiguration, kind: DatasetKind) {
        self.configuration = configuration
        self.kind = kind
        active = configuration.active
        needsDocumentText = active.contains { type(of: $0).readsDocumentText }
    }

    /// The failures of `record`, in rule-set order; empty when it is kept.
    public func evaluate(_ record: Record) -> [FilterFailure] {
        var layouts = FieldLayout.Cache()
        return evaluate(record, counter: HashCounter(expected: 64), layouts: &layouts)
    }

    /// `evaluate(_:)` with the repetition rules' hash table and a field layout cache given: a
    /// thread evaluating many records passes the same ones to each (the table resets per pass; the
    /// layout is reused while records keep the same keys).
    func evaluate(_ record: Record, counter: HashCounter, layouts: inout FieldLayout.Cache) -> [FilterFailure] {
        let content = record.content(as: kind, layouts: &layouts)
        var failures: [FilterFailure] = []
        var analyzed: AnalyzedText?
        if needsDocumentText {
            if let text = documentText(record, content) {
                analyzed = AnalyzedText(text, counter: counter)
            } else {
                failures.append(FilterFailure(rule: "missing_text", value: .string(configuration.textField ?? "text"), threshold: .null))
            }
        }
        for rules in active {
            if let failure = rules.evaluate(text: analyzed, content: content) { failures.append(failure) }
        }
        return failures
    }

    private func documentText(_ record: Record, _ content: RecordContent) -> String? {
        if let field = configuration.textField { return record.fields[field]?.stringValue }
        return content.document ?? content.response
    }
}
