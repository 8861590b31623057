import Testing
import SiftCore
import SiftTestSupport

/// `JSONCursor` must never accept what `JSONParser` rejects, and must read strings exactly as the
/// parser decodes them: commands that read lines with it fall back to the parser only when it stops.
@Suite("JSON cursor against the parser")
struct JSONCursorTests {
    /// Whether the cursor reads `text` as one JSON value with nothing after it.
    func cursorAccepts(_ text: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            var cursor = JSONCursor(bytes, maxDepth: maxDepth)
            do throws(JSONCursor.Stop) {
                try cursor.skipValue(depth: 0)
                return cursor.atEnd()
            } catch {
                return false
            }
        }
    }

    func parserAccepts(_ text: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> Bool {
        (try? JSONParser.parse(text, maxDepth: maxDepth)) != nil
    }

    @Test("accepts only what the parser accepts, on random and damaged records of every shape")
    func acceptanceIsASubset() {
        var generator = AdversarialJSON(seed: 20)
        var accepted = 0
        var valid = 0
        for i in 0..<6_000 {
            let line = generator.line(AdversarialJSON.Shape.allCases[i % 3])
            let maxDepth = i % 50 == 0 ? 3 : JSONParser.defaultMaxDepth
            let cursor = cursorAccepts(line, maxDepth: maxDepth)
            let parser = parserAccepts(line, maxDepth: maxDepth)
            #expect(!cursor || parser, "cursor accepted what the parser rejects: \(String(decoding: line, as: UTF8.self))")
            if cursor { accepted += 1 }
            if parser { valid += 1 }
        }
        // The cursor stops on valid records only for nesting past its limit and escaped or
        // non-ASCII keys, which the generator writes often: still most valid records are read.
        #expect(valid > 1_000)
        #expect(Double(accepted) > 0.75 * Double(valid))
    }

    @Test("strings: accepted exactly when the parser accepts them, decoded and measured alike")
    func strings() throws {
        var generator = AdversarialJSON(seed: 7)
        var checked = 0
        for round in 0..<20_000 {
            // Long strings too, so that escapes and stops fall at every place of a 32-byte block.
            let text = generator.string(maxPieces: round % 4 == 0 ? 40 : 8)
            let parsed = try? JSONParser.parse(text)
            // Measured in the pass that reads it, as `sift stats` does.
            let measuredInPass: TextMeasure? = text.withUnsafeBufferPointer { bytes in
                var cursor = JSONCursor(bytes, maxDepth: 8)
                guard let measure = try? cursor.measuredString(), cursor.atEnd() else { return nil }
                return measure
            }
            let read: (String, TextMeasure, Bool)? = text.withUnsafeBufferPointer { bytes in
                var cursor = JSONCursor(bytes, maxDepth: 8)
                do throws(JSONCursor.Stop) {
                    let string = try cursor.string()
                    let measure = try cursor.measure(string)
                    let decoded = try cursor.decoded(string)
                    let blank = try cursor.isBlank(string)
                    guard cursor.atEnd() else { return nil }
                    return (decoded, measure, blank)
                } catch {
                    return nil
                }
            }
            let shown = String(decoding: text, as: UTF8.self)
            guard case .string(let expected)? = parsed else {
                #expect(read == nil, "cursor read a string the parser rejects: \(shown)")
                #expect(measuredInPass == nil, "measuredString read a string the parser rejects: \(shown)")
                continue
            }
            let (decoded, measure, blank) = try #require(read, "cursor stopped on a valid string: \(shown)")
            #expect(measuredInPass == measure, "\(shown)")
            #expect(decoded == expected, "\(shown)")
            #expect(measure == TextMeasure(expected), "\(shown)")
            #expect(blank == TextNormalization.isBlank(expected), "\(shown)")
            checked += 1
        }
        #expect(checked > 5_000)
    }

    @Test("nesting: up to its limit, and never past the parser's")
    func depth() {
        let nested = { (levels: Int) -> [UInt8] in Array((String(repeating: "[", count: levels) + String(repeating: "]", count: levels)).utf8) }
        #expect(cursorAccepts(nested(64)))
        #expect(!cursorAccepts(nested(65)))
        #expect(parserAccepts(nested(65)))
        #expect(!cursorAccepts(nested(5), maxDepth: 4))
        #expect(!parserAccepts(nested(5), maxDepth: 4))
    }
}
