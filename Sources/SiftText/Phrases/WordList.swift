/// A fixed list of words a scan looks for, each stated once with how it may match (case, word
/// boundaries, what must follow it), and everything the scan needs derived from that one list:
/// the bytes that can begin an entry (`mayBegin`), a sixteen-byte test of where an entry may begin
/// (`candidates`), and the exact test at a position (`match`). Before this, a check spelled its
/// words three times (a vector stop test, a bit mask of first bytes, and a switch that matched),
/// and the three could drift apart.
package struct WordList<Tag: Sendable>: Sendable {
    /// Where an entry may match.
    package enum Boundary: Sendable {
        /// At any position.
        case anywhere
        /// Only where no word byte (`PhraseMatcher.isWordByte`) precedes it.
        case wordStart
        /// At a word start, and with no word byte after it.
        case wholeWord
    }

    package struct Entry: Sendable {
        /// The bytes to match; lowercase ASCII when `ignoringCase`.
        package let bytes: [UInt8]
        /// ASCII letters of the text match either case.
        package let ignoringCase: Bool
        package let boundary: Boundary
        /// What must follow the entry, tested at the byte after it; nil when anything may.
        package let followedBy: (@Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool)?
        package let tag: Tag

        package init(_ text: String, ignoringCase: Bool = false, boundary: Boundary = .anywhere, tag: Tag,
                     followedBy: (@Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool)? = nil) {
            bytes = Array((ignoringCase ? text.lowercased() : text).utf8)
            precondition(!bytes.isEmpty, "a word list entry needs a byte")
            self.ignoringCase = ignoringCase
            self.boundary = boundary
            self.followedBy = followedBy
            self.tag = tag
        }
    }

    package let entries: [Entry]
    /// Per byte, the entries (in list order) that can begin with it.
    let byFirstByte: [[Int]]
    /// The scan's tests of where an entry may begin; not generic, so that a scan's inner loop
    /// needs no generic metadata (a generic `candidates` was measured at 14% of an audit, plus 15%
    /// in metadata lookups).
    package let starts: WordStarts

    package init(_ entries: [Entry]) {
        self.entries = entries
        var byFirstByte = Array(repeating: [Int](), count: 256)
        var bits: [UInt64] = [0, 0, 0, 0]
        for (k, entry) in entries.enumerated() {
            for first in Self.cases(entry.bytes[0], entry.ignoringCase) {
                byFirstByte[Int(first)].append(k)
                bits[Int(first) >> 6] |= 1 << UInt64(first & 63)
            }
        }
        self.byFirstByte = byFirstByte
        let firstBytes = (bits[0], bits[1], bits[2], bits[3])
        // Group entries by their (folded) first byte, keeping the order of first appearance.
        var groups: [(first: UInt8, fold: UInt8, seconds: [(UInt8, UInt8)?])] = []
        for entry in entries {
            let fold = Self.fold(entry.bytes[0], entry.ignoringCase)
            let second: (UInt8, UInt8)? = entry.bytes.count >= 2 ? (entry.bytes[1], Self.fold(entry.bytes[1], entry.ignoringCase)) : nil
            if let g = groups.firstIndex(where: { $0.first == entry.bytes[0] && $0.fold == fold }) {
                groups[g].seconds.append(second)
            } else {
                groups.append((entry.bytes[0], fold, [second]))
            }
        }
        let pairTests = groups.map { group in
            var distinct: [(UInt8, UInt8)] = []
            var anySecond = false
            for second in group.seconds {
                guard let second else {
                    anySecond = true
                    continue
                }
                if !distinct.contains(where: { $0 == second }) { distinct.append(second) }
            }
            let seconds = anySecond || distinct.count > 2 ? [(UInt8(0xFF), UInt8(0xFF))] : distinct.map { ($0.0 | $0.1, $0.1) }
            let other = seconds.count > 1 ? seconds[1] : seconds[0]
            return WordStarts.PairTest(first: .init(repeating: group.first | group.fold), firstFold: .init(repeating: group.fold),
                            second: .init(repeating: seconds[0].0), secondFold: .init(repeating: seconds[0].1),
                            other: .init(repeating: other.0), otherFold: .init(repeating: other.1))
        }
        starts = WordStarts(firstBytes: firstBytes, pairTests: pairTests)
    }

    /// The bits OR-ed into a byte before comparing: 0x20 folds an ASCII letter's case.
    static func fold(_ byte: UInt8, _ ignoringCase: Bool) -> UInt8 {
        ignoringCase && PhraseMatcher.lower(byte) >= 0x61 && PhraseMatcher.lower(byte) <= 0x7A ? 0x20 : 0
    }

    /// The byte values that match `byte` of an entry: both cases of a letter when ignoring case.
    static func cases(_ byte: UInt8, _ ignoringCase: Bool) -> [UInt8] {
        fold(byte, ignoringCase) != 0 ? [byte & ~0x20, byte | 0x20] : [byte]
    }

    /// The first entry (in list order) that matches at `i`, nil when none does.
    package func match(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        for k in byFirstByte[Int(bytes[i])] {
            let entry = entries[k]
            if Self.matches(entry, at: i, in: bytes) { return entry }
        }
        return nil
    }

    /// Whether `entry` matches at `i`: its bytes, its boundaries, what must follow.
    static func matches(_ entry: Entry, at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = i + entry.bytes.count
        guard end <= bytes.count else { return false }
        if entry.boundary != .anywhere, i > 0, PhraseMatcher.isWordByte(bytes[i - 1]) { return false }
        for (k, expected) in entry.bytes.enumerated() {
            let byte = entry.ignoringCase ? PhraseMatcher.lower(bytes[i + k]) : bytes[i + k]
            if byte != expected { return false }
        }
        if entry.boundary == .wholeWord, end < bytes.count, PhraseMatcher.isWordByte(bytes[end]) { return false }
        return entry.followedBy?(bytes, end) ?? true
    }
}

