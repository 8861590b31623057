import Foundation
import Testing
@testable import SiftCore

@Suite("Record model and dataset kinds")
struct RecordModelTests {
    static let samples: [(JSONValue, DatasetKind)] = [
        (["messages": [["role": "user", "content": "hi"], ["role": "assistant", "content": "hello"]]], .chat),
        (["conversations": [["from": "human", "value": "hi"], ["from": "gpt", "value": "hello"]]], .sharegpt),
        (["instruction": "Add", "input": "2 and 2", "output": "4"], .alpaca),
        (["prompt": "Say hi", "completion": "hi"], .promptCompletion),
        (["id": "d1", "title": "Refunds", "text": "Refunds take 5 days.", "updated_at": "2025-01-01"], .ragDocument),
        (["input": "2+2?", "expected": "4"], .evalCase),
        (["question": "Capital of France?", "answer": "Paris"], .evalCase),
        (["text": "great", "label": "positive"], .classification),
        (["text": "Some web page."], .text),
        (["foo": 1], .unknown),
    ]

    @Test("each kind is recognised from its fields", arguments: 0..<samples.count)
    func detection(index: Int) {
        let (value, kind) = Self.samples[index]
        #expect(DatasetKind.of(value.objectValue!) == kind)
    }

    @Test("the dataset kind is the majority kind of the sample")
    func majority() {
        let records: [JSONObject] = [["text": "a", "label": "x"], ["text": "b", "label": "y"], ["text": "c"]]
        #expect(DatasetKind.detect(records) == .classification)
        #expect(DatasetKind.detect([JSONObject]()) == .unknown)
    }

    @Test("chat content: prompt is the context, response the final assistant turn, text joins turns")
    func chatContent() {
        let fields: JSONObject = [
            "id": "c1", "intent": "billing",
            "messages": [
                ["role": "system", "content": "Be brief."],
                ["role": "user", "content": "Refund?"],
                ["role": "assistant", "content": [["type": "text", "text": "Yes,"], ["type": "text", "text": "in 5 days."]]],
            ],
        ]
        let content = RecordContent(fields, kind: .chat)
        #expect(content.turns.map(\.role) == ["system", "user", "assistant"])
        #expect(content.prompt == "Refund?")
        #expect(content.response == "Yes,\nin 5 days.")
        #expect(content.comparableText == "Be brief.\nRefund?\nYes,\nin 5 days.")
        #expect(content.label == "billing")
        #expect(content.id == "c1")
    }

    @Test("ShareGPT roles map to user and assistant; a trailing user turn has no response")
    func shareGPT() {
        let fields: JSONObject = ["conversations": [["from": "human", "value": "a"], ["from": "gpt", "value": "b"], ["from": "human", "value": "c"]]]
        let content = RecordContent(fields, kind: .sharegpt)
        #expect(content.turns.map(\.role) == ["user", "assistant", "user"])
        #expect(content.response == nil)
    }

    @Test("alpaca prompt joins instruction and input; eval and document kinds map their fields")
    func pairKinds() {
        let alpaca = RecordContent(["instruction": "Translate", "input": "chat", "output": "cat"], kind: .alpaca)
        #expect(alpaca.prompt == "Translate\n\nchat")
        #expect(alpaca.response == "cat")
        let eval = RecordContent(["question": "Q", "reference": "A"], kind: .evalCase)
        #expect(eval.prompt == "Q" && eval.response == "A")
        let doc = RecordContent(["content": "Body", "title": "T", "updated_at": "2024-01-02", "source": ["type": "scraped"]], kind: .ragDocument)
        #expect(doc.document == "Body" && doc.title == "T" && doc.source == "scraped")
        #expect(doc.timestamp?.field == "updated_at")
    }

    @Test("references are the id, else line:N; annotations live under _sift")
    func referencesAndAnnotations() {
        var record = Record(fields: ["text": "x"], location: RecordLocation(file: "f", line: 7, index: 0))
        #expect(record.reference == "line:7")
        record.annotate("dedup", ["reason": "exact"])
        #expect(record.annotation("dedup")?["reason"] == "exact")
        #expect(Record(fields: ["id": 42], location: RecordLocation(file: "f", line: 1, index: 0)).reference == "42")
    }
}

