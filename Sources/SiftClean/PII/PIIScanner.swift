/// Finds personal data and secrets in text with hand-written scanners: one pass over the UTF-8
/// bytes, where only the bytes that can start or anchor a match (digits, `+`, `(`, `@`, `=`, `:`,
/// word starts that can begin a token or an IBAN) cost more than a table lookup. Regular
/// expressions would be simpler to read but are several times slower on Linux, and the detectors
/// need validation (Luhn, mod-97, octet ranges) that patterns cannot express anyway.
///
/// Reusable on its own: the audit's `pii` check calls `scan` on record texts.
public struct PIIScanner: Sendable {
    public let types: Set<PIIType>
    private let email, phone, card, iban, ssn, ipv4, ipv6, secret, urlCredentials: Bool
    private let numbers: Bool

    public init(types: Set<PIIType> = Set(PIIType.allCases)) {
        self.types = types
        email = types.contains(.email)
        phone = types.contains(.phone)
        card = types.contains(.creditCard)
        iban = types.contains(.iban)
        ssn = types.contains(.usSSN)
        ipv4 = types.contains(.ipv4)
        ipv6 = types.contains(.ipv6)
        secret = types.contains(.secret)
        urlCredentials = types.contains(.urlCredentials)
        numbers = phone || card || ssn || ipv4
    }

