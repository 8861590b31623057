import SiftClean
import SiftCore
import SiftText

/// `pii`: records whose text holds personal data of the kinds user data leaks most: e-mail
/// addresses, phone numbers (E.164 and common national formats) and payment card numbers that pass
/// the Luhn check, found by SiftClean's `PIIScanner` (the detectors of `sift pii`, with their
/// validation and hard-negative rules, docs/pii.md). The privacy concern of user data: an error
/// for evaluation sets and retrieval corpora that may be shown to people, a warning otherwise.
/// `sift pii` finds more types and redacts.
struct PIICheck: AuditCheck {
    static let types: [PIIType] = [.email, .phone, .creditCard]
    let scanner = PIIScanner(types: Set(PIICheck.types))

    struct State {
        var flagged = FlaggedRecords()
        var matches: [PIIType: Int] = [:]
    }

    func observe(_ record: AuditRecord) -> [PIIType: Int] {
        guard record.textParts.contains(where: Self.mayContainPII) else { return [:] }
        var counts: [PIIType: Int] = [:]
        for match in scanner.scan(record.text) { counts[match.type, default: 0] += 1 }
        return counts
    }

    /// Whether `text` has an `@` or an ASCII digit. Every match of these three types needs one (an
    /// e-mail address its `@`; phone and card numbers are digit groups, and the scanner starts
    /// one only at a digit, or at `+` or `(` directly before a digit), so text without either has
    /// no match. Most prose has neither, and this finds it out sixteen bytes at a time.
    static func mayContainPII(_ text: String) -> Bool {
        return text.withUTF8Bytes { bytes in
            var i = 0
            while i + ByteBlock.width <= bytes.count {
                let block = ByteBlock(bytes, at: i)
                if ByteBlock.any(block.digits | block.equals(UInt8(ascii: "@"))) { return true }
                i += ByteBlock.width
            }
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "@") || (bytes[i] >= 0x30 && bytes[i] <= 0x39) { return true }
                i += 1
            }
            return false
        }
    }

    func makeState() -> State { State() }

    func absorb(_ counts: [PIIType: Int], of record: AuditRecord, into state: inout State) {
        guard !counts.isEmpty else { return }
        state.flagged.add(record)
        state.matches.merge(counts, uniquingKeysWith: +)
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        var metrics: [(name: String, value: JSONValue)] = [("records_with_pii", .integer(n))]
        for type in Self.types { metrics.append(("pii_\(type.rawValue)", .integer(state.matches[type] ?? 0))) }
        guard n > 0 else { return CheckResult(metrics: metrics) }
        let parts = Self.types.compactMap { type in state.matches[type].map { "\($0) \(type.rawValue.replacingOccurrences(of: "_", with: " "))\($0 == 1 ? "" : "s")" } }
        let severity: Severity = context.purpose == .eval || context.purpose == .rag ? .error : .warning
        let message = "\(n) record\(plural(n)) \(verb(n, "contains", "contain")) personal data (\(parts.joined(separator: ", "))); scrub with `sift pii --action redact`"
        return CheckResult(findings: [state.flagged.finding("pii", .uniqueness, severity, message, rate: context.rate(n))], metrics: metrics)
    }
}