@Suite("Text utilities")
struct TextUtilityTests {
    @Test("canonical form: NFKC, case-folded, whitespace collapsed")
    func canonical() {
        #expect(TextNormalization.canonical("  Hello\t\nWORLD  ") == "hello world")
        #expect(TextNormalization.canonical("Ｈｅｌｌｏ　ﬁle") == "hello file")
        #expect(TextNormalization.canonical("Straße") == TextNormalization.canonical("STRASSE"))
    }

    @Test("the fast canonical form equals its definition (NFKC, case fold, collapse) on ASCII and Unicode")
    func canonicalMatchesDefinition() {
        func definition(_ text: String) -> String {
            let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
            return folded.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace })
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        }
        let samples = [
            "", "   ", "Hello", "  Hello,\tWORLD \n\r\u{0B}\u{0C} again  ", "ÀÉÎ õü", "ﬁ ligature", "ＦＵＬＬ　ｗｉｄｔｈ",
            "Straße", "a\u{00A0}b\u{2003}c\u{3000}d\u{0085}e", "İstanbul", "ΣΊΣΥΦΟΣ", "emoji 😀  ok", "\u{1F}control\u{7F}",
        ]
        var generator = SplitMix64(seed: 9)
        let alphabet = Array("aZ 09\t\n.,!\u{0B}\u{0C}\r-é\u{00A0}")
        let random = (0..<300).map { _ in String((0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) }
        for text in samples + random {
            #expect(TextNormalization.canonical(text) == definition(text), "\(text.debugDescription)")
        }
    }

    @Test("measures count Unicode scalars and whitespace-separated words")
    func measure() {
        let ascii = TextMeasure("hello  world\n")
        #expect(ascii.characters == 13 && ascii.words == 2)
        let accented = TextMeasure("héllo wörld\u{3000}x")
        #expect(accented.characters == 13 && accented.words == 3)
        let empty = TextMeasure("")
        #expect(empty.characters == 0 && empty.words == 0)
    }

    @Test("measuring bytes accepts exactly the UTF-8 that String(validating:) accepts, and counts alike")
    func measureValidation() {
        var random = SplitMix64(seed: 21)
        // Well-formed sequences at the edges of Table 3-7, Unicode spaces, and ill-formed ones:
        // overlong, surrogate, past U+10FFFF, lone continuation, truncated.
        let pieces: [[UInt8]] = [
            [0x61], [0x20], [0x0A], [0xC2, 0x80], [0xC2, 0xA0], [0xC2, 0x85], [0xDF, 0xBF], [0xE0, 0xA0, 0x80],
            [0xE1, 0x9A, 0x80], [0xE2, 0x80, 0x8A], [0xE2, 0x81, 0x9F], [0xE3, 0x80, 0x80], [0xED, 0x9F, 0xBF],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xFF], [0xE2, 0x80], [0xF0, 0x9F, 0x98],
        ]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                bytes += Int.random(in: 0..<10, using: &random) == 0 ? [UInt8.random(in: 0...255, using: &random)] : pieces.randomElement(using: &random)!
            }
            let expected = String(validating: bytes, as: UTF8.self).map { text in
                TextMeasure(characters: text.unicodeScalars.count,
                            words: text.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }).count)
            }
            #expect(bytes.withUnsafeBufferPointer { TextMeasure(validatingUTF8: $0) } == expected, "\(bytes)")
        }
    }

    @Test("the whitespace table is Unicode's White_Space property on every scalar")
    func whitespaceTable() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TextNormalization.isWhitespace(scalar) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16, uppercase: true))")
            }
        }
    }

    @Test("XXH64 matches the reference test vectors")
    func xxh64() {
        #expect(XXH64.hash("") == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash("a") == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.hash("abc") == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash("Nobody inspects the spammish repetition") == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test("SHA-256 hex digests")
    func sha256() {
        #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("timestamps in the formats datasets carry", arguments: [
        ("2024-03-01", 1_709_251_200.0, TimestampFormat.iso8601Date),
        ("2024-03-01T12:30:00Z", 1_709_296_200.0, .iso8601DateTime),
        ("2024-03-01T12:30:00.5+02:00", 1_709_289_000.5, .iso8601DateTime),
        ("2024-03-01 12:30:00", 1_709_296_200.0, .iso8601DateTime),
        ("03/01/2024", 1_709_251_200.0, .slashDate),
        ("25/12/2024", 1_735_084_800.0, .slashDate),
        ("01.03.2024", 1_709_251_200.0, .dottedDate),
        ("Fri, 01 Mar 2024 12:30:00 GMT", 1_709_296_200.0, .rfc2822),
        ("March 1, 2024", 1_709_251_200.0, .longMonth),
        ("1709251200", 1_709_251_200.0, .epochSeconds),
        ("1709251200000", 1_709_251_200.0, .epochMilliseconds),
    ])
    func timestamps(text: String, seconds: Double, format: TimestampFormat) {
        let parsed = TimestampParser.parse(text)
        #expect(parsed?.secondsSince1970 == seconds)
        #expect(parsed?.format == format)
    }

    @Test("plain dates read directly and padded ones the general way agree", arguments: ["2024-03-01", " 2024-03-01", "2024-03-01\n"])
    func plainDates(text: String) {
        #expect(TimestampParser.parse(text) == ParsedTimestamp(secondsSince1970: 1_709_251_200, format: .iso8601Date))
    }

    @Test("non-dates are not dates", arguments: ["", "soon", "2024-13-01", "2023-02-29", "2024-02-30", "2024-00-10", "2024/03/01x", "v1.2.3", "12", "31/31/2024"])
    func notDates(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test("a field layout reused across records finds what a fresh lookup finds")
    func fieldLayouts() throws {
        let records: [JSONObject] = [
            ["id": "a", "text": "one", "label": "x", "updated_at": "2024-01-01", "source": "crowd"],
            ["id": "b", "text": "two", "label": "y", "updated_at": "2024-01-02", "source": "crowd"],
            // Same keys, other types: an id that is not a scalar falls through to the next id field.
            ["id": ["nested": 1], "text": 3, "label": ["only"], "updated_at": nil, "source": ["type": "synthetic"]],
            // Other keys, other order.
            ["_id": "c", "content": "three", "category": "z", "date": "2024-01-03", "metadata": ["source": "web"], "title": "T"],
            ["label": "w", "text": "four", "id": "d"],
            ["id": "e", "text": "five", "label": "x", "updated_at": "2024-01-02", "source": "crowd"],
        ]
        var layouts = FieldLayout.Cache()
        for fields in records {
            let reused = RecordContent(fields, kind: .classification, layout: layouts.layout(of: fields))
            let fresh = RecordContent(fields, kind: .classification)
            #expect(reused.id == fresh.id)
            #expect(reused.document == fresh.document)
            #expect(reused.label == fresh.label && reused.labelField == fresh.labelField)
            #expect(reused.timestamp?.field == fresh.timestamp?.field && reused.timestamp?.value == fresh.timestamp?.value)
            #expect(reused.source == fresh.source && reused.title == fresh.title)
            // And what the schema's own lookups say.
            #expect(fresh.id == RecordSchema.firstScalar(RecordSchema.idFields, in: fields))
            #expect(fresh.document == RecordSchema.firstString(RecordSchema.documentTextFields, in: fields)?.value)
            #expect(fresh.labelField == RecordSchema.firstPresent(RecordSchema.labelFields, in: fields)?.name)
        }
        #expect(RecordContent(records[2], kind: .classification).id == nil)
        #expect(RecordContent(records[2], kind: .classification).source == "synthetic")
        #expect(RecordContent(records[3], kind: .classification).source == "web")
    }
}
