import SiftCore
import SiftText

/// A named set of rules `sift filter --rules` can run.
public enum RuleSetName: String, Sendable, CaseIterable {
    case gopherQuality = "gopher-quality"
    case gopherRepetition = "gopher-repetition"
    case c4
    case fineweb
    case instruction

    /// Parses a comma-separated list, keeping the order given (it decides which failure a record is
    /// attributed to) and rejecting unknown names with the list of known ones.
    public static func parseList(_ text: String) throws -> [RuleSetName] {
        var out: [RuleSetName] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: " ") }) where !part.isEmpty {
            guard let name = RuleSetName(rawValue: part) else {
                throw SiftError("unknown rule set '\(part)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))", status: .usage)
            }
            if !out.contains(name) { out.append(name) }
        }
        guard !out.isEmpty else { throw SiftError("--rules needs at least one rule set", status: .usage) }
        return out
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// Which rule sets run, in which order, with which thresholds, and which field holds the text.
public struct FilterConfiguration: Sendable {
    public var ruleSets: [RuleSetName]
    public var gopherQuality = GopherQuality()
    public var gopherRepetition = GopherRepetition()
    public var c4 = C4Quality()
    public var fineweb = FineWebQuality()
    public var instruction = InstructionRules()
    /// The field the document rule sets read; by default the record's document text (`text`,
    /// `content`...) or, for instruction data, its response.
    public var textField: String?

    public init(ruleSets: [RuleSetName], textField: String? = nil) {
        self.ruleSets = ruleSets
        self.textField = textField
    }

    /// Applies `rule-set.parameter=value`.
    public mutating func set(_ assignment: String) throws {
        guard let equals = assignment.firstIndex(of: "="), let dot = assignment[..<equals].firstIndex(of: ".") else {
            throw SiftError("--set expects RULESET.PARAMETER=VALUE (e.g. gopher-quality.min_doc_words=100), got '\(assignment)'", status: .usage)
        }
        let setName = String(assignment[..<dot])
        let parameter = String(assignment[assignment.index(after: dot)..<equals])
        let value = String(assignment[assignment.index(after: equals)...])
        guard let name = RuleSetName(rawValue: setName) else {
            throw SiftError("--set \(assignment): unknown rule set '\(setName)'; known: \(RuleSetName.allCases.map(\.rawValue).joined(separator: ", "))", status: .usage)
        }
        switch name {
        case .gopherQuality: try gopherQuality.set(parameter, value)
        case .gopherRepetition: try gopherRepetition.set(parameter, value)
        case .c4: try c4.set(parameter, value)
        case .fineweb: try fineweb.set(parameter, value)
        case .instruction: try instruction.set(parameter, value)
        }
    }

    /// Every active rule set's parameters, for the report (so a run can be reproduced from it).
    public var parametersJSON: JSONValue {
        var out = JSONObject()
        for name in ruleSets {
            let parameters: [(String, JSONValue)]
            switch name {
            case .gopherQuality: parameters = gopherQuality.parameters
            case .gopherRepetition: parameters = gopherRepetition.parameters
            case .c4: parameters = c4.parameters
            case .fineweb: parameters = fineweb.parameters
            case .instruction: parameters = instruction.parameters
            }
            out[name.rawValue] = .object(JSONObject(parameters, uniquingKeysWith: { _, last in last }))
        }
        return .object(out)
    }
}

/// Runs the configured rule sets on one record. Every rule set runs (so the report can count every
/// failure), and the first failure in rule-set order is the one the record is attributed to.
public struct RecordFilter: Sendable {
    public let configuration: FilterConfiguration
    public let kind: DatasetKind

    public init(configuration: FilterConfiguration, kind: DatasetKind) {
        self.configuration = configuration
        self.kind = kind
    }

    private var needsDocumentText: Bool { configuration.ruleSets.contains { $0 != .instruction } }

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
        for name in configuration.ruleSets {
            let failure: FilterFailure?
            switch name {
            case .gopherQuality: failure = analyzed.flatMap { configuration.gopherQuality.evaluate($0) }
            case .gopherRepetition: failure = analyzed.flatMap { configuration.gopherRepetition.evaluate($0) }
            case .c4: failure = analyzed.flatMap { configuration.c4.evaluate($0) }
            case .fineweb: failure = analyzed.flatMap { configuration.fineweb.evaluate($0) }
            case .instruction: failure = configuration.instruction.evaluate(content)
            }
            if let failure { failures.append(failure) }
        }
        return failures
    }

    private func documentText(_ record: Record, _ content: RecordContent) -> String? {
        if let field = configuration.textField { return record.fields[field]?.stringValue }
        return content.document ?? content.response
    }
}
