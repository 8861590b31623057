import Foundation
import Collections
import SiftCore

/// What a step accepts. Recipes are validated against these before any data is read, and
/// `sift run --list-steps` prints them.
public struct StepSchema: Sendable {
    public enum Position: Sendable { case first, middle, last }

    public var kind: String
    public var summary: String
    public var position: Position
    public var parameters: [ParameterSpec]

    public init(kind: String, summary: String, position: Position = .middle, parameters: [ParameterSpec]) {
        self.kind = kind
        self.summary = summary
        self.position = position
        self.parameters = parameters
    }

    func validate(_ step: RecipeStep, file: String) throws {
        var seen: Set<String> = []
        for (key, value) in step.parameters {
            guard let spec = parameters.first(where: { $0.name == key }) else {
                let known = parameters.map(\.name).joined(separator: ", ")
                throw RecipeError(file: file, mark: value.mark, "unknown parameter `\(key)` for step `\(kind)` (known: \(known.isEmpty ? "none" : known))")
            }
            guard seen.insert(key).inserted else {
                throw RecipeError(file: file, mark: value.mark, "parameter `\(key)` is given twice")
            }
            if let problem = spec.type.problem(with: value) {
                throw RecipeError(file: file, mark: value.mark, "`\(kind).\(key)` \(problem)")
            }
        }
        for spec in parameters where spec.required && !seen.contains(spec.name) {
            throw RecipeError(file: file, mark: step.mark, "step `\(kind)` needs parameter `\(spec.name)` (\(spec.help))")
        }
    }
}

public struct ParameterSpec: Sendable {
    public var name: String
    public var type: ParameterType
    public var required: Bool
    public var help: String

    public init(_ name: String, _ type: ParameterType, required: Bool = false, help: String) {
        self.name = name
        self.type = type
        self.required = required
        self.help = help
    }
}

extension ParameterSpec {
    /// The spec of a capability's integer option, its range and help taken from the one definition
    /// the CLI uses too; `default` is the capability options type's value, which the step starts from.
    public init(_ parameter: IntegerParameter, default value: Int? = nil) {
        self.init(parameter.name, .integer(parameter.range), help: Self.help(parameter.help, default: value.map { "\($0)" }))
    }

    public init(_ parameter: NumberParameter, default value: Double? = nil) {
        self.init(parameter.name, .number(parameter.range), help: Self.help(parameter.help, default: value.map { "\($0)" }))
    }

    /// A definition's help as the recipe schema prints it: without the sentence's full stop, and
    /// with the default in the schema's style.
    static func help(_ help: String, default value: String?) -> String {
        let sentence = help.hasSuffix(".") ? String(help.dropLast()) : help
        return value.map { "\(sentence) (default \($0))" } ?? sentence
    }
}

public indirect enum ParameterType: Sendable {
    case string
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case boolean
    case choice([String])
    case list(ParameterType)
    /// A mapping from names to scalars (threshold overrides and the like).
    case mapping

    /// Why `value` does not fit, or nil when it does.
    func problem(with value: RecipeValue) -> String? {
        switch (self, value) {
        case (.string, .scalar): return nil
        case (.integer(let range), .scalar(let text, _)):
            guard let n = Int(text) else { return "must be an integer, got \"\(text)\"" }
            return range.contains(n) ? nil : "must be between \(range.lowerBound) and \(range.upperBound), got \(n)"
        case (.number(let range), .scalar(let text, _)):
            guard let d = Double(text), d.isFinite else { return "must be a number, got \"\(text)\"" }
            return range.contains(d) ? nil : "must be between \(range.lowerBound) and \(range.upperBound), got \(text)"
        case (.boolean, .scalar(let text, _)):
            return ["true", "false", "True", "False", "yes", "no"].contains(text) ? nil : "must be true or false, got \"\(text)\""
        case (.choice(let options), .scalar(let text, _)):
            return options.contains(text) ? nil : "must be one of \(options.joined(separator: ", ")), got \"\(text)\""
        case (.list(let element), .list(let items, _)):
            for item in items { if let problem = element.problem(with: item) { return "item \(problem)" } }
            return nil
        case (.list(let element), .scalar):
            // A single value where a list is expected is a list of one.
            return element.problem(with: value)
        case (.mapping, .map): return nil
        case (.string, _), (.integer, _), (.number, _), (.boolean, _), (.choice, _): return "must be a single value"
        case (.list, _): return "must be a list"
        case (.mapping, _): return "must be a mapping"
        }
    }
}

/// Typed access to a validated step's parameters.
public struct StepParameters: Sendable {
    private let values: [String: RecipeValue]

    init(_ step: RecipeStep) {
        values = Dictionary(step.parameters.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    public func has(_ name: String) -> Bool { values[name] != nil }

    public func string(_ name: String) -> String? {
        if case .scalar(let text, _)? = values[name] { return text }
        return nil
    }

    public func int(_ name: String) -> Int? { string(name).flatMap { Int($0) } }
    public func double(_ name: String) -> Double? { string(name).flatMap { Double($0) } }

    public func bool(_ name: String) -> Bool? {
        string(name).map { ["true", "True", "yes"].contains($0) }
    }

    public func strings(_ name: String) -> [String]? {
        switch values[name] {
        case .list(let items, _)?: return items.compactMap { if case .scalar(let t, _) = $0 { return t } else { return nil } }
        case .scalar(let text, _)?: return text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        default: return nil
        }
    }

    public func doubles(_ name: String) -> [Double]? { strings(name)?.compactMap(Double.init) }

    public func mapping(_ name: String) -> [(String, String)] {
        guard case .map(let pairs, _)? = values[name] else { return [] }
        return pairs.compactMap { pair in
            if case .scalar(let text, _) = pair.value { return (pair.key, text) }
            return nil
        }
    }
}
