import Testing
import SiftCore
@testable import SiftClean

@Suite("PII scanner")
struct PIIScannerTests {
    static func found(_ text: String, _ types: Set<PIIType> = Set(PIIType.allCases)) -> [String] {
        let bytes = Array(text.utf8)
        return PIIScanner(types: types).scan(text).map { "\($0.type.rawValue):" + String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// Precision and recall per detector on the labelled set built by scripts/clean/make_pii_fixture.py.
    /// A found item counts as correct only if its type and exact text equal a labelled one.
    @Test("precision and recall of every detector are at least 0.95 on the labelled set")
    func labelledSet() throws {
        let records = try Fixture.lines("pii-labelled.jsonl")
        #expect(records.count >= 800)
        var truePositives: [PIIType: Int] = [:]
        var falsePositives: [PIIType: Int] = [:]
        var falseNegatives: [PIIType: Int] = [:]
        var errors: [String] = []
        let scanner = PIIScanner()
        for fields in records {
            let text = try #require(fields["text"]?.stringValue)
            var expected: [String: Int] = [:]
            for entity in try #require(fields["entities"]?.arrayValue) {
                expected["\(entity["type"]?.stringValue ?? ""):\(entity["value"]?.stringValue ?? "")", default: 0] += 1
            }
            let bytes = Array(text.utf8)
            for match in scanner.scan(text) {
                let key = "\(match.type.rawValue):" + String(decoding: bytes[match.range], as: UTF8.self)
                if let count = expected[key], count > 0 {
                    expected[key] = count - 1
                    truePositives[match.type, default: 0] += 1
                } else {
                    falsePositives[match.type, default: 0] += 1
                    errors.append("false positive \(key) in \(text.debugDescription)")
                }
            }
            for (key, count) in expected where count > 0 {
                let type = try #require(PIIType(rawValue: String(key.prefix { $0 != ":" })))
                falseNegatives[type, default: 0] += count
                errors.append("missed \(key) in \(text.debugDescription)")
            }
        }
        for type in PIIType.allCases {
            let tp = Double(truePositives[type] ?? 0)
            let precision = tp / max(1, tp + Double(falsePositives[type] ?? 0))
            let recall = tp / max(1, tp + Double(falseNegatives[type] ?? 0))
            #expect(tp >= 40, "\(type.rawValue): too few positives in the labelled set")
            #expect(precision >= 0.95, "\(type.rawValue) precision \(precision)")
            #expect(recall >= 0.95, "\(type.rawValue) recall \(recall)")
        }
        #expect(errors.count < 30, "\(errors.count) errors:\n\(errors.prefix(40).joined(separator: "\n"))")
    }

    @Test("validation: Luhn, issuer prefixes, mod-97, SSN ranges, octets")
    func validation() {
        #expect(Self.found("card 4111 1111 1111 1111 ok") == ["credit_card:4111 1111 1111 1111"])
        #expect(Self.found("card 4111 1111 1111 1112 ok").isEmpty)
        #expect(Self.found("amex 3782-822463-10005.") == ["credit_card:3782-822463-10005"])
        #expect(Self.found("IBAN GB82 WEST 1234 5698 7654 32 here") == ["iban:GB82 WEST 1234 5698 7654 32"])
        #expect(Self.found("IBAN GB83 WEST 1234 5698 7654 32 here", [.iban]).isEmpty)
        #expect(Self.found("ssn 078-05-1120 and 666-05-1120 and 900-12-3456") == ["us_ssn:078-05-1120"])
        #expect(Self.found("hosts 203.0.113.9 and 256.1.1.1") == ["ipv4:203.0.113.9"])
        #expect(Self.found("release 1.2.3.4 and pkg==2.0.0.1") == [])
        #expect(Self.found("ip 2001:db8::ff00:42:8329 at 12:30:45") == ["ipv6:2001:db8::ff00:42:8329"])
    }

    @Test("phones in international and national formats, not dates, ISBNs or order numbers")
    func phones() {
        #expect(Self.found("Call +1 (415) 555-2671 or 020 7946 0958.") == ["phone:+1 (415) 555-2671", "phone:020 7946 0958"])
        #expect(Self.found("phone: 5551234567") == ["phone:5551234567"])
        #expect(Self.found("order 5551234567 shipped").isEmpty)
        #expect(Self.found("call on 2024-01-15 or ISBN 0-306-40615-2, ORD-415-555-2671").isEmpty)
    }

    @Test("secrets: access keys, tokens, key blocks, assignments; placeholders are not secrets")
    func secrets() {
        #expect(Self.found("key AKIAIOSFODNN7EXAMPLE here") == ["secret:AKIAIOSFODNN7EXAMPLE"])
        #expect(Self.found("export DB_PASSWORD=hunter2! now") == ["secret:hunter2!"])
        #expect(Self.found(#"{"api_key": "abcd1234"}"#) == ["secret:abcd1234"])
        #expect(Self.found("password = '<your password>'; token = None; key=os.environ['K']").isEmpty)
        let block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"
        #expect(Self.found("x \(block) y") == ["secret:\(block)"])
        #expect(Self.found("redis://app:s3cret@cache.example.com:6379/0") == ["url_credentials:app:s3cret"])
        #expect(Self.found("mail jane.doe@example.org, not icon@2x.png") == ["email:jane.doe@example.org"])
    }

    @Test("only the requested types are reported")
    func typeSelection() {
        let text = "jane@example.org +44 20 7946 0958"
        #expect(Self.found(text, [.email]) == ["email:jane@example.org"])
        #expect(Self.found(text, [.phone]) == ["phone:+44 20 7946 0958"])
    }
}
