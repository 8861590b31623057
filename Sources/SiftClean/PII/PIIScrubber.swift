import SiftCore

/// What to do with personal data found in a record.
public enum PIIAction: String, Sendable, CaseIterable {
    /// Count and point at records; write nothing.
    case report
    /// Replace each match with its placeholder (`[EMAIL]`).
    case redact
    /// Replace each match with a salted SHA-256 pseudonym (`[EMAIL:1f2e...]`), stable across runs
    /// and files for the same salt, so records can still be joined on it.
    case hash
    /// Remove records that contain any match.
    case drop
}

/// Applies a `PIIScanner` and an action to every string of a record (or of chosen top-level
/// fields), leaving Sift's own `_sift` annotations alone.
public struct PIIScrubber: Sendable {
    public let scanner: PIIScanner
    public let action: PIIAction
    /// Top-level fields to scan; nil scans every field.
    public let fields: Set<String>?
    private let salt: [UInt8]

    /// Hex digits of the SHA-256 kept in a pseudonym: 64 bits, enough to keep distinct values apart
    /// in any dataset while staying readable.
    public static let pseudonymLength = 16

    public init(scanner: PIIScanner, action: PIIAction, fields: Set<String>? = nil, salt: String = "") {
        self.scanner = scanner
        self.action = action
        self.fields = fields
        self.salt = Array(salt.utf8)
    }

    /// The outcome for one record: matches per type, and the rewritten fields when the action
    /// rewrites (redact, hash) and something was found.
    public struct Outcome: Sendable {
        public var counts: [PIIType: Int] = [:]
        public var fields: JSONObject?
        public var total: Int { counts.values.reduce(0, +) }
    }

    public func scrub(_ record: Record) -> Outcome {
        var outcome = Outcome()
        var rewritten = record.fields
        var changed = false
        for (name, value) in record.fields where name != RecordSchema.annotationKey {
            if let fields, !fields.contains(name) { continue }
            if let newValue = process(value, &outcome.counts) {
                rewritten[name] = newValue
                changed = true
            }
        }
        if changed { outcome.fields = rewritten }
        return outcome
    }

    /// The value with matches replaced (nil when unchanged, or when the action does not rewrite).
    private func process(_ value: JSONValue, _ counts: inout [PIIType: Int]) -> JSONValue? {
        switch value {
        case .string(let text):
            return process(text, &counts).map { .string($0) }
        case .array(let items):
            var out = items
            var changed = false
            for (i, item) in items.enumerated() {
                if let newItem = process(item, &counts) {
                    out[i] = newItem
                    changed = true
                }
            }
            return changed ? .array(out) : nil
        case .object(let members):
            var out = members
            var changed = false
            for (key, member) in members {
                if let newMember = process(member, &counts) {
                    out[key] = newMember
                    changed = true
                }
            }
            return changed ? .object(out) : nil
        case .null, .bool, .number:
            return nil
        }
    }

    private func process(_ text: String, _ counts: inout [PIIType: Int]) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let matches = scanner.scan(bytes)
            guard !matches.isEmpty else { return nil }
            for match in matches { counts[match.type, default: 0] += 1 }
            guard action == .redact || action == .hash else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var position = 0
            for match in matches {
                out.append(contentsOf: bytes[position..<match.range.lowerBound])
                out.append(contentsOf: replacement(for: match.type, UnsafeBufferPointer(rebasing: bytes[match.range])).utf8)
                position = match.range.upperBound
            }
            out.append(contentsOf: bytes[position...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    func replacement(for type: PIIType, _ value: UnsafeBufferPointer<UInt8>) -> String {
        guard action == .hash else { return type.placeholder }
        let digest = SHA256Digest.hex(salt + Array(value))
        return "[\(type.placeholder.dropFirst().dropLast()):\(digest.prefix(Self.pseudonymLength))]"
    }
}
