/// A run of digit groups and the separators between them, as read from a starting digit, `+` or
/// `(`: "+44 20 7946 0958" is the prefix "+", groups [44, 20, 7946, 0958], separators " ".
/// Cards, SSNs, IPv4 addresses and phone numbers are all recognised from this shape, so it is read
/// once per number.
struct DigitGroups {
    var prefix: [UInt8] = []
    /// Byte ranges of the digit groups.
    var groups: [Range<Int>] = []
    /// `separators[k]` precedes `groups[k]` (`separators[0]` is empty).
    var separators: [[UInt8]] = []

    static let separatorBytes: Set<UInt8> = [0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2F]

    /// Reads groups from `start` (a digit, or `+`/`(` before one). At most two separator bytes sit
    /// between groups, with at most one space.
    init(_ t: UnsafeBufferPointer<UInt8>, from start: Int) {
        var i = start
        while i < t.count, t[i] == 0x2B || t[i] == 0x28 { prefix.append(t[i]); i += 1 }
        var pending: [UInt8] = []
        while i < t.count {
            guard ByteText.isDigit(t[i]) else { break }
            let groupStart = i
            while i < t.count, ByteText.isDigit(t[i]) { i += 1 }
            groups.append(groupStart..<i)
            separators.append(pending)
            var j = i
            var separator: [UInt8] = []
            while j < t.count, separator.count < 2, Self.separatorBytes.contains(t[j]) {
                separator.append(t[j])
                j += 1
            }
            guard !separator.isEmpty, j < t.count, ByteText.isDigit(t[j]), !(separator.count == 2 && separator[0] == 0x20 && separator[1] == 0x20) else { break }
            pending = separator
            i = j
        }
    }

    var end: Int { groups.last?.upperBound ?? 0 }
    func digits(_ count: Int) -> Int { groups.prefix(count).reduce(0) { $0 + $1.count } }
    func lengths(_ count: Int) -> [Int] { groups.prefix(count).map(\.count) }

    /// The decimal digits of the first `count` groups.
    func digitValues(_ t: UnsafeBufferPointer<UInt8>, _ count: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(digits(count))
        for group in groups.prefix(count) { for i in group { out.append(Int(t[i]) - 48) } }
        return out
    }

    /// Whether the text after group `count - 1` ends the number: no letter, digit, or separator
    /// followed by a digit (which would make the number longer than the shape matched).
    func endsCleanly(_ t: UnsafeBufferPointer<UInt8>, after count: Int, allowing: Set<UInt8> = []) -> Bool {
        let end = groups[count - 1].upperBound
        guard end < t.count else { return true }
        let next = t[end]
        if ByteText.isAlnum(next) || next == 0x5F { return false }
        if count < groups.count, !allowing.contains(separators[count].first ?? 0) { return false }
        if (next == 0x2D || next == 0x2E || next == 0x2F), end + 1 < t.count, ByteText.isAlnum(t[end + 1]) { return false }
        return true
    }
}

/// Payment card numbers: 13-19 digits, whole or in the groupings printed on cards (4-4-4-4,
/// 4-6-5, 4-6-4), with a known issuer prefix (ISO/IEC 7812 IINs of Visa, Mastercard, Amex,
/// Discover, JCB, Diners, UnionPay, Maestro) and a valid Luhn check digit (ISO/IEC 7812-1 annex B).
enum CardDetector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups) -> Int? {
        guard g.prefix.isEmpty else { return nil }
        for count in stride(from: min(g.groups.count, 5), through: 1, by: -1) {
            let digits = g.digits(count)
            guard (13...19).contains(digits) else { continue }
            let lengths = g.lengths(count)
            let seps = g.separators[1..<count]
            guard seps.allSatisfy({ $0 == seps.first! }), seps.first.map({ $0 == [0x20] || $0 == [0x2D] }) ?? true else { continue }
            let grouped = count == 1 || lengths.dropLast().allSatisfy { $0 == 4 } || lengths == [4, 6, 5] || lengths == [4, 6, 4]
            // A number that follows after a space is separate when the card is not space-grouped.
            let following: Set<UInt8> = seps.first == [0x20] ? [] : [0x20]
            guard grouped, g.endsCleanly(t, after: count, allowing: following) else { continue }
            let values = g.digitValues(t, count)
            if luhnValid(values), knownIssuer(values) { return count }
        }
        return nil
    }

    /// The Luhn (mod 10) check.
    static func luhnValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            if i % 2 == 1 {
                let doubled = d * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        return sum % 10 == 0
    }

    static func knownIssuer(_ d: [Int]) -> Bool {
        func prefix(_ n: Int) -> Int { d.prefix(n).reduce(0) { $0 * 10 + $1 } }
        let length = d.count
        switch d[0] {
        case 4: return length == 13 || length == 16 || length == 19 // Visa
        case 5: return ((51...55).contains(prefix(2)) && length == 16) || ((50...69).contains(prefix(2)) && length >= 12) // Mastercard, Maestro
        case 2: return (2221...2720).contains(prefix(4)) && length == 16 // Mastercard 2-series
        case 3:
            if prefix(2) == 34 || prefix(2) == 37 { return length == 15 } // Amex
            if (3528...3589).contains(prefix(4)) { return length >= 16 } // JCB
            return ((300...305).contains(prefix(3)) || prefix(2) == 36 || prefix(2) == 38 || prefix(2) == 39) && length >= 14 // Diners
        case 6: return prefix(4) == 6011 || prefix(2) == 65 || (644...649).contains(prefix(3)) || prefix(2) == 62 || prefix(2) == 67 // Discover, UnionPay, Maestro
        default: return false
        }
    }
}