    /// Matches in `text`, in order, without overlaps (byte ranges of its UTF-8).
    public func scan(_ text: String) -> [PIIMatch] {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    /// Byte classes: what a byte can start (the low three bits; anything else is skipped with one
    /// table lookup), and `wordByte` for ASCII letters, digits and `_`.
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = 1 }
        table[Int(UInt8(ascii: "+"))] = 1
        table[Int(UInt8(ascii: "("))] = 1
        table[Int(UInt8(ascii: "@"))] = 2
        table[Int(UInt8(ascii: "="))] = 3
        table[Int(UInt8(ascii: ":"))] = 3
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = 4 }
        for b in UInt8(ascii: "a")...UInt8(ascii: "f") { table[Int(b)] = 4 }
        for b in "gsrx-".utf8 { table[Int(b)] = 4 }
        for b in 0...255 where ByteText.isAlnum(UInt8(b)) || b == 0x5F { table[b] |= wordByte }
        return table
    }()

    /// Inside a word (after a letter, digit or `_`) nothing can start but at `@`, `=` or `:`, which
    /// are not word bytes: every detector of the other classes needs a word start. So after a word
    /// byte that starts no match, the scan jumps over the rest of its word.
    private static let wordByte: UInt8 = 8

    @inline(__always)
    private static func afterWord(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ classes: [UInt8]) -> Int {
        var j = i + 1
        while j < t.count, classes[Int(t[j])] & wordByte != 0 { j += 1 }
        return j
    }

    public func scan(_ t: UnsafeBufferPointer<UInt8>) -> [PIIMatch] {
        var found: [PIIMatch] = []
        let n = t.count
        var i = 0
        let classes = Self.classes
        while i < n {
            let entry = classes[Int(t[i])]
            let kind = entry & 7
            if kind == 0 {
                i = entry & Self.wordByte != 0 ? Self.afterWord(t, i, classes) : i + 1
                continue
            }
            let previous: UInt8 = i > 0 ? t[i - 1] : 0x20
            let wordStart = !(ByteText.isAlnum(previous) || previous == 0x5F)
            switch kind {
            case 1:
                if ipv6, wordStart, ByteText.isHex(t[i]), previous != 0x3A || Self.afterLabel(t, i), let range = IPv6Detector.match(t, at: i) {
                    found.append(PIIMatch(type: .ipv6, range: range))
                    i = range.upperBound
                    continue
                }
                if numbers, wordStart, let next = numberMatch(t, at: i, previous: previous) {
                    if let match = next.match { found.append(match) }
                    i = max(i + 1, next.resume)
                    continue
                }
            case 2:
                if urlCredentials, let range = URLCredentialsDetector.match(t, at: i) {
                    found.append(PIIMatch(type: .urlCredentials, range: range))
                } else if email, let range = EmailDetector.match(t, at: i) {
                    found.append(PIIMatch(type: .email, range: range))
                }
            case 3:
                if secret, let range = SecretDetector.assignment(t, at: i) {
                    found.append(PIIMatch(type: .secret, range: range))
                    i = range.upperBound
                    continue
                }
                if ipv6, t[i] == 0x3A, i + 1 < n, t[i + 1] == 0x3A, wordStart, previous != 0x3A, let range = IPv6Detector.match(t, at: i) {
                    found.append(PIIMatch(type: .ipv6, range: range))
                    i = range.upperBound
                    continue
                }
            default:
                guard wordStart else { break }
                if secret, let range = SecretDetector.token(t, at: i) {
                    found.append(PIIMatch(type: .secret, range: range))
                    i = range.upperBound
                    continue
                }
                if iban, ByteText.isUpper(t[i]), i + 3 < n, ByteText.isUpper(t[i + 1]), ByteText.isDigit(t[i + 2]), ByteText.isDigit(t[i + 3]),
                   let range = IBANDetector.match(t, at: i) {
                    found.append(PIIMatch(type: .iban, range: range))
                    i = range.upperBound
                    continue
                }
                if ipv6, ByteText.isHex(t[i]), previous != 0x3A || Self.afterLabel(t, i), let range = IPv6Detector.match(t, at: i) {
                    found.append(PIIMatch(type: .ipv6, range: range))
                    i = range.upperBound
                    continue
                }
            }
            i = entry & Self.wordByte != 0 ? Self.afterWord(t, i, classes) : i + 1
        }
        return Self.resolveOverlaps(found)
    }

    /// Numbers starting at `i`: the match, if any, and where scanning resumes.
    private func numberMatch(_ t: UnsafeBufferPointer<UInt8>, at i: Int, previous: UInt8) -> (match: PIIMatch?, resume: Int)? {
        let b = t[i]
        let digit = ByteText.isDigit(b)
        if digit {
            // Inside an identifier or a decimal number: 550e8400-e29b, v2.1, ORD-2024.
            if i >= 2, previous == 0x2D || previous == 0x2E || previous == 0x2F || previous == 0x23, ByteText.isAlnum(t[i - 2]) || t[i - 2] == 0x23 {
                return (nil, skipDigits(t, i))
            }
            // After `#`, `$` or `/` (numbers, prices, paths), but not after `//`: a URL's host.
            if previous == 0x23 || previous == 0x24 || (previous == 0x2F && !(i >= 2 && t[i - 2] == 0x2F)) { return (nil, skipDigits(t, i)) }
        } else {
            // `+` or `(` starts a number only right before a digit: "+44", "(0161)", "(+44)", "+(44)".
            var j = i + 1
            if j < t.count, t[j] == 0x2B || t[j] == 0x28, t[j] != b { j += 1 }
            guard j < t.count, ByteText.isDigit(t[j]) else { return nil }
        }
        let groups = DigitGroups(t, from: i)
        guard !groups.groups.isEmpty else { return nil }
        if card, let count = CardDetector.match(t, groups, start: i) {
            return (PIIMatch(type: .creditCard, range: i..<groups.groups[count - 1].upperBound), groups.groups[count - 1].upperBound)
        }
        if ssn, let count = SSNDetector.match(t, groups, start: i) {
            return (PIIMatch(type: .usSSN, range: i..<groups.groups[count - 1].upperBound), groups.groups[count - 1].upperBound)
        }
        if ipv4, let count = IPv4Detector.match(t, groups, start: i) {
            return (PIIMatch(type: .ipv4, range: i..<groups.groups[count - 1].upperBound), groups.groups[count - 1].upperBound)
        }
        if phone, let end = PhoneDetector.match(t, groups, start: i) {
            return (PIIMatch(type: .phone, range: i..<end), end)
        }
        // A bracket or plus sign that starts nothing is punctuation: the number after it is read
        // again on its own ("(4111 1111 1111 1111)", "(198.51.100.7)").
        if !digit { return (nil, i + 1) }
        // Resume after the first group, so a number later in the same run can still match.
        return (nil, groups.groups[0].upperBound)
    }

    /// Whether the colon before `i` ends a label ("IPv6:", "addr:", " :") rather than a group of a
    /// longer colon-separated run, where an address cannot start: the word before it is empty or
    /// has a letter that is not a hex digit.
    private static func afterLabel(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var j = i - 1
        guard j >= 1, t[j - 1] != 0x3A else { return j == 0 }
        while j > 0, ByteText.isAlnum(t[j - 1]) || t[j - 1] == 0x5F {
            j -= 1
            if !ByteText.isHex(t[j]) && !ByteText.isDigit(t[j]) { return true }
        }
        return j == i - 1
    }

    private func skipDigits(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i
        while j < t.count, ByteText.isDigit(t[j]) { j += 1 }
        return j
    }

    /// Overlapping matches: the higher-priority type wins, then the longer match.
    static func resolveOverlaps(_ matches: [PIIMatch]) -> [PIIMatch] {
        guard matches.count > 1 else { return matches }
        let sorted = matches.sorted { ($0.range.lowerBound, -$0.type.priority) < ($1.range.lowerBound, -$1.type.priority) }
        var out: [PIIMatch] = []
        for match in sorted {
            if let last = out.last, last.range.overlaps(match.range) {
                if (match.type.priority, match.range.count) > (last.type.priority, last.range.count) { out[out.count - 1] = match }
                continue
            }
            out.append(match)
        }
        return out
    }
}
