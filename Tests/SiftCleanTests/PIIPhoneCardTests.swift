import Testing
@testable import SiftClean

@Suite("PII phones and cards")
struct PIIPhoneCardTests {
    static func found(_ text: String, _ types: Set<PIIType> = Set(PIIType.allCases)) -> [String] {
        PIIScannerTests.found(text, types)
    }

    static func phone(_ text: String) -> [String] { found("Details: \(text) today", [.phone]) }

    @Test("extensions belong to the number: x, ext, ext., extension, #", arguments: [
        "(339)953-2275x0142", "428.687.7913x7884", "+1-917-218-5133x7420", "001-444-312-6258x56263", "(235) 337-4068 x124",
        "415-555-2671 ext. 12", "415-555-2671 Ext 12", "+44 20 7946 0958 extension 204", "020 7946 0958 #12", "+1 415 555 2671 x 9",
    ])
    func extensions(number: String) {
        #expect(Self.phone(number) == ["phone:\(number)"])
    }

    @Test("international access codes and the trunk prefix in brackets", arguments: [
        "001-356-997-7781", "0044 20 7946 0958", "00 44 20 7946 0958", "011 44 20 7946 0958", "+44(0)115 496 0152", "+44(0)1214960643",
        "+49 (0) 9141 777631", "+49(0)6812415868", "+33 (0)1 41 63 60 83", "+31(0)83-4497869", "(+44) 20 7946 0958", "+55 61 9141-7776",
        "+61-2-8377-8353", "+61.437.406.812", "+34842 91 41 77", "+39 0925141776", "+91 98765 43210", "+81 3-1234-5678",
    ])
    func international(number: String) {
        #expect(Self.phone(number) == ["phone:\(number)"])
    }

    @Test("national formats without a phone word", arguments: [
        // United States and Canada
        "(591)341-7776", "206.269.0743", "797-386-9073", "1 (786) 834-4978", "1-800-555-0199", "291 417 7763",
        // United Kingdom
        "020 7946 0958", "(0161) 496 0000", "(029)2018374", "07700 900123", "(07700) 900 123", "0113 496 0123",
        // Germany, France, the Netherlands, Italy, Spain (with +), Poland (with +)
        "030 12345678", "(03449) 78690", "03662 585178", "089/1234567", "01 41 63 60 83", "0### ######".replacingOccurrences(of: "#", with: "5"),
        "(0406)-812415", "0837 783533", "06 12345678", "+48 22 657 07 04",
        // India, Japan, Australia, Brazil
        "011-2345 6789".replacingOccurrences(of: "-", with: " "), "090-9141-7776", "03-1234-5678", "12-3456-7890", "02 4177 7631", "(08)-8690-7366",
        "0462.283.038", "0436-859-574", "(11) 91234-5678", "12 3915-0008", "0800 123 4567",
    ])
    func national(number: String) {
        #expect(Self.phone(number) == ["phone:\(number)"])
    }

    @Test("bare and space-grouped local numbers need a phone word", arguments: [
        ("Tel. 3420837783", "3420837783"), ("Telefon: 01761234567", "01761234567"), ("mobile 609 141 777", "609 141 777"),
        ("Téléphone : 0232781286", "0232781286"), ("電話: 5012 3456", "5012 3456"), ("Mi móvil es 612345678", "612345678"),
        ("komórka: 22 657 07 04", "22 657 07 04"), ("Handy 4177-7631", "4177-7631"),
    ])
    func afterPhoneWord(text: String, number: String) {
        #expect(Self.found(text, [.phone]) == ["phone:\(number)"])
        #expect(Self.found("order " + number, [.phone]).isEmpty)
    }