/// Where an entry of a `WordList` may begin: its first bytes, and a sixteen-byte test of its first
/// two bytes.
package struct WordStarts: Sendable {
    /// The first two bytes an entry may begin with, as vector tests: a lane holds the pair where
    /// `(lane | fold) == splat` for the first byte, and for one of two second bytes of its group.
    /// A first byte begun by more than two distinct second bytes tests the first byte alone (a
    /// second test that always holds: fold and splat 0xFF), so the test stays a handful of vector
    /// operations per block. Plain values in one flat array: the scan's loop over them retains
    /// nothing.
    @usableFromInline struct PairTest: Sendable {
        @usableFromInline let first: ByteBlock.Lanes
        @usableFromInline let firstFold: ByteBlock.Lanes
        @usableFromInline let second: ByteBlock.Lanes
        @usableFromInline let secondFold: ByteBlock.Lanes
        @usableFromInline let other: ByteBlock.Lanes
        @usableFromInline let otherFold: ByteBlock.Lanes
    }

    /// One bit per byte value that can begin an entry.
    @usableFromInline let firstBytes: (UInt64, UInt64, UInt64, UInt64)
    @usableFromInline let pairTests: [PairTest]

    init(firstBytes: (UInt64, UInt64, UInt64, UInt64), pairTests: [PairTest]) {
        self.firstBytes = firstBytes
        self.pairTests = pairTests
    }

    /// Whether some entry can begin with `byte`.
    @inlinable @inline(__always) package func mayBegin(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        return (word >> UInt64(byte & 63)) & 1 == 1
    }

    /// 0x80 in the lanes of `block` where an entry may begin, judged by its first two bytes
    /// (`next` is the same bytes one position on): a superset, which `match` then decides.
    @inlinable @inline(__always) package func candidates(_ block: ByteBlock, _ next: ByteBlock) -> ByteBlock.Lanes {
        var found = ByteBlock.Lanes()
        for test in pairTests {
            let second = ByteBlock.isZero((next.lanes | test.secondFold) ^ test.second) | ByteBlock.isZero((next.lanes | test.otherFold) ^ test.other)
            found |= ByteBlock.isZero((block.lanes | test.firstFold) ^ test.first) & second
        }
        return found
    }
}
