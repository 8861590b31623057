/// E-mail addresses: a dot-atom local part (RFC 5322 `atext` less the rarely used symbols), `@`, and
/// a domain of at least two DNS labels whose last is 2-24 letters. Image names such as
/// `icon@2x.png` are not addresses.
enum EmailDetector {
    static func isLocal(_ b: UInt8) -> Bool { ByteText.isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D }

    /// The address around the `@` at `at`.
    static func match(_ t: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int>? {
        var s = at
        while s > 0, at - s < 64, isLocal(t[s - 1]) { s -= 1 }
        while s < at, t[s] == 0x2E { s += 1 }
        guard s < at, t[at - 1] != 0x2E else { return nil }
        for i in s..<(at - 1) where t[i] == 0x2E && t[i + 1] == 0x2E { return nil }
        guard let end = domainEnd(t, from: at + 1) else { return nil }
        return s..<end
    }

    /// End of a domain name starting at `start`, without a trailing dot.
    static func domainEnd(_ t: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        var labels: [Range<Int>] = []
        while i < t.count {
            let labelStart = i
            while i < t.count, ByteText.isAlnum(t[i]) || t[i] == 0x2D { i += 1 }
            guard i > labelStart, t[labelStart] != 0x2D, t[i - 1] != 0x2D, i - labelStart <= 63 else {
                if i == labelStart { break }
                return nil
            }
            labels.append(labelStart..<i)
            guard i + 1 < t.count, t[i] == 0x2E, ByteText.isAlnum(t[i + 1]) else { break }
            i += 1
        }
        guard labels.count >= 2, let tld = labels.last, (2...24).contains(tld.count) else { return nil }
        for k in tld where !ByteText.isLetter(t[k]) { return nil }
        if tld.upperBound < t.count, ByteText.isAlnum(t[tld.upperBound]) || t[tld.upperBound] == 0x5F { return nil }
        let name = Array(t[tld]).map(ByteText.lower)
        if fileExtensions.contains(name) { return nil }
        return tld.upperBound
    }

    static let fileExtensions: Set<[UInt8]> = Set(["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "avif", "heic"].map { Array($0.utf8) })
}

/// Credentials written into a URL: `scheme://user:password@host`. The user and password are the
/// match (the host stays readable).
enum URLCredentialsDetector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int>? {
        // Walk back over the user-info to the "://" that starts it.
        var s = at
        var colon: Int?
        while s > 0, at - s < 256 {
            let b = t[s - 1]
            if ByteText.isSpace(b) || b == 0x2F || b == 0x40 || b == 0x22 || b == 0x27 || b == 0x3C { break }
            if b == 0x3A { colon = s - 1 }
            s -= 1
        }
        guard s >= 3, t[s - 1] == 0x2F, t[s - 2] == 0x2F, t[s - 3] == 0x3A else { return nil }
        guard let colon, colon > s, colon + 1 < at else { return nil }
        guard EmailDetector.domainEnd(t, from: at + 1) != nil || hostIsAddress(t, at + 1) else { return nil }
        return s..<at
    }

    private static func hostIsAddress(_ t: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        var i = start
        while i < t.count, ByteText.isAlnum(t[i]) || t[i] == 0x2E || t[i] == 0x2D { i += 1 }
        return i > start
    }
}

/// IBANs (ISO 13616): a country code, two check digits and the national account number, whole or
/// in groups of four, of the length the IBAN registry gives for the country, with a valid mod-97
/// check (ISO 7064 MOD 97-10: the rearranged number modulo 97 is 1).
enum IBANDetector {
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
        "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
        "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
        "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
        "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
        "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19,
        "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    static func match(_ t: UnsafeBufferPointer<UInt8>, at s: Int) -> Range<Int>? {
        guard s + 4 <= t.count else { return nil }
        let country = String(decoding: t[s..<(s + 2)], as: UTF8.self)
        guard let length = lengths[country] else { return nil }
        var characters: [UInt8] = []
        var i = s
        var end = s
        while i < t.count, characters.count < length {
            let b = t[i]
            if ByteText.isDigit(b) || ByteText.isUpper(b) {
                characters.append(b)
                i += 1
                end = i
            } else if b == 0x20, characters.count % 4 == 0, i + 1 < t.count, ByteText.isAlnum(t[i + 1]) {
                i += 1
            } else {
                break
            }
        }
        guard characters.count == length else { return nil }
        if end < t.count, ByteText.isAlnum(t[end]) { return nil }
        return mod97(characters) == 1 ? s..<end : nil
    }

    /// The IBAN check: first four characters moved to the end, letters as 10-35, modulo 97.
    static func mod97(_ characters: [UInt8]) -> Int {
        var remainder = 0
        for b in characters.dropFirst(4) + characters.prefix(4) {
            if ByteText.isDigit(b) {
                remainder = (remainder * 10 + Int(b) - 48) % 97
            } else {
                remainder = (remainder * 100 + Int(b) - 55) % 97
            }
        }
        return remainder
    }
}

/// IPv6 addresses in RFC 4291 text form: eight groups of 1-4 hex digits, or fewer with one `::`,
/// optionally ending in a dotted IPv4. At least three groups are required, which leaves out the
/// loopback `::1` and C++ scopes such as `a::b`; times (`12:30:45`) and MAC addresses do not have
/// the shape.
enum IPv6Detector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, at s: Int) -> Range<Int>? {
        var e = s
        var colons = 0
        while e < t.count, e - s < 45, ByteText.isHex(t[e]) || t[e] == 0x3A || t[e] == 0x2E {
            if t[e] == 0x3A { colons += 1 }
            e += 1
        }
        guard colons >= 2 else { return nil }
        // A single trailing colon is punctuation ("at fe80::1:").
        if t[e - 1] == 0x3A, e - 2 >= s, t[e - 2] != 0x3A { e -= 1 }
        if t[e - 1] == 0x2E { e -= 1 }
        if e < t.count, ByteText.isAlnum(t[e]) || t[e] == 0x5F { return nil }
        return valid(Array(t[s..<e])) ? s..<e : nil
    }

    static func valid(_ text: [UInt8]) -> Bool {
        var doubleColon: Int?
        for i in 0..<(text.count - 1) where text[i] == 0x3A && text[i + 1] == 0x3A {
            guard doubleColon == nil else { return false }
            doubleColon = i
        }
        var hasDigit = false
        /// Groups in a ':'-separated run without empty parts; nil when malformed.
        func count(_ run: ArraySlice<UInt8>, last: Bool) -> Int? {
            if run.isEmpty { return 0 }
            let parts = run.split(separator: 0x3A, omittingEmptySubsequences: false)
            var groups = 0
            for (k, part) in parts.enumerated() {
                if last, k == parts.count - 1, part.contains(0x2E) {
                    guard ipv4(Array(part)) else { return nil }
                    hasDigit = true
                    groups += 2
                    continue
                }
                guard !part.isEmpty, part.count <= 4, part.allSatisfy(ByteText.isHex) else { return nil }
                if part.contains(where: ByteText.isDigit) { hasDigit = true }
                groups += 1
            }
            return groups
        }
        if let split = doubleColon {
            guard let left = count(text[..<split], last: false), let right = count(text[(split + 2)...], last: true) else { return false }
            return hasDigit && left + right >= 3 && left + right <= 7
        }
        guard let groups = count(text[...], last: true) else { return false }
        return hasDigit && groups == 8
    }

    private static func ipv4(_ part: [UInt8]) -> Bool {
        let octets = part.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        return octets.allSatisfy { o in
            !o.isEmpty && o.count <= 3 && o.allSatisfy(ByteText.isDigit) && (o.count == 1 || o.first != 48)
                && o.reduce(0) { $0 * 10 + Int($1) - 48 } <= 255
        }
    }
}
