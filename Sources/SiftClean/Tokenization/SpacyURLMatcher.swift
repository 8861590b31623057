/// spaCy's `URL_MATCH` (spacy/lang/tokenizer_exceptions.py), which keeps a URL or e-mail address one
/// token where the infix rules would split it (`my-site.com/page`):
///
///     ^(?:[\w+\-.]{2,}://)?(?:\S+(?::\S*)?@)?(?:IPV4|(?:LABEL\.)+TLD)(?::\d{2,5})?(?:[/?#]\S*)?$
///
/// with LABEL = `(?:[A][A_-]{0,62})?[A]`, A = `[A-Za-z0-9\u00a1-\uffff]`, TLD = 2-63 lower-case
/// letters (spaCy's class), IPV4 = a public dotted quad (private and loopback ranges excluded).
/// Written out by hand because the candidate is always a whitespace-free chunk, which makes every
/// part of the pattern decidable by a scan instead of backtracking.
struct SpacyURLMatcher: Sendable {
    let topLevelDomain: CharacterClass

    func matches(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        if matches(t, from: s, e) { return true }
        // Optional scheme: the run of scheme characters is followed by "://".
        var j = s
        while j < e, isSchemeCharacter(t[j]) { j += 1 }
        return j - s >= 2 && j + 2 < e && t[j] == 0x3A && t[j + 1] == 0x2F && t[j + 2] == 0x2F && matches(t, from: j + 3, e)
    }

    /// The pattern after the scheme, from `start`.
    private func matches(_ t: UnsafeBufferPointer<UInt32>, from start: Int, _ e: Int) -> Bool {
        if matchesHost(t, start, e) { return true }
        // Optional user info: any non-empty text before an "@".
        var at = start + 1
        while at < e {
            if t[at] == 0x40, matchesHost(t, at + 1, e) { return true }
            at += 1
        }
        return false
    }

    private func isSchemeCharacter(_ c: UInt32) -> Bool {
        if c == 0x2B || c == 0x2D || c == 0x2E || c == 0x5F { return true }
        if c < 128 { return (c >= 48 && c <= 57) || (c | 0x20) &- 97 < 26 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    @inline(__always)
    private func isLabelCharacter(_ c: UInt32) -> Bool {
        if c < 128 { return (c >= 48 && c <= 57) || (c | 0x20) &- 97 < 26 }
        return c >= 0xA1 && c <= 0xFFFF
    }

    /// Host, optional port and optional path from `k` to the end.
    private func matchesHost(_ t: UnsafeBufferPointer<UInt32>, _ k: Int, _ e: Int) -> Bool {
        guard k < e else { return false }
        // Domain: the host ends at the first character a domain cannot hold.
        var end = k
        while end < e, isLabelCharacter(t[end]) || t[end] == 0x5F || t[end] == 0x2D || t[end] == 0x2E { end += 1 }
        if isDomain(t, k, end), matchesTail(t, end, e) { return true }
        var ipEnd = k
        while ipEnd < e, PythonCharacter.isDecimalDigit(t[ipEnd]) || t[ipEnd] == 0x2E { ipEnd += 1 }
        return isPublicIPv4(t, k, ipEnd) && matchesTail(t, ipEnd, e)
    }

    /// `(?::\d{2,5})?(?:[/?#]\S*)?$`
    private func matchesTail(_ t: UnsafeBufferPointer<UInt32>, _ k: Int, _ e: Int) -> Bool {
        if k == e { return true }
        var p = k
        if t[p] == 0x3A {
            var d = p + 1
            while d < e, PythonCharacter.isDecimalDigit(t[d]) { d += 1 }
            guard (2...5).contains(d - p - 1) else { return false }
            p = d
            if p == e { return true }
        }
        return t[p] == 0x2F || t[p] == 0x3F || t[p] == 0x23
    }

    private func isDomain(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        var pieceStart = s
        var labels = 0
        var p = s
        while p < e {
            if t[p] == 0x2E {
                guard isLabel(t, pieceStart, p) else { return false }
                labels += 1
                pieceStart = p + 1
            }
            p += 1
        }
        let tld = e - pieceStart
        guard labels >= 1, (2...63).contains(tld) else { return false }
        for i in pieceStart..<e where !topLevelDomain.contains(t[i]) { return false }
        return true
    }

    private func isLabel(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        let length = e - s
        guard length >= 1, length <= 64, isLabelCharacter(t[s]), isLabelCharacter(t[e - 1]) else { return false }
        for i in s..<e where !(isLabelCharacter(t[i]) || t[i] == 0x5F || t[i] == 0x2D) { return false }
        return true
    }

    private func isPublicIPv4(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        // Most candidates are words, not addresses: reject them before building the parts.
        guard e - s >= 7, t[s..<e].lazy.filter({ $0 == 0x2E }).count == 3 else { return false }
        var parts: [[UInt32]] = [[]]
        for i in s..<e {
            if t[i] == 0x2E { parts.append([]) } else { parts[parts.count - 1].append(t[i]) }
        }
        guard parts.count == 4 else { return false }
        let ascii = parts.map { $0.map { $0 >= 48 && $0 <= 57 ? Int($0) - 48 : -1 } }
        func first(_ d: [Int]) -> Bool {
            switch d.count {
            case 1, 2: return d[0] >= 1 && d[0] <= 9 && d.dropFirst().allSatisfy { $0 >= 0 }
            case 3: return (d[0] == 1 && d[1] >= 0 && d[2] >= 0) || (d[0] == 2 && (d[1] == 0 || d[1] == 1) && d[2] >= 0)
                || (d[0] == 2 && d[1] == 2 && d[2] >= 0 && d[2] <= 3)
            default: return false
            }
        }
        func middle(_ d: [Int]) -> Bool {
            switch d.count {
            case 1, 2: return d.allSatisfy { $0 >= 0 }
            case 3: return (d[0] == 1 && d[1] >= 0 && d[2] >= 0) || (d[0] == 2 && d[1] >= 0 && d[1] <= 4 && d[2] >= 0)
                || (d[0] == 2 && d[1] == 5 && d[2] >= 0 && d[2] <= 5)
            default: return false
            }
        }
        func last(_ d: [Int]) -> Bool {
            switch d.count {
            case 1, 2: return d[0] >= 1 && d[0] <= 9 && d.dropFirst().allSatisfy { $0 >= 0 }
            case 3: return (d[0] == 1 && d[1] >= 0 && d[2] >= 0) || (d[0] == 2 && d[1] >= 0 && d[1] <= 4 && d[2] >= 0)
                || (d[0] == 2 && d[1] == 5 && d[2] >= 0 && d[2] <= 4)
            default: return false
            }
        }
        guard first(ascii[0]), middle(ascii[1]), middle(ascii[2]), last(ascii[3]) else { return false }
        let a = ascii[0].reduce(0) { $0 * 10 + $1 }
        let b = ascii[1].reduce(0) { $0 * 10 + $1 }
        if a == 10 || a == 127 { return false }
        if (a == 169 && b == 254) || (a == 192 && b == 168) { return false }
        if a == 172, ascii[1].count == 2, (16...31).contains(b) { return false }
        return true
    }
}
