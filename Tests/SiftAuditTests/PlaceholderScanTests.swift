@testable import SiftAudit
import SiftCore
import Testing

/// `PlaceholderCheck.scan` (its word list, sixteen-byte stop test and byte loop) against a plain,
/// line-by-line version of what its doc comment promises.
@Suite("placeholder scan against a plain scan")
struct PlaceholderScanTests {
    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    static func plainKind(_ b: [UInt8], at i: Int) -> PlaceholderCheck.Kind? {
        func lowered(_ start: Int, _ word: String) -> Bool {
            let w = Array(word.utf8)
            return start + w.count <= b.count && b[start..<(start + w.count)].map(lower) == w
        }
        let startsWord = i == 0 || !isWordByte(b[i - 1])
        switch b[i] {
        case UInt8(ascii: "["), UInt8(ascii: "<"):
            if ["your ", "insert", "placeholder"].contains(where: { lowered(i + 1, $0) }) { return .bracketSlot }
        case UInt8(ascii: "{"):
            guard i + 1 < b.count, b[i + 1] == UInt8(ascii: "{") else { return nil }
            var j = i + 2
            while j < b.count, b[j] == 0x20 { j += 1 }
            let identifier = j
            while j < b.count, (b[j] < 0x80 && isWordByte(b[j])) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: ".") { j += 1 }
            guard j > identifier else { return nil }
            while j < b.count, b[j] == 0x20 { j += 1 }
            if j + 1 < b.count, b[j] == UInt8(ascii: "}"), b[j + 1] == UInt8(ascii: "}") { return .templateSlot }
        default:
            guard startsWord else { return nil }
            for marker in ["TODO", "FIXME", "TBD"] {
                let m = Array(marker.utf8)
                let end = i + m.count
                if end <= b.count, Array(b[i..<end]) == m, end == b.count || !isWordByte(b[end]) { return .marker }
            }
            if lowered(i, "lorem ipsum") { return .loremIpsum }
        }
        return nil
    }

    static func plainScan(_ text: String) -> PlaceholderCheck.Kind? {
        let b = Array(text.utf8)
        var inCode = false
        var start = 0
        while start < b.count {
            let end = b[start...].firstIndex(of: 0x0A) ?? b.count
            if b[start..<end].drop(while: { $0 == 0x20 || $0 == 0x09 }).starts(with: Array("```".utf8)) {
                inCode.toggle()
            } else if !inCode {
                for i in start..<end { if let kind = plainKind(b, at: i) { return kind } }
            }
            start = end + 1
        }
        return nil
    }

    @Test("the first placeholder outside code blocks equals the plain scan on random and adversarial text")
    func againstReference() {
        var random = SplitMix64(seed: 29)
        let pieces = ["[your ", "[Your Name]", "<insert", "[PLACEHOLDER]", "{{ name }}", "{{x}}", "{{ }}", "{{a.b_c", "TODO", "TBD", "FIXME",
                      "todo", "TODOs", "xTODO", "lorem ipsum", "Lorem Ipsum", "lorem", "\n```\n", "  ```py\n", "é", "\u{2019}", "  ", "\n"]
        let alphabet = ["a", "T", "O", "B", "F", "I", "l", "L", "o", " ", "\n", "[", "<", "{", "}", "x", "é", "`", "\t", "_", "."]
        for length in [0, 1, 2, 15, 16, 17, 18, 31, 32, 33, 64, 200] {
            for _ in 0..<150 {
                var text = ""
                while text.utf8.count < length {
                    if Int.random(in: 0..<3, using: &random) == 0 { text += pieces.randomElement(using: &random)! } else { text += alphabet.randomElement(using: &random)! }
                }
                #expect(PlaceholderCheck.scan(text) == Self.plainScan(text), "\(text.debugDescription)")
            }
        }
        // Each placeholder straddling the block edges, after a word or a space.
        for piece in ["[your x]", "{{ a }}", "TODO", "FIXME", "lorem ipsum", "<placeholder>"] {
            for offset in 0..<40 {
                for filler in ["x", " ", "é"] {
                    let text = String(repeating: filler, count: offset) + piece + " tail"
                    #expect(PlaceholderCheck.scan(text) == Self.plainScan(text), "\(text.debugDescription)")
                }
            }
        }
    }
}
