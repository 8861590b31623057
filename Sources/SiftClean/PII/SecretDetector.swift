/// Credentials that leak into datasets from code and logs: cloud access key ids, GitHub, GitLab,
/// Slack and Stripe tokens (by their documented prefixes and lengths), PEM private key blocks, and
/// values assigned to password/API-key variables. Placeholders (`<your key>`, `${TOKEN}`,
/// `os.environ[...]`, `****`, `None`) are not secrets.
enum SecretDetector {
    /// AWS access key id prefixes (IAM "unique identifier" prefixes: AKIA long-term keys, ASIA
    /// temporary keys, and the other principal types), followed by 16 upper-case letters or digits.
    static let awsPrefixes: [StaticString] = ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA"]

    /// A token starting at `s` (the caller saw a non-word byte before it).
    static func token(_ t: UnsafeBufferPointer<UInt8>, at s: Int) -> Range<Int>? {
        switch t[s] {
        case 0x41: // A
            for prefix in awsPrefixes where ByteText.matches(t, s, prefix) {
                return run(t, from: s + 4, min: 16, max: 16, allowed: { ByteText.isUpper($0) || ByteText.isDigit($0) }).map { s..<$0 }
            }
        case 0x67: // g
            for prefix: StaticString in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where ByteText.matches(t, s, prefix) {
                return run(t, from: s + 4, min: 36, max: 251, allowed: ByteText.isAlnum).map { s..<$0 }
            }
            if ByteText.matches(t, s, "github_pat_") {
                return run(t, from: s + 11, min: 22, max: 255, allowed: { ByteText.isAlnum($0) || $0 == 0x5F }).map { s..<$0 }
            }
            if ByteText.matches(t, s, "glpat-") {
                return run(t, from: s + 6, min: 20, max: 255, allowed: { ByteText.isAlnum($0) || $0 == 0x5F || $0 == 0x2D }).map { s..<$0 }
            }
        case 0x78: // x: Slack
            if s + 5 < t.count, ByteText.matches(t, s, "xox"), "abposr".utf8.contains(t[s + 3]), t[s + 4] == 0x2D {
                return run(t, from: s + 5, min: 10, max: 255, allowed: { ByteText.isAlnum($0) || $0 == 0x2D }).map { s..<$0 }
            }
        case 0x73, 0x72: // s, r: Stripe live keys
            if ByteText.matches(t, s, "sk_live_") || ByteText.matches(t, s, "rk_live_") {
                return run(t, from: s + 8, min: 16, max: 255, allowed: ByteText.isAlnum).map { s..<$0 }
            }
        case 0x2D: // -----BEGIN ... PRIVATE KEY-----
            return privateKeyBlock(t, at: s)
        default:
            break
        }
        return nil
    }

    /// End of a run of `allowed` bytes of `min...max` length from `start`, ending at a boundary.
    private static func run(_ t: UnsafeBufferPointer<UInt8>, from start: Int, min: Int, max: Int, allowed: (UInt8) -> Bool) -> Int? {
        var i = start
        while i < t.count, i - start < max, allowed(t[i]) { i += 1 }
        guard i - start >= min else { return nil }
        if i < t.count, ByteText.isAlnum(t[i]) { return nil }
        return i
    }

    private static func privateKeyBlock(_ t: UnsafeBufferPointer<UInt8>, at s: Int) -> Range<Int>? {
        guard ByteText.matches(t, s, "-----BEGIN ") else { return nil }
        var i = s + 11
        var header = [UInt8]()
        while i < t.count, t[i] != 0x2D, t[i] != 0x0A, header.count < 40 {
            header.append(t[i])
            i += 1
        }
        guard String(decoding: header, as: UTF8.self).hasSuffix("PRIVATE KEY") || String(decoding: header, as: UTF8.self).hasSuffix("PRIVATE KEY BLOCK"),
              ByteText.matches(t, i, "-----") else { return nil }
        // The block runs to the matching END line, or to the end of the text when it was cut.
        var j = i + 5
        while j < t.count {
            if t[j] == 0x2D, ByteText.matches(t, j, "-----END ") {
                var k = j + 9
                while k < t.count, t[k] != 0x0A, !ByteText.matches(t, k, "-----") { k += 1 }
                return ByteText.matches(t, k, "-----") ? s..<(k + 5) : s..<k
            }
            j += 1
        }
        return s..<t.count
    }

    /// Names whose value is a credential; a variable matches when its name ends with one
    /// (`DB_PASSWORD`, `openai_api_key`).
    static let keyNames = ["password", "passwd", "pwd", "passphrase", "secret", "api_key", "apikey", "api-key", "access_token",
                           "auth_token", "token", "client_secret", "secret_key", "private_key", "access_key", "secret_access_key"].map { Array($0.utf8) }

