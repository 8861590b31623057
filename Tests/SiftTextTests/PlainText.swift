import SiftCore

/// Plain scalar references for the fast paths of SiftText, written the obvious way, byte by byte,
/// and the random and adversarial texts they are compared on.
enum PlainText {
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Does `phrase` (ASCII, lowercase) occur at `i`? Its apostrophes match ' or U+2019 each.
    static func occurs(_ phrase: [UInt8], in text: [UInt8], at i: Int) -> Bool {
        var t = i
        for byte in phrase {
            if byte == UInt8(ascii: "'"), t + 3 <= text.count, text[t] == 0xE2, text[t + 1] == 0x80, text[t + 2] == 0x99 {
                t += 3
                continue
            }
            guard t < text.count, lower(text[t]) == byte else { return false }
            t += 1
        }
        return true
    }

    /// The phrase (lowest index) at the earliest word-start position, as `PhraseMatcher` promises.
    static func firstMatch(_ phrases: [String], _ text: String) -> Int? {
        let bytes = Array(text.utf8)
        for i in 0..<max(bytes.count, 0) {
            if i > 0, isWordByte(bytes[i - 1]), isWordByte(bytes[i]) { continue }
            for (k, phrase) in phrases.enumerated() where !phrase.isEmpty && occurs(Array(phrase.lowercased().utf8), in: bytes, at: i) { return k }
        }
        return nil
    }

    static func prefixMatch(_ phrases: [String], _ text: String) -> Int? {
        let bytes = Array(text.utf8)
        return phrases.indices.first { !phrases[$0].isEmpty && occurs(Array(phrases[$0].lowercased().utf8), in: bytes, at: 0) }
    }

    /// Words: maximal runs of bytes that are not ASCII whitespace.
    static func words(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for (i, byte) in bytes.enumerated() {
            if isSpace(byte) {
                if let s = start { out.append(s..<i) }
                start = nil
            } else if start == nil {
                start = i
            }
        }
        if let s = start { out.append(s..<bytes.count) }
        return out
    }

    /// FNV-1a (64 bits) of the bytes, ASCII letters lowercased.
    static func fnv(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(lower(byte))) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Lengths around every 16-byte block edge the fast paths cross.
    static let lengths = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 18, 31, 32, 33, 47, 48, 49, 64, 100, 257]
}