/// US Social Security numbers written AAA-GG-SSSS (or with spaces), with the SSA's never-issued
/// values excluded: area 000, 666 and 900-999, group 00, serial 0000. Nine bare digits count only
/// after "SSN" or "social security".
enum SSNDetector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        guard g.prefix.isEmpty else { return nil }
        let values = g.digitValues(t, min(g.groups.count, 3))
        if g.groups.count >= 3, g.lengths(3) == [3, 2, 4], g.separators[1] == g.separators[2],
           g.separators[1] == [0x2D] || g.separators[1] == [0x20],
           g.endsCleanly(t, after: 3, allowing: g.separators[1] == [0x2D] ? [0x20] : []), valid(values) {
            return 3
        }
        if g.groups.first?.count == 9, g.endsCleanly(t, after: 1),
           ByteText.contextBefore(t, start, window: 24, keywords: keywords), valid(g.digitValues(t, 1)) {
            return 1
        }
        return nil
    }

    static let keywords = ["ssn", "social security", "soc. sec"].map { Array($0.utf8) }

    static func valid(_ d: [Int]) -> Bool {
        guard d.count == 9 else { return false }
        let area = d[0] * 100 + d[1] * 10 + d[2]
        let group = d[3] * 10 + d[4]
        let serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }
}

/// Dotted-quad IPv4 addresses (octets 0-255 without leading zeros). Four-part version numbers look
/// the same, so a match right after a version marker ("version", "v", "==", "@"...) or continued
/// by a fifth part or a pre-release suffix is not reported.
enum IPv4Detector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        guard g.prefix.isEmpty, g.groups.count >= 4 else { return nil }
        for k in 1..<4 where g.separators[k] != [0x2E] { return nil }
        if g.groups.count > 4, g.separators[4] == [0x2E] { return nil }
        for group in g.groups.prefix(4) {
            guard group.count <= 3 else { return nil }
            if group.count > 1, t[group.lowerBound] == 48 { return nil }
            var value = 0
            for i in group { value = value * 10 + Int(t[i]) - 48 }
            guard value <= 255 else { return nil }
        }
        let end = g.groups[3].upperBound
        if end < t.count, ByteText.isAlnum(t[end]) || t[end] == 0x5F { return nil }
        if end + 1 < t.count, t[end] == 0x2D || t[end] == 0x2B, ByteText.isLetter(t[end + 1]) { return nil }
        if end + 1 < t.count, t[end] == 0x2E, ByteText.isDigit(t[end + 1]) { return nil }
        if start > 0, versionMarkers.contains(t[start - 1]) { return nil }
        if start > 1, t[start - 1] == 0x3D, comparisonBytes.contains(t[start - 2]) { return nil }
        if versionWords.contains(ByteText.wordBefore(t, start).word) { return nil }
        return 4
    }

    /// `@1.2.3.4` (npm), `^1.2.3.4`, `~1.2.3.4`, `>1.2.3.4`; `==`, `~=`, `>=`, `<=`, `!=` (pip).
    static let versionMarkers: Set<UInt8> = Set("~^@<>".utf8)
    static let comparisonBytes: Set<UInt8> = Set("=~<>!".utf8)
    /// The word right before a version number.
    static let versionWords: Set<[UInt8]> = Set(["version", "versions", "release", "released", "build", "firmware", "ver", "ver.", "v", "v.",
                                                 "rev", "revision", "sdk", "update", "updated", "upgrade", "upgraded"].map { Array($0.utf8) })
}

