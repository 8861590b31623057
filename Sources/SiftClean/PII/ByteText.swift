/// Byte-level character tests for the PII detectors. Every pattern they look for is ASCII, so the
/// scanner works on UTF-8 bytes directly; a byte of a multi-byte character is neither a letter nor
/// a digit here, which makes it a boundary, as a space is.
enum ByteText {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 97 < 6 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// Whether the bytes at `i` equal `literal`.
    static func matches(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i >= 0, i + count <= t.count else { return false }
        let base = literal.utf8Start
        for k in 0..<count {
            let a = t[i + k]
            let b = base[k]
            if a != b { return false }
        }
        return true
    }

    /// The lower-cased ASCII word (letters, digits, `_`, `-`, `.`) that ends right before `end`,
    /// after skipping spaces and quotes.
    static func wordBefore(_ t: UnsafeBufferPointer<UInt8>, _ end: Int, maxLength: Int = 32) -> (word: [UInt8], start: Int) {
        var e = end
        while e > 0, t[e - 1] == 32 || t[e - 1] == 0x22 || t[e - 1] == 0x27 { e -= 1 }
        var s = e
        while s > 0, e - s < maxLength, isAlnum(t[s - 1]) || t[s - 1] == 0x5F || t[s - 1] == 0x2D || t[s - 1] == 0x2E { s -= 1 }
        return (Array(t[s..<e]).map(lower), s)
    }

    /// Whether the bytes at `i`, lower-cased, equal `literal` (lower case).
    static func matchesLowered(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i >= 0, i + count <= t.count else { return false }
        let base = literal.utf8Start
        for k in 0..<count where lower(t[i + k]) != base[k] { return false }
        return true
    }

    /// Whether any of `keywords` (lower case) occurs as a word start (not glued to letters on the
    /// left) in the `window` bytes before `end`.
    static func contextBefore(_ t: UnsafeBufferPointer<UInt8>, _ end: Int, window: Int, keywords: [[UInt8]]) -> Bool {
        let start = max(0, end - window)
        for keyword in keywords where keyword.count <= end - start {
            let first = keyword[0]
            var i = start
            while i + keyword.count <= end {
                if lower(t[i]) == first, i == 0 || !isLetter(t[i - 1]) {
                    var k = 1
                    while k < keyword.count, lower(t[i + k]) == keyword[k] { k += 1 }
                    if k == keyword.count { return true }
                }
                i += 1
            }
        }
        return false
    }
}