    /// The value assigned with the `=` or `:` at `at` to a credential-named variable.
    static func assignment(_ t: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int>? {
        // "==" and "://" are comparisons and URLs, not assignments.
        if at + 1 < t.count, t[at + 1] == 0x3D || (t[at] == 0x3A && t[at + 1] == 0x2F) { return nil }
        if at > 0, t[at - 1] == 0x3D || t[at - 1] == 0x21 || t[at - 1] == 0x3C || t[at - 1] == 0x3E { return nil }
        let (word, _) = ByteText.wordBefore(t, at)
        guard !word.isEmpty, keyNames.contains(where: { name in
            word.count >= name.count && word.suffix(name.count).elementsEqual(name)
                && (word.count == name.count || [0x5F, 0x2D, 0x2E].contains(word[word.count - name.count - 1]))
        }) else { return nil }
        var i = at + 1
        while i < t.count, t[i] == 0x20 || t[i] == 0x09 { i += 1 }
        guard i < t.count else { return nil }
        var quote: UInt8?
        if t[i] == 0x22 || t[i] == 0x27 || t[i] == 0x60 {
            quote = t[i]
            i += 1
        }
        let start = i
        while i < t.count, i - start < 256 {
            let b = t[i]
            if let quote {
                if b == quote || b == 0x0A { break }
            } else if ByteText.isSpace(b) || b == 0x2C || b == 0x3B || b == 0x22 || b == 0x27 || b == 0x7D || b == 0x29 {
                break
            } else if b == 0x26, startsQueryParameter(t, i + 1) {
                break
            }
            i += 1
        }
        var end = i
        if quote == nil { while end > start, t[end - 1] == 0x2E { end -= 1 } }
        guard end > start else { return nil }
        let value = Array(t[start..<end])
        return isCredential(value, quoted: quote != nil) ? start..<end : nil
    }

    /// Whether `name=` follows: an `&` that separates URL query parameters, not one inside a password.
    private static func startsQueryParameter(_ t: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        var i = start
        while i < t.count, ByteText.isAlnum(t[i]) || t[i] == 0x5F { i += 1 }
        return i > start && i < t.count && t[i] == 0x3D
    }

    static let placeholders: Set<String> = ["none", "null", "nil", "true", "false", "undefined", "required", "optional", "string",
                                            "str", "password", "secret", "changeme", "your_password", "your_api_key", "example",
                                            "redacted", "hidden", "empty", "todo", "xxx"]

    /// Template and configuration placeholders: words in `<...>`, `{...}`, `[...]`, `(...)`; `{{ }}`,
    /// `${...}`, `#{...}`, stars (`****`, `***REDACTED***`), `$NAME`, `%s`, `%(name)s`, `%NAME%`. A password that merely
    /// starts with one of these characters (`*m@H0XlVsH`, `%+D4F0u1Pq`, `(2Ojr_S)2HT)`) is not one.
    static func isPlaceholder(_ value: [UInt8]) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        func isName(_ bytes: ArraySlice<UInt8>) -> Bool { !bytes.isEmpty && bytes.allSatisfy { ByteText.isAlnum($0) || $0 == 0x5F } }
        // The words inside a bracketed placeholder: `<your password>`, `[REDACTED]`, `(none)`.
        func words<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool { bytes.allSatisfy { ByteText.isAlnum($0) || " _-.:/|".utf8.contains($0) } }
        let inner = value.dropFirst().dropLast()
        switch first {
        case 0x3C: return last == 0x3E && words(inner) // <...>
        case 0x7B: return value.dropFirst().first == 0x7B || (last == 0x7D && words(inner)) // {{ ... }}, {...}
        case 0x5B: return last == 0x5D && words(inner) // [...]
        case 0x28: return last == 0x29 && words(inner) // (...)
        case 0x2A: // ****, ***REDACTED***, ****1234 (masked)
            guard value.dropFirst().first == 0x2A else { return false }
            return words(value.drop(while: { $0 == 0x2A }).reversed().drop(while: { $0 == 0x2A }))
        case 0x23: return value.dropFirst().first == 0x7B // #{...}
        case 0x24: // ${...}, $NAME, $name (one case: a mixed-case run after `$` is a password)
            let name = value.dropFirst()
            return name.first == 0x7B || (isName(name) && (!name.contains(where: ByteText.isLower) || !name.contains(where: ByteText.isUpper)))
        case 0x25: // %s, %(name)s, %NAME%
            if value.count <= 3 || (last == 0x25 && isName(value.dropFirst().dropLast())) { return true }
            guard value.count >= 5, value[1] == 0x28, value[value.count - 2] == 0x29, ByteText.isLetter(last) else { return false }
            return isName(value[2..<(value.count - 2)])
        default: return false
        }
    }

    /// Whether an assigned value looks like a real credential rather than a placeholder, a
    /// reference to configuration, or prose ("Password: must be 8 characters").
    static func isCredential(_ value: [UInt8], quoted: Bool) -> Bool {
        guard value.count >= 4, !isPlaceholder(value) else { return false }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        if placeholders.contains(text) { return false }
        if Set(value).count == 1 { return false }
        for reference in ["os.environ", "os.getenv", "process.env", "env(", "getenv", "env.", "config.", "settings.", "self.", "input("] where text.hasPrefix(reference) {
            return false
        }
        if quoted { return true }
        if value.contains(0x28) && value.last == 0x29 { return false } // getpass(), read_secret("db")
        // Unquoted: long enough and not a plain lower-case word of prose.
        return value.count >= 6 && value.contains { !ByteText.isLower($0) }
    }
}
