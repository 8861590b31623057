import SiftCore

/// XXH64 of `TextNormalization.canonical` forms, built without a canonical `String`: ASCII text is
/// lowercased and whitespace-collapsed byte by byte into a buffer (for ASCII the two agree by
/// construction: Unicode's White_Space in ASCII is exactly TAB..CR and SPACE, and ASCII
/// lowercasing maps only A-Z); other text takes the shared path, so "the same text" means what it
/// means in every other Sift module.
///
/// Several texts joined by newlines (a conversation's turns) have the canonical form of their
/// non-blank parts' canonical forms joined by one space, because a newline is whitespace and no
/// normalisation crosses it. `AuditRecord` uses that to canonicalise each turn once and hash the
/// whole text, the prompt and the response from the same bytes: the canonical forms of several
/// texts lie back to back in one byte buffer, and a hash covers any join of them.
struct CanonicalBuffer {
    private(set) var bytes: [UInt8] = []
    /// Where each appended text's canonical form lies in `bytes` (empty for a blank text).
    private(set) var parts: [Range<Int>] = []

    /// Appends the canonical form of `text` as a new part; returns the part's index.
    @discardableResult
    mutating func append(_ text: String) -> Int {
        let start = bytes.count
        var text = text
        text.withUTF8 { source in
            var isASCII = true
            for byte in source where byte >= 0x80 {
                isASCII = false
                break
            }
            guard isASCII else {
                bytes += Array(TextNormalization.canonical(String(decoding: source, as: UTF8.self)).utf8)
                return
            }
            // Grow once, write through a pointer, trim: no per-byte capacity or uniqueness checks.
            bytes.append(contentsOf: repeatElement(0, count: source.count))
            let written = bytes.withUnsafeMutableBufferPointer { out -> Int in
                var n = start
                var pendingSpace = false
                for byte in source {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = n > start
                        continue
                    }
                    if pendingSpace {
                        out[n] = 0x20
                        n += 1
                        pendingSpace = false
                    }
                    out[n] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                    n += 1
                }
                return n
            }
            bytes.removeLast(bytes.count - written)
        }
        parts.append(start..<bytes.count)
        return parts.count - 1
    }

    /// XXH64 of the canonical form of the given parts joined by newlines (all parts by default).
    func hash(_ selection: [Int]? = nil) -> UInt64 {
        let chosen = (selection ?? Array(parts.indices)).map { parts[$0] }.filter { !$0.isEmpty }
        if chosen.count == 1 {
            return bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[chosen[0]])) }
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(chosen.reduce(0) { $0 + $1.count + 1 })
        for range in chosen {
            if !joined.isEmpty { joined.append(0x20) }
            joined += bytes[range]
        }
        return joined.withUnsafeBytes { XXH64.hash($0) }
    }
}
