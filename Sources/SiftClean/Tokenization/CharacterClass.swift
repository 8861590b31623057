/// A set of Unicode scalars given as sorted ranges, with a bitmap for ASCII: the regex character
/// classes of spaCy's tokenizer rules, tested per character millions of times a second, so the
/// common (ASCII) case must be one bit test.
struct CharacterClass: Sendable {
    private let asciiLow: UInt64
    private let asciiHigh: UInt64
    private let lowers: [UInt32]
    private let uppers: [UInt32]

    init(_ ranges: [ClosedRange<UInt32>]) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var lowers: [UInt32] = []
        var uppers: [UInt32] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound < 128 {
                for value in range.lowerBound...min(range.upperBound, 127) {
                    if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
                }
            }
            if range.upperBound >= 128 {
                lowers.append(max(range.lowerBound, 128))
                uppers.append(range.upperBound)
            }
        }
        asciiLow = low
        asciiHigh = high
        self.lowers = lowers
        self.uppers = uppers
    }

    init(scalars: Set<UInt32>) {
        self.init(scalars.map { $0...$0 })
    }

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return asciiLow & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return asciiHigh & (1 << UInt64(scalar - 64)) != 0 }
        var lo = 0
        var hi = lowers.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if uppers[mid] < scalar { lo = mid + 1 } else { hi = mid }
        }
        return lo < lowers.count && lowers[lo] <= scalar
    }
}

/// Character predicates with Python's definitions, because the filters being reproduced are Python
/// code: `str.isspace`, `str.isalpha`, `str.isdigit` differ from Swift's Unicode properties.
enum PythonCharacter {
    /// `str.isspace()`: bidirectional class WS, B or S, or category Zs. Unlike Unicode White_Space it
    /// includes the information separators U+001C...U+001F.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        if c < 128 { return c == 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31) }
        switch c {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `str.isalpha()` for one character: general category Lu, Ll, Lt, Lm or Lo.
    @inline(__always)
    static func isAlpha(_ c: UInt32) -> Bool {
        if c < 128 { return (c | 0x20) >= 97 && (c | 0x20) <= 122 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `\d` in a Unicode Python regex: category Nd.
    @inline(__always)
    static func isDecimalDigit(_ c: UInt32) -> Bool {
        if c < 128 { return c >= 48 && c <= 57 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// Whether every character is in a Unicode punctuation category (P*): spaCy's `is_punct`.
    static func isPunctuation(_ c: UInt32) -> Bool {
        if c < 128 { return asciiPunctuation.contains(c) }
        return isPunctuationCategory(c)
    }

    /// The ASCII characters in a P* category, from the same Unicode data, for a bit test instead
    /// of a property lookup.
    private static let asciiPunctuation = CharacterClass(scalars: Set((UInt32(0)..<128).filter(isPunctuationCategory)))

    private static func isPunctuationCategory(_ c: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
