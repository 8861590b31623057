/// Canonical forms (`TextNormalization.canonical` in SiftCore) built without a canonical `String`:
/// ASCII text is lowercased and whitespace-collapsed into a buffer (for ASCII the two agree by
/// construction: Unicode's White_Space in ASCII is exactly TAB..CR and SPACE, and ASCII lowercasing
/// maps only A-Z); other text takes the shared path (the `unicode` function the caller passes;
/// SiftCore's `append(_:)` passes `TextNormalization.canonical`; SiftAudit's `hash` hashes with XXH64), so "the same
/// text" means what it means in every other Sift module.
///
/// Several texts joined by newlines (a conversation's turns) have the canonical form of their
/// non-blank parts' canonical forms joined by one space, because a newline is whitespace and no
/// normalisation crosses it. `AuditRecord` uses that to canonicalise each turn once and hash the
/// whole text, the prompt and the response from the same bytes. Parts are stored already joined:
/// a space precedes every non-blank part but the first, so any run of consecutive parts (a whole
/// conversation, its prompt turns) is hashed in place, without copying.
///
/// One buffer serves every record of a slice (`reset` keeps its storage): canonicalising then
/// costs no allocation per record.
public struct CanonicalBuffer {
    @usableFromInline package private(set) var bytes: [UInt8] = []
    /// Where each appended text's canonical form lies in `bytes` (empty for a blank text).
    @usableFromInline package private(set) var parts: [Range<Int>] = []

    /// Forgets every part, keeping the storage for the next record.
    package init() {}

    package mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        parts.removeAll(keepingCapacity: true)
    }

    /// Appends the canonical form of `text` as a new part (`unicode` makes it for text that is not
    /// ASCII); returns the part's index.
    @discardableResult
    package mutating func append(_ text: String, unicode: (String) -> String) -> Int {
        let separated = bytes.count
        text.withUTF8Bytes { source in
            // The separator goes in first and is taken back if the part turns out blank.
            if separated > 0 { bytes.append(0x20) }
            let start = bytes.count
            if !appendASCII(source) {
                bytes.removeLast(bytes.count - start)
                bytes += unicode(String(decoding: source, as: UTF8.self)).utf8
            }
            if bytes.count == start { bytes.removeLast(start - separated) }
        }
        let end = bytes.count
        parts.append(end == separated ? end..<end : (separated == 0 ? 0 : separated + 1)..<end)
        return parts.count - 1
    }

    /// Appends the canonical form of ASCII `source`; false (with `bytes` partly written) as soon as
    /// a byte is not ASCII. Sixteen bytes at a time where they need no collapsing: no whitespace
    /// but single spaces that follow a written byte; byte by byte elsewhere.
    private mutating func appendASCII(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = bytes.count
        let count = source.count
        // Grow once, write through a pointer, trim: no per-byte capacity or uniqueness checks.
        bytes.append(contentsOf: repeatElement(0, count: count))
        var ascii = true
        let written = bytes.withUnsafeMutableBufferPointer { out -> Int in
            let base = UnsafeMutableRawPointer(out.baseAddress!)
            var n = start
            var pendingSpace = false
            var i = 0
            while i < count {
                if !pendingSpace, i + ByteBlock.width < count {
                    let block = ByteBlock(source, at: i)
                    if ByteBlock.any(block.nonASCII) {
                        ascii = false
                        return n
                    }
                    let space = block.equals(0x20)
                    // Whitespace other than a single space, or a space where the scalar path would
                    // drop it (the text's start), is left to the byte loop below.
                    let irregular = (block.spaces & ~space) | (space & ByteBlock(source, at: i + 1).spaces)
                    if !ByteBlock.any(irregular), n > start || source[i] != 0x20 {
                        let lowered = block.lanes | (block.inRange(0x41, 0x5A) &>> 2)
                        base.storeBytes(of: lowered, toByteOffset: n, as: ByteBlock.Lanes.self)
                        n += ByteBlock.width
                        i += ByteBlock.width
                        continue
                    }
                }
                let end = min(count, i + ByteBlock.width)
                while i < end {
                    let byte = source[i]
                    i += 1
                    if byte >= 0x80 {
                        ascii = false
                        return n
                    }
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
            }
            return n
        }
        bytes.removeLast(bytes.count - written)
        return ascii
    }

    /// Whether any of the given parts has text (is not blank).
    @inlinable package func hasText(_ selection: some Sequence<Int>) -> Bool {
        selection.contains { !parts[$0].isEmpty }
    }

    /// Calls `body` with the canonical form of the given parts (increasing indices) joined by
    /// newlines (which canonicalise to single spaces).
    @inlinable package func withBytes<R>(of selection: some Collection<Int>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var first = -1
        var last = -1
        var chosen = 0
        for index in selection where !parts[index].isEmpty {
            if first < 0 { first = index }
            last = index
            chosen += 1
        }
        guard first >= 0 else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        // Consecutive non-blank parts lie in `bytes` already joined by single spaces: when no
        // non-blank part between the first and the last chosen was left out, use them in place.
        if parts[first...last].count(where: { !$0.isEmpty }) == chosen {
            return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[parts[first].lowerBound..<parts[last].upperBound])) }
        }
        var joined: [UInt8] = []
        for index in selection where !parts[index].isEmpty {
            if !joined.isEmpty { joined.append(0x20) }
            joined += bytes[parts[index]]
        }
        return joined.withUnsafeBytes(body)
    }
}