    @Test("not phones: dates, versions, ISBNs, identifiers, big numbers, times, coordinates", arguments: [
        "called on 2024-01-15", "call on 15/01/2024 or 15.01.2024", "ISBN 978-3-16-148410-0", "ISBN 0-306-40615-2", "ISBN 0306406152",
        "ORD-415-555-2671", "order #4155552671", "id 550e8400-e29b-41d4-a716-446655440000", "version 10.0.19041.1",
        "1 234 567 890 visitors", "1.234.567.890 Besucher", "12,34,56,789 rupees", "at 10:30:00", "(52.520008, 13.404954)",
        "timestamp 1700000000", "pages 120-135", "tracking 4263 1652 7936 2756 7750 70", "$4,155,552,671", "2024-01-15 10:30",
        "order 5551234567 shipped", "Scores: 45 68 60 63 47", "build 12.3.45678.9012", "1920x1080 at 60 Hz",
    ])
    func notPhones(text: String) {
        #expect(Self.found(text, [.phone]).isEmpty)
    }

    /// A Luhn-valid number of `length` digits starting with `prefix`.
    static func card(_ prefix: String, _ length: Int) -> String {
        var digits = prefix.map { Int(String($0))! }
        var filler = 3
        while digits.count < length - 1 {
            digits.append(filler % 10)
            filler += 7
        }
        for check in 0...9 where CardDetector.luhnValid(digits + [check]) {
            return (digits + [check]).map(String.init).joined()
        }
        fatalError("no check digit")
    }

    @Test("every network's issuer ranges and lengths", arguments: [
        ("4", 13), ("4", 16), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15),
        ("6011", 16), ("6011", 19), ("644", 16), ("65", 16), ("3528", 16), ("3589", 19), ("3508", 16), ("2131", 15), ("1800", 15),
        ("36", 14), ("36", 19), ("300", 14), ("305", 16), ("38", 14), ("62", 16), ("62", 19), ("81", 16),
        ("5018", 12), ("5020", 15), ("5038", 19), ("5893", 13), ("6304", 12), ("6759", 18), ("6761", 12), ("6763", 14), ("6390", 12),
        ("56", 12), ("58", 19), ("2200", 16), ("2204", 19), ("60", 16), ("6521", 16), ("508", 16), ("9792", 16),
        ("506099", 16), ("506198", 19), ("650002", 18), ("507865", 16),
    ])
    func networks(prefix: String, length: Int) {
        let number = Self.card(prefix, length)
        #expect(Self.found("card \(number) used", [.creditCard]) == ["credit_card:\(number)"], "\(prefix) \(length)")
        // Grouped in fours, with a shorter or longer last group.
        var grouped = ""
        for (i, c) in number.enumerated() {
            if i > 0, i % 4 == 0, number.count - i >= 2 || number.count % 4 == 0 { grouped.append(" ") }
            grouped.append(c)
        }
        #expect(Self.found("card \(grouped) used", [.creditCard]) == ["credit_card:\(grouped)"], "\(grouped)")
    }

    @Test("lengths a network does not issue, unknown prefixes and Luhn failures are not cards", arguments: [
        ("4", 14), ("4", 15), ("51", 15), ("51", 19), ("34", 16), ("2221", 19), ("2131", 16), ("1800", 16), ("7", 16), ("9", 16),
        ("0605", 16), ("6011", 12), ("62", 13), ("36", 13), ("300", 15), ("81", 13),
    ])
    func notIssued(prefix: String, length: Int) {
        #expect(Self.found("card \(Self.card(prefix, length)) used", [.creditCard]).isEmpty)
    }

    @Test("Luhn failures and barcodes")
    func luhnAndBarcodes() {
        let valid = Self.card("4", 16)
        let last = Int(String(valid.last!))!
        let invalid = String(valid.dropLast()) + String((last + 1) % 10)
        #expect(Self.found("card \(invalid) used", [.creditCard]).isEmpty)
        let maestro = Self.card("5018", 13)
        #expect(Self.found("EAN \(maestro)", [.creditCard]).isEmpty)
        #expect(Self.found("IMEI \(Self.card("36", 15))", [.creditCard]).isEmpty)
    }
}
