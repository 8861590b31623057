import SiftCore

/// The kinds of personal or secret data `sift pii` finds. Each detector validates what it can
/// (Luhn for cards, mod-97 for IBANs, octet ranges for IPs, SSN area rules) so that look-alikes
/// (order numbers, version strings, dates) are not reported.
public enum PIIType: String, Sendable, CaseIterable, Hashable {
    case email
    case phone
    case creditCard = "credit_card"
    case iban
    case usSSN = "us_ssn"
    case ipv4
    case ipv6
    case secret
    case urlCredentials = "url_credentials"

    /// What `--action redact` puts in place of a match.
    public var placeholder: String {
        switch self {
        case .email: return "[EMAIL]"
        case .phone: return "[PHONE]"
        case .creditCard: return "[CREDIT_CARD]"
        case .iban: return "[IBAN]"
        case .usSSN: return "[US_SSN]"
        case .ipv4: return "[IPV4]"
        case .ipv6: return "[IPV6]"
        case .secret: return "[SECRET]"
        case .urlCredentials: return "[URL_CREDENTIALS]"
        }
    }

    /// When two matches overlap, the higher priority wins: a secret or URL credentials contain
    /// things that look like e-mails or numbers, a card number contains phone-like groups.
    var priority: Int {
        switch self {
        case .secret: return 9
        case .urlCredentials: return 8
        case .email: return 7
        case .creditCard: return 6
        case .iban: return 5
        case .usSSN: return 4
        case .ipv6: return 3
        case .ipv4: return 2
        case .phone: return 1
        }
    }

    /// Parses `email,phone,...`, rejecting unknown names with the list of known ones.
    public static func parseList(_ text: String) throws -> Set<PIIType> {
        var out = Set<PIIType>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: " ")
            guard let type = PIIType(rawValue: name) else {
                throw SiftError("unknown PII type '\(name)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))", status: .usage)
            }
            out.insert(type)
        }
        return out
    }
}

/// One occurrence of personal data: its type and where it is, in UTF-8 bytes of the scanned text.
public struct PIIMatch: Sendable, Hashable {
    public var type: PIIType
    public var range: Range<Int>

    public init(type: PIIType, range: Range<Int>) {
        self.type = type
        self.range = range
    }
}
