/// A run of digit groups and the separators between them, as read from a starting digit, `+` or
/// `(`: "+44 20 7946 0958" is `+`, groups [44, 20, 7946, 0958], separators " ".
/// Cards, SSNs, IPv4 addresses and phone numbers are all recognised from this shape, so it is read
/// once per number.
struct DigitGroups {
    /// A `+` before the first digit.
    var plus = false
    /// A `(` before the first digit (or before the `+`).
    var paren = false
    /// Byte ranges of the digit groups.
    var groups: [Range<Int>] = []
    /// `separators[k]` precedes `groups[k]` (`separators[0]` is 0): one or two separator bytes
    /// packed as `first | second << 8`, so comparing one is comparing two integers.
    var separators: [UInt16] = []
    /// Digits in all groups read.
    var digitCount = 0

    /// At most this many groups are read: no detector's shape has more.
    static let maxGroups = 9

    @inline(__always) static func isSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x2D || b == 0x2E || b == 0x28 || b == 0x29 || b == 0x2F
    }

    /// A separator as packed in `separators`.
    static func code(_ first: UInt8, _ second: UInt8 = 0) -> UInt16 { UInt16(first) | UInt16(second) << 8 }
    static let space = code(0x20), hyphen = code(0x2D), dot = code(0x2E), slash = code(0x2F)

    /// Reads groups from `start` (a digit, or `+`, `(`, `(+`, `+(` before one). At most two
    /// separator bytes sit between groups, not two spaces and not ". ".
    init(_ t: UnsafeBufferPointer<UInt8>, from start: Int) {
        var i = start
        if i < t.count, t[i] == 0x28 { paren = true; i += 1 }
        if i < t.count, t[i] == 0x2B { plus = true; i += 1 }
        if !paren, plus, i < t.count, t[i] == 0x28 { paren = true; i += 1 }
        groups.reserveCapacity(4)
        separators.reserveCapacity(4)
        var pending: UInt16 = 0
        while i < t.count, groups.count < Self.maxGroups {
            guard ByteText.isDigit(t[i]) else { break }
            let groupStart = i
            while i < t.count, ByteText.isDigit(t[i]) { i += 1 }
            groups.append(groupStart..<i)
            separators.append(pending)
            digitCount += i - groupStart
            guard i + 1 < t.count, Self.isSeparator(t[i]) else { break }
            var j = i + 1
            var separator = UInt16(t[i])
            if Self.isSeparator(t[j]) {
                // Two spaces, or a full stop and a space, end a number rather than join groups.
                guard !(t[j] == 0x20 && (t[i] == 0x20 || t[i] == 0x2E)) else { break }
                separator |= UInt16(t[j]) << 8
                j += 1
            }
            guard j < t.count, ByteText.isDigit(t[j]) else { break }
            pending = separator
            i = j
        }
    }

    func digits(_ count: Int) -> Int {
        var total = 0
        for k in 0..<count { total += groups[k].count }
        return total
    }
    func lengths(_ count: Int) -> [Int] { groups.prefix(count).map(\.count) }
    func length(_ k: Int) -> Int { groups[k].count }

    /// The decimal digits of the first `count` groups.
    func digitValues(_ t: UnsafeBufferPointer<UInt8>, _ count: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(digits(count))
        for group in groups.prefix(count) { for i in group { out.append(Int(t[i]) - 48) } }
        return out
    }

    /// Whether the text at `end` ends a number: no letter, digit or `_`, and no `-`, `.` or `/`
    /// before a letter or digit (which would make it part of a longer token).
    static func endsCleanly(_ t: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        guard end < t.count else { return true }
        let next = t[end]
        if ByteText.isAlnum(next) || next == 0x5F { return false }
        if next == 0x2D || next == 0x2E || next == 0x2F, end + 1 < t.count, ByteText.isAlnum(t[end + 1]) { return false }
        return true
    }

    /// Whether the text after group `count - 1` ends the number: it ends cleanly, and when more
    /// groups follow, `space` allows it and the separator before them starts with a space or
    /// closes a bracket (for shapes that may be followed by another number).
    func endsCleanly(_ t: UnsafeBufferPointer<UInt8>, after count: Int, allowing space: Bool = false) -> Bool {
        if count < groups.count, !(space && (separators[count] & 0xFF == 0x20 || separators[count] & 0xFF == 0x29)) { return false }
        return Self.endsCleanly(t, at: groups[count - 1].upperBound)
    }

    /// Whether the number at `start` continues a run of space-separated groups: right after a
    /// group and a space ("7 024 418 757", "7206 4125 2090 0769 4552 00"), or with `sameLength`,
    /// after a group as long as its first.
    func continuesRun(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, sameLength: Bool = false) -> Bool {
        guard start >= 2, t[start - 1] == 0x20, ByteText.isDigit(t[start - 2]) else { return false }
        guard sameLength else { return true }
        var j = start - 1
        while j > 0, ByteText.isDigit(t[j - 1]) { j -= 1 }
        return start - 1 - j == groups[0].count
    }
}

/// US Social Security numbers written AAA-GG-SSSS (or with spaces), with the SSA's never-issued
/// values excluded: area 000, 666 and 900-999, group 00, serial 0000. Nine bare digits count only
/// after "SSN" or "social security".
enum SSNDetector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        guard !g.plus, !g.paren else { return nil }
        if g.groups.count >= 3, g.length(0) == 3, g.length(1) == 2, g.length(2) == 4, g.separators[1] == g.separators[2],
           g.separators[1] == DigitGroups.hyphen || g.separators[1] == DigitGroups.space,
           g.endsCleanly(t, after: 3, allowing: g.separators[1] == DigitGroups.hyphen), valid(g.digitValues(t, 3)) {
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
        guard !g.plus, !g.paren, g.groups.count >= 4 else { return nil }
        for k in 1..<4 where g.separators[k] != DigitGroups.dot { return nil }
        if g.groups.count > 4, g.separators[4] == DigitGroups.dot { return nil }
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
        if start > 1, t[start - 1] == 0x3C || t[start - 1] == 0x3E, ByteText.isAlnum(t[start - 2]) || t[start - 2] == 0x5F || t[start - 2] == 0x2D { return nil }
        if start > 1, t[start - 1] == 0x3D, comparisonBytes.contains(t[start - 2]) { return nil }
        if versionWords.contains(ByteText.wordBefore(t, start).word) { return nil }
        return 4
    }

    /// `^1.2.3.4`, `~1.2.3.4` (npm ranges); `pkg<1.2.3.4`, `pkg>1.2.3.4` right after a package name;
    /// `==`, `~=`, `>=`, `<=`, `!=` (pip). Not `@`, which is far more often `user@host` than an npm
    /// version with four parts, and not a `<` or `>` after a space, which brackets an address.
    static let versionMarkers: Set<UInt8> = Set("~^".utf8)
    static let comparisonBytes: Set<UInt8> = Set("=~<>!".utf8)
    /// The word right before a version number.
    static let versionWords: Set<[UInt8]> = Set(["version", "versions", "release", "released", "build", "firmware", "ver", "ver.", "v", "v.",
                                                 "rev", "revision", "sdk", "update", "updated", "upgrade", "upgraded"].map { Array($0.utf8) })
}
