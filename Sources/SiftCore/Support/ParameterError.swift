import Foundation

/// A library option outside what it accepts, naming the parameter neutrally (its snake_case name,
/// as recipes spell it) so that each front end shows its own spelling: the CLI a flag
/// (`--num-perm`), a recipe the YAML key with its line.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
    /// The parameter at fault: the one whose value a front end points at.
    public let parameter: String
    /// What is wrong; `{name}` stands for the parameter `name` in the front end's spelling.
    public let template: String

    public init(_ parameter: String, _ template: String) {
        self.parameter = parameter
        self.template = template
    }

    /// The message with each `{name}` spelled by `spelling`.
    public func message(naming spelling: (String) -> String) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            out += spelling(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The message with the library's own names.
    public var description: String { message { $0 } }

    /// The CLI's spelling of a parameter: `num_perm` is `--num-perm`.
    public static func flag(_ parameter: String) -> String { "--" + longName(parameter) }

    /// The CLI's long option name of a parameter, without the dashes: `num_perm` is `num-perm`.
    public static func longName(_ parameter: String) -> String { parameter.replacingOccurrences(of: "_", with: "-") }
}

/// One integer option of a capability: its name, the values it accepts and its help, stated once
/// for the CLI (flag name and help, `NameSpecification.parameter`) and the recipe schema
/// (`ParameterSpec`). The default is the capability options type's property initializer, which both
/// front ends read, so the help never states it (the CLI and the recipe schema each append it).
public struct IntegerParameter: Sendable {
    public let name: String
    public let range: ClosedRange<Int>
    public let help: String

    public init(_ name: String, _ range: ClosedRange<Int>, help: String) {
        self.name = name
        self.range = range
        self.help = help
    }

    public func check(_ value: Int) throws {
        guard range.contains(value) else {
            throw ParameterError(name, "{\(name)} must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }
}

/// One real-valued option of a capability (see `IntegerParameter`).
public struct NumberParameter: Sendable {
    public let name: String
    public let range: ClosedRange<Double>
    public let help: String

    public init(_ name: String, _ range: ClosedRange<Double>, help: String) {
        self.name = name
        self.range = range
        self.help = help
    }

    public func check(_ value: Double) throws {
        guard value.isFinite, range.contains(value) else {
            throw ParameterError(name, "{\(name)} must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }
}
