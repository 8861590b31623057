import SiftCore

/// A named set of rules `sift filter --rules` (and a recipe's `filter` step) can run, one type per
/// set as datatrove has one class per filter. A new set is one file (the type and its conformance)
/// plus one line in `FilterRuleSets.registered`; `--rules`, `--set NAME.parameter=value`, the
/// recipe schema and the report's parameters then know it.
public protocol FilterRuleSet: Sendable {
    /// The name in `--rules`, `--set`, reports and recipes.
    static var name: String { get }
    /// Whether the rules read the record's document text, analysed once for every set that does
    /// (`AnalyzedText`); a set that judges the record's structure (turns, roles) reads `content`.
    static var readsDocumentText: Bool { get }
    /// The defaults, which are the reference tool's.
    init()
    /// Every threshold, for the report (so a run can be reproduced from it).
    var parameters: [(String, JSONValue)] { get }
    /// Applies `parameter=value` from `--set` (`off` disables a check where that is allowed).
    mutating func set(_ parameter: String, _ text: String) throws
    /// The first rule the record fails, or nil. `text` is nil for sets that do not read it, and
    /// for a record without document text (reported once as `missing_text`).
    func evaluate(text: AnalyzedText?, content: RecordContent) -> FilterFailure?
}

extension FilterRuleSet {
    /// The name as `--rules` takes it.
    public static var ruleSetName: RuleSetName { RuleSetName(name: name) }
}

/// The registry, in the order `--help` and the recipe schema list the sets.
public enum FilterRuleSets {
    public static let registered: [any FilterRuleSet.Type] = [
        GopherQuality.self,
        GopherRepetition.self,
        C4Quality.self,
        FineWebQuality.self,
        InstructionRules.self,
    ]
}

/// The name of a registered rule set.
public struct RuleSetName: Hashable, Sendable, RawRepresentable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard FilterRuleSets.registered.contains(where: { $0.name == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    init(name: String) { rawValue = name }

    public var description: String { rawValue }

    public static var allCases: [RuleSetName] { FilterRuleSets.registered.map { RuleSetName(name: $0.name) } }

    public static let gopherQuality = GopherQuality.ruleSetName
    public static let gopherRepetition = GopherRepetition.ruleSetName
    public static let c4 = C4Quality.ruleSetName
    public static let fineweb = FineWebQuality.ruleSetName
    public static let instruction = InstructionRules.ruleSetName

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
        guard !out.isEmpty else { throw SiftError("give at least one rule set", status: .usage) }
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
