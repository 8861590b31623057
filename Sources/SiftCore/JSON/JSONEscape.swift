/// The string-escape rules of RFC 8259 §7 as Sift reads them, stated once for `JSONParser` and the
/// faster `JSONCursor`, which must decode every string byte for byte alike.
enum JSONEscape {
    /// The byte a one-letter escape stands for (`\" \\ \/ \b \f \n \r \t`); nil for `u` (see
    /// `scalar`) and for letters that are not escapes.
    @inline(__always)
    static func byte(for letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return letter
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    @inline(__always)
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func isHighSurrogate(_ code: UInt32) -> Bool { (0xD800..<0xDC00).contains(code) }

    /// The scalar of a `\u` escape with `code`, given the code of the `\u` escape right after it
    /// (`next`, nil when none follows). A high surrogate followed by an escaped low surrogate is one
    /// scalar and uses up `next`; any other surrogate, alone, becomes U+FFFD (as Python's `json`
    /// reads it into a string that can be encoded again).
    static func scalar(_ code: UInt32, next: UInt32?) -> (scalar: Unicode.Scalar, usesNext: Bool) {
        if isHighSurrogate(code) {
            if let low = next, (0xDC00..<0xE000).contains(low) {
                return (Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))!, true)
            }
            return ("\u{FFFD}", false)
        }
        return (Unicode.Scalar(code) ?? "\u{FFFD}", false)
    }
}
