import Testing
@testable import SiftClean

/// Every detector against every character text puts around data: brackets, quotes, sentence
/// punctuation, tabs, line starts and ends, and non-ASCII punctuation. A value found in plain text
/// must be found, with exactly the same text, whatever stands on either side of it.
@Suite("PII neighbours")
struct PIINeighbourTests {
    /// One value of each type (several of the shapes that start with a bracket or a sign), and the
    /// text the scanner must report for it.
    static let values: [(type: PIIType, text: String, match: String)] = [
        (.email, "maria.rossi@example.org", "maria.rossi@example.org"),
        (.phone, "+44 20 7946 0958", "+44 20 7946 0958"),
        (.phone, "(415) 555-2671", "(415) 555-2671"),
        (.phone, "020 7946 0958", "020 7946 0958"),
        (.phone, "+1-917-218-5133x7420", "+1-917-218-5133x7420"),
        (.phone, "+44(0)115 496 0152", "+44(0)115 496 0152"),
        (.phone, "(0161) 496 0000", "(0161) 496 0000"),
        (.creditCard, "4345544550375953", "4345544550375953"),
        (.creditCard, "4111 1111 1111 1111", "4111 1111 1111 1111"),
        (.creditCard, "3782-822463-10005", "3782-822463-10005"),
        (.iban, "GB82WEST12345698765432", "GB82WEST12345698765432"),
        (.iban, "DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
        (.usSSN, "078-05-1120", "078-05-1120"),
        (.ipv4, "198.29.191.148", "198.29.191.148"),
        (.ipv6, "1fc9:9e54:7ef4:2912:5344:1729:6eb5:bd7d", "1fc9:9e54:7ef4:2912:5344:1729:6eb5:bd7d"),
        (.ipv6, "2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329"),
        (.ipv6, "fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
        (.secret, "AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
        (.secret, "ghp_tV54xCDBlmUuNwjd0Er0WCwWwMlt6oxwZ3CL", "ghp_tV54xCDBlmUuNwjd0Er0WCwWwMlt6oxwZ3CL"),
        (.urlCredentials, "https://app:s3cret@example.com/repo.git", "app:s3cret"),
    ]

    /// The neighbours of the issue (21) and the non-ASCII ones text uses the same way.
    static let ascii = ["(", ")", "[", "]", "{", "}", "<", ">", "\"", "'", ",", ";", ":", ".", "!", "?"]
    static let unicode = ["«", "»", "“", "”", "‘", "’", "（", "）", "「", "」", "【", "】", "、", "。", "，", "：", "—", "…", "¡", "¿", "\u{00A0}"]

    static func found(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return PIIScanner().scan(text).map { "\($0.type.rawValue):" + String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test("every type is found between every pair of ASCII neighbours")
    func asciiPairs() {
        var failures: [String] = []
        for value in Self.values {
            let expected = ["\(value.type.rawValue):\(value.match)"]
            for left in Self.ascii + [""] {
                for right in Self.ascii + [""] {
                    let text = "see \(left)\(value.text)\(right) now"
                    if Self.found(text) != expected { failures.append("\(text.debugDescription): \(Self.found(text))") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test("every type is found between non-ASCII punctuation")
    func unicodePairs() {
        var failures: [String] = []
        for value in Self.values {
            let expected = ["\(value.type.rawValue):\(value.match)"]
            for left in Self.unicode + [""] {
                for right in Self.unicode + [""] {
                    for text in ["see \(left)\(value.text)\(right) now", "見る\(left)\(value.text)\(right)です"] where Self.found(text) != expected {
                        failures.append("\(text.debugDescription): \(Self.found(text))")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test("every type is found at text and line starts and ends, and between tabs")
    func linesAndTabs() {
        var failures: [String] = []
        for value in Self.values {
            let expected = ["\(value.type.rawValue):\(value.match)"]
            let texts = [value.text, "\(value.text) now", "see \(value.text)", "a\n\(value.text)\nb", "a\r\n\(value.text)\r\nb", "a\t\(value.text)\tb",
                         "\t\(value.text)\t", "\n\(value.text)", "\(value.text)\n", "(\(value.text))", "[\(value.text)]\n", "\"\(value.text)\","]
            for text in texts where Self.found(text) != expected { failures.append("\(text.debugDescription): \(Self.found(text))") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test("the cases of the issue: parentheses around an address, a card, an IPv6 address")
    func issueCases() {
        #expect(Self.found("server (198.29.191.148) down") == ["ipv4:198.29.191.148"])
        #expect(Self.found("card (4345544550375953) used") == ["credit_card:4345544550375953"])
        #expect(Self.found("(1fc9:9e54:7ef4:2912:5344:1729:6eb5:bd7d)") == ["ipv6:1fc9:9e54:7ef4:2912:5344:1729:6eb5:bd7d"])
        #expect(Self.found("[198.29.191.148] \"198.29.191.148\" (bob@example.com)") == ["ipv4:198.29.191.148", "ipv4:198.29.191.148", "email:bob@example.com"])
    }

    @Test("an address after a label and a colon; not inside a longer colon-separated run")
    func labelColon() {
        #expect(Self.found("IPv6:2001:db8::ff00:42:8329") == ["ipv6:2001:db8::ff00:42:8329"])
        #expect(Self.found("addr:fe80::1ff:fe23:4567:890a") == ["ipv6:fe80::1ff:fe23:4567:890a"])
        #expect(Self.found("1:2:3:4:5:6:7:8:9").isEmpty)
    }

    @Test("version markers still hide four-part versions; user@host does not")
    func versionMarkers() {
        #expect(Self.found("pip install pkg<1.2.3.4 and pkg>=2.0.0.1, npm ^1.2.3.4 ~1.2.3.4").isEmpty)
        #expect(Self.found("ssh admin@198.51.100.7 failed") == ["ipv4:198.51.100.7"])
        #expect(Self.found("see <198.51.100.7>") == ["ipv4:198.51.100.7"])
    }
}
