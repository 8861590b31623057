import SiftCore

/// Why a record failed a rule: which rule, the measured value and the threshold it crossed. This is
/// what `_sift.filter` holds on a removed record and what the report counts.
public struct FilterFailure: Sendable, Equatable {
    /// `<rule set>.<check>`, e.g. `gopher-quality.min_doc_words`.
    public var rule: String
    public var value: JSONValue
    public var threshold: JSONValue
    /// The reason datatrove gives for the same decision (`gopher_short_doc`), for people comparing
    /// Sift's output with a datatrove pipeline's; nil for Sift's own rules.
    public var datatroveReason: String?

    public init(rule: String, value: JSONValue, threshold: JSONValue, datatroveReason: String? = nil) {
        self.rule = rule
        self.value = value
        self.threshold = threshold
        self.datatroveReason = datatroveReason
    }

    public var json: JSONValue {
        ["rule": .string(rule), "value": value, "threshold": threshold]
    }
}

/// A threshold value given on the command line (`--set gopher-quality.min_doc_words=100`).
enum ParameterValue {
    /// `off` or `none` disables a check, as `None` does in datatrove.
    static func optionalInt(_ text: String, _ name: String) throws -> Int? {
        if isOff(text) { return nil }
        guard let value = Int(text) else { throw SiftError("\(name): expected an integer or 'off', got '\(text)'", status: .usage) }
        return value
    }

    static func optionalDouble(_ text: String, _ name: String) throws -> Double? {
        if isOff(text) { return nil }
        guard let value = Double(text), value.isFinite else { throw SiftError("\(name): expected a number or 'off', got '\(text)'", status: .usage) }
        return value
    }

    static func int(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text) else { throw SiftError("\(name): expected an integer, got '\(text)'", status: .usage) }
        return value
    }

    static func double(_ text: String, _ name: String) throws -> Double {
        guard let value = Double(text), value.isFinite else { throw SiftError("\(name): expected a number, got '\(text)'", status: .usage) }
        return value
    }

    static func bool(_ text: String, _ name: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw SiftError("\(name): expected true or false, got '\(text)'", status: .usage)
        }
    }

    private static func isOff(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "off" || lower == "none" || lower == "null"
    }

    static func json(_ value: Int?) -> JSONValue { value.map { .integer($0) } ?? .null }
    static func json(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
}

/// Rounds a measured ratio for reports: six decimals are plenty to see why a threshold was crossed.
func rounded(_ value: Double) -> JSONValue {
    guard value.isFinite else { return .null }
    return .double((value * 1_000_000).rounded() / 1_000_000)
}
