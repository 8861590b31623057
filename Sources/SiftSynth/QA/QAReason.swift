import SiftCore

/// Why `synth qa` rejected a record: the rule's name (stable, for counting and grepping) and a
/// sentence about this record.
public struct QAReason: Sendable, Equatable {
    public var rule: String
    public var detail: String

    public init(_ rule: String, _ detail: String) {
        self.rule = rule
        self.detail = detail
    }

    public var json: JSONValue { ["rule": .string(rule), "detail": .string(detail)] }
}