/// Phone numbers: E.164 (`+` country code, 8-15 digits), North American (NXX) NXX-XXXX with an
/// optional leading 1, and national numbers starting with a trunk 0 in space- or hyphen-separated
/// groups (UK, France, Germany...). After a word such as "phone", "tel" or "call", any grouping of
/// 7-15 digits counts, except dates.
enum PhoneDetector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        guard !g.groups.isEmpty else { return nil }
        if ByteText.contextBefore(t, start, window: 12, keywords: isbnWords) { return nil }
        let plus = g.prefix.first == 0x2B
        let paren = g.prefix.last == 0x28
        if plus {
            // E.164: the longest run of groups with 8-15 digits, not starting with 0.
            guard t[g.groups[0].lowerBound] != 48 else { return nil }
            for count in stride(from: g.groups.count, through: 1, by: -1) where (8...15).contains(g.digits(count)) {
                if g.endsCleanly(t, after: count, allowing: [0x20]), separatorsAreTelephone(g, count) { return count }
            }
            return nil
        }
        for count in stride(from: min(g.groups.count, 6), through: 1, by: -1) {
            guard g.endsCleanly(t, after: count, allowing: [0x20]) else { continue }
            if northAmerican(t, g, count, paren: paren) || national(t, g, count, paren: paren) { return count }
        }
        // After a phone keyword, the whole run of groups, if it has a phone's length and is not a
        // date or a 978/979 book number.
        let count = g.groups.count
        if count <= 6, (7...15).contains(g.digits(count)), ByteText.contextBefore(t, start, window: 20, keywords: phoneWords),
           g.endsCleanly(t, after: count), separatorsAreTelephone(g, count), !dateLike(g, count), !bookNumber(t, g, count) {
            return count
        }
        return nil
    }

    static let phoneWords = ["phone", "tel", "tel.", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me", "ph.", "contact", "dial", "ring"].map { Array($0.utf8) }
    static let isbnWords = ["isbn"].map { Array($0.utf8) }

    /// Separators a phone number is written with: one kind (space, hyphen or dot) after the first
    /// group, which may be set off differently ("+1 415-555-2671"); parentheses around the area code.
    private static func separatorsAreTelephone(_ g: DigitGroups, _ count: Int) -> Bool {
        let allowed: Set<[UInt8]> = [[0x20], [0x2D], [0x2E], [0x29, 0x20], [0x29], [0x29, 0x2D], [0x20, 0x28], [0x2D, 0x28]]
        guard g.separators[1..<count].allSatisfy({ allowed.contains($0) }) else { return false }
        let plain = g.separators[min(2, count)..<count].filter { !$0.contains(0x28) && !$0.contains(0x29) }
        return plain.allSatisfy { $0 == plain.first! }
    }

    /// (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, NXX NXX XXXX, 1-NXX-NXX-XXXX.
    private static func northAmerican(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int, paren: Bool) -> Bool {
        var lengths = g.lengths(count)
        var first = 0
        if lengths.count == 4, lengths[0] == 1, t[g.groups[0].lowerBound] == 49 {
            lengths.removeFirst()
            first = 1
        }
        guard lengths == [3, 3, 4] else { return false }
        let area = t[g.groups[first].lowerBound]
        let exchange = t[g.groups[first + 1].lowerBound]
        guard area >= 50, exchange >= 50 else { return false }
        let s1 = g.separators[first + 1]
        let s2 = g.separators[first + 2]
        if paren || s1.first == 0x29 {
            return (s1 == [0x29, 0x20] || s1 == [0x29] || s1 == [0x29, 0x2D]) && (s2 == [0x2D] || s2 == [0x20] || s2 == [0x2E])
        }
        let consistent = s1 == s2 && (s1 == [0x2D] || s1 == [0x2E] || s1 == [0x20])
        if first == 1 { return consistent && (g.separators[1] == s1 || g.separators[1] == [0x20, 0x28]) }
        return consistent
    }

    /// Trunk-prefixed national numbers: 0 then a non-zero digit, 10-11 digits in 2-5 groups of
    /// 2-8 digits, one separator kind (space or hyphen), or "(0xx) xxx xxxx".
    private static func national(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int, paren: Bool) -> Bool {
        guard count >= 2, count <= 5, (10...11).contains(g.digits(count)) else { return false }
        let firstDigit = t[g.groups[0].lowerBound]
        let secondDigit = g.groups[0].count > 1 ? t[g.groups[0].lowerBound + 1] : t[g.groups[1].lowerBound]
        guard firstDigit == 48, secondDigit != 48 else { return false }
        guard g.lengths(count).allSatisfy({ (2...8).contains($0) }) else { return false }
        var seps = Array(g.separators[1..<count])
        if paren {
            guard seps.first == [0x29, 0x20] else { return false }
            seps.removeFirst()
        }
        return seps.allSatisfy { $0 == [0x20] } || seps.allSatisfy { $0 == [0x2D] }
    }

    /// ISBN-13s and other EAN "bookland" numbers: 13 digits starting 978 or 979.
    private static func bookNumber(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int) -> Bool {
        let d = g.digitValues(t, count)
        return d.count == 13 && d[0] == 9 && d[1] == 7 && (d[2] == 8 || d[2] == 9)
    }

    /// 2024-01-15, 15/01/2024, 01.15.24: a keyword before a date is still a date.
    private static func dateLike(_ g: DigitGroups, _ count: Int) -> Bool {
        let lengths = g.lengths(count)
        guard count == 3 else { return false }
        return lengths == [4, 2, 2] || lengths == [2, 2, 4] || lengths == [1, 2, 4] || lengths == [2, 1, 4]
            || lengths == [1, 1, 4] || lengths == [2, 2, 2]
    }
}
