import Foundation
import Testing
@testable import SiftCore

@Suite("JSON parser")
struct JSONParserTests {
    @Test("parses every JSON type and keeps member order and number literals")
    func parsesTypes() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, -0.5e3, "x"], "big": 12345678901234567890, "f": 1.0}"#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(Array(object.keys) == ["z", "a", "big", "f"])
        #expect(object["big"] == .number("12345678901234567890"))
        #expect(object["a"] == [true, false, nil, .number("-0.5e3"), "x"])
        #expect(JSONWriter().string(value) == #"{"z":1,"a":[true,false,null,-0.5e3,"x"],"big":12345678901234567890,"f":1.0}"#)
    }

    @Test("decodes escapes, surrogate pairs and replaces lone surrogates")
    func escapes() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\udc00""#) == .string("\u{FFFD}"))
    }

    @Test("objects and arrays keep their own members when built side by side")
    func containers() throws {
        // A repeated key keeps its first position and its last value, as Python's json does.
        let repeated = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(Array(repeated.objectValue!.keys) == ["a", "b"])
        #expect(repeated["a"] == 3)
        // Sibling objects with the same keys share a key list, not their values.
        let messages = try JSONParser.parse(#"[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}, 7, {"role": "user"}]"#)
        #expect(messages == [["role": "user", "content": "hi"], ["role": "assistant", "content": "hello"], 7, ["role": "user"]])
        // Values of an enclosing array and of enclosing objects stay where they were.
        let nested = try JSONParser.parse(#"[1, {"a": [2, {"a": 3, "b": []}], "b": {}}, [4, [5]], "six"]"#)
        #expect(nested == [1, ["a": [2, ["a": 3, "b": []]], "b": [:]], [4, [5]], "six"])
        // More members than the stack first holds, and a large object (hashed keys, a repeat).
        let wide = (0..<40).map { "\"k\($0 % 30)\": \($0)" }.joined(separator: ", ")
        let object = try JSONParser.parse("{\(wide)}").objectValue!
        #expect(object.count == 30)
        #expect(object["k3"] == 33)
        #expect(Array(object.keys.prefix(3)) == ["k0", "k1", "k2"])
    }

    @Test("rejects invalid JSON with the offending offset", arguments: [
        (#"{"a": 1,}"#, 8), (#"[1, 2"#, 5), (#"{"a" 1}"#, 5), (#"01"#, 1), (#"NaN"#, 0),
        (#""abc"#, 0), ("\"a\u{01}b\"", 2), (#"{"a": tru}"#, 6), (#"[1] x"#, 4), (#""\x""#, 1), ("", 0),
    ])
    func rejects(input: String, offset: Int) throws {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.offset == offset, "\(input): \(error.message)")
        }
    }

    @Test("rejects invalid UTF-8 inside strings and points at it")
    func invalidUTF8() {
        let bytes: [UInt8] = Array(#"{"t": "ab"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.message.contains("invalid UTF-8"))
            #expect(error.offset == 9)
        }
    }

    @Test("limits nesting depth instead of exhausting the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test("agrees with Foundation's JSONSerialization on fuzzed input")
    func fuzzAgainstFoundation() throws {
        var rng = SplitMix64(seed: 20261125)
        var accepted = 0
        for _ in 0..<3000 {
            var text = Array(randomJSON(&rng, depth: 0).utf8)
            // Mutate half of the documents: drop, duplicate or replace a byte.
            if rng.next() % 2 == 0, !text.isEmpty {
                let i = Int(rng.next() % UInt64(text.count))
                switch rng.next() % 3 {
                case 0: text.remove(at: i)
                case 1: text.insert(text[i], at: i)
                default:
                    let replacements = Array(#"{}[],:"\ 0a-.e"#.utf8)
                    text[i] = replacements[Int(rng.next() % UInt64(replacements.count))]
                }
            }
            let ours = try? JSONParser.parse(text)
            let theirs = try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
            // The one deliberate difference: a lone UTF-16 surrogate escape becomes U+FFFD (as Python
            // accepts it) where Foundation rejects the document.
            if let ours, theirs == nil, JSONWriter().string(ours).contains("\u{FFFD}") { continue }
            #expect((ours != nil) == (theirs != nil), "disagree on: \(String(decoding: text, as: UTF8.self))")
            if let ours, let theirs {
                accepted += 1
                #expect(sameValue(ours, theirs), "values differ for: \(String(decoding: text, as: UTF8.self))")
            }
        }
        #expect(accepted > 1000)
    }
}

func randomJSON(_ rng: inout SplitMix64, depth: Int) -> String {
    let choice = depth > 3 ? rng.next() % 4 : rng.next() % 6
    switch choice {
    case 0: return ["true", "false", "null"][Int(rng.next() % 3)]
    case 1: return ["0", "-1", "3.25", "1e5", "-0.5E-3", "42", "123456789"][Int(rng.next() % 7)]
    case 2, 3:
        let pieces = ["a", "é", "\\n", "\\\"", "\\u00e9", " ", "中文", "\\ud83d\\ude00", "x y"]
        return "\"" + (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() + "\""
    case 4:
        return "[" + (0..<Int(rng.next() % 4)).map { _ in randomJSON(&rng, depth: depth + 1) }.joined(separator: ", ") + "]"
    default:
        return "{" + (0..<Int(rng.next() % 4)).map { i in "\"k\(i)\": " + randomJSON(&rng, depth: depth + 1) }.joined(separator: ",") + "}"
    }
}

/// Compares a Sift value with a Foundation value of the same document.
func sameValue(_ ours: JSONValue, _ theirs: Any) -> Bool {
    switch ours {
    case .null: return theirs is NSNull
    case .bool(let b): return (theirs as? Bool) == b
    case .number(let literal): return (theirs as? NSNumber).map { abs($0.doubleValue - Double(literal)!) <= 1e-9 * max(1, abs($0.doubleValue)) } ?? false
    case .string(let s): return (theirs as? String) == s
    case .array(let items):
        guard let other = theirs as? [Any], other.count == items.count else { return false }
        return zip(items, other).allSatisfy { sameValue($0, $1) }
    case .object(let members):
        guard let other = theirs as? [String: Any], other.count == members.count else { return false }
        return members.allSatisfy { key, value in other[key].map { sameValue(value, $0) } ?? false }
    }
}
