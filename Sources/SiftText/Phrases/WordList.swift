/// A fixed list of words a scan looks for, each stated once with how it may match (case, word
/// boundaries, what must follow it), and everything the scan needs derived from that one list:
/// the bytes that can begin an entry (`mayBegin`), a sixteen-byte test of where an entry may begin
/// (`candidates`), and the exact test at a position (`match`). Before this, a check spelled its
/// words three times (a vector stop test, a bit mask of first bytes, and a switch that matched),
/// and the three could drift apart.
public struct WordList<Tag: Sendable>: Sendable {
    /// Where an entry may match.
    public enum Boundary: Sendable {
        /// At any position.
        case anywhere
        /// Only where no word byte (`PhraseMatcher.isWordByte`) precedes it.
        case wordStart
        /// At a word start, and with no word byte after it.
        case wholeWord
    }

    public struct Entry: Sendable {
        /// The bytes to match; lowercase ASCII when `ignoringCase`.
        @usableFromInline package let bytes: [UInt8]
        /// ASCII letters of the text match either case.
        @usableFromInline package let ignoringCase: Bool
        @usableFromInline package let boundary: Boundary
        /// What must follow the entry, tested at the byte after it; nil when anything may.
        @usableFromInline package let followedBy: (@Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool)?
        @usableFromInline package let tag: Tag

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

    @usableFromInline package let entries: [Entry]
    /// Per byte, the range of `entryOrder` holding the entries (in list order) that can begin with
    /// it: one flat array, so that a lookup copies and retains no inner array.
    @usableFromInline let byFirstByte: [Range<Int>]
    @usableFromInline let entryOrder: [Int]
    /// The scan's tests of where an entry may begin; not generic, so that a scan's inner loop
    /// needs no generic metadata (a generic `candidates` was measured at 14% of an audit, plus 15%
    /// in metadata lookups).
    package let starts: WordStarts

    package init(_ entries: [Entry]) {
        self.entries = entries
        var lists = Array(repeating: [Int](), count: 256)
        var bits: [UInt64] = [0, 0, 0, 0]
        for (k, entry) in entries.enumerated() {
            for first in Self.cases(entry.bytes[0], entry.ignoringCase) {
                lists[Int(first)].append(k)
                bits[Int(first) >> 6] |= 1 << UInt64(first & 63)
            }
        }
        var entryOrder: [Int] = []
        byFirstByte = lists.map { list in
            entryOrder += list
            return (entryOrder.count - list.count)..<entryOrder.count
        }
        self.entryOrder = entryOrder
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
        // A group tests its first byte alone when an entry of it has one byte or when it has more
        // than two distinct second bytes; else its first byte and its one or two second bytes.
        var firstOnly: [WordStarts.ByteTest] = []
        var pairs: [WordStarts.PairTest] = []
        var eithers: [WordStarts.EitherTest] = []
        for group in groups {
            let first = WordStarts.ByteTest(group.first, fold: group.fold)
            var distinct: [(UInt8, UInt8)] = []
            var anySecond = false
            for second in group.seconds {
                guard let second else {
                    anySecond = true
                    continue
                }
                if !distinct.contains(where: { $0 == second }) { distinct.append(second) }
            }
            let seconds = distinct.map { WordStarts.ByteTest($0.0, fold: $0.1) }
            if anySecond || seconds.count > 2 {
                firstOnly.append(first)
            } else if seconds.count == 1 {
                pairs.append(WordStarts.PairTest(first: first, second: seconds[0]))
            } else {
                eithers.append(WordStarts.EitherTest(first: first, second: seconds[0], other: seconds[1]))
            }
        }
        starts = WordStarts(firstBytes: firstBytes, firstOnly: firstOnly, pairs: pairs, eithers: eithers)
    }

    /// The bits OR-ed into a byte before comparing: 0x20 folds an ASCII letter's case.
    static func fold(_ byte: UInt8, _ ignoringCase: Bool) -> UInt8 {
        ignoringCase && PhraseMatcher.lower(byte) >= 0x61 && PhraseMatcher.lower(byte) <= 0x7A ? 0x20 : 0
    }

    /// The byte values that match `byte` of an entry: both cases of a letter when ignoring case.
    static func cases(_ byte: UInt8, _ ignoringCase: Bool) -> [UInt8] {
        fold(byte, ignoringCase) != 0 ? [byte & ~0x20, byte | 0x20] : [byte]
    }

    /// The first entry (in list order) that matches at `i`, nil when none does. Inlined, so that
    /// it is specialised for the caller's tag: a scan calls it at every candidate byte.
    @inlinable @inline(__always) package func match(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        for k in byFirstByte[Int(bytes[i])] {
            let entry = entryOrder[k]
            if Self.matches(entries[entry], at: i, in: bytes) { return entries[entry] }
        }
        return nil
    }

    /// Whether `entry` matches at `i`: its boundaries, its bytes, what must follow.
    @inlinable @inline(__always) static func matches(_ entry: Entry, at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
public struct WordStarts: Sendable {
    /// The lanes where `(lane | fold) == splat`: a byte, in both cases when `fold` is 0x20.
    @usableFromInline struct ByteTest: Sendable {
        @usableFromInline let splat: ByteBlock.Lanes
        @usableFromInline let fold: ByteBlock.Lanes

        init(_ byte: UInt8, fold: UInt8) {
            splat = .init(repeating: byte | fold)
            self.fold = .init(repeating: fold)
        }

        @inlinable @inline(__always) func holds(_ block: ByteBlock) -> ByteBlock.Lanes {
            ByteBlock.isZero((block.lanes | fold) ^ splat)
        }
    }

    /// A first byte followed by one second byte.
    @usableFromInline struct PairTest: Sendable {
        @usableFromInline let first: ByteTest
        @usableFromInline let second: ByteTest
    }

    /// A first byte followed by either of two second bytes.
    @usableFromInline struct EitherTest: Sendable {
        @usableFromInline let first: ByteTest
        @usableFromInline let second: ByteTest
        @usableFromInline let other: ByteTest
    }

    /// One bit per byte value that can begin an entry.
    @usableFromInline let firstBytes: (UInt64, UInt64, UInt64, UInt64)
    /// The entries' first two bytes as vector tests, in three kinds so that each costs only what
    /// it tests (a first byte alone: one comparison; with one second byte: two; with two: three),
    /// as many comparisons per block as a hand-written test of the same list. A first byte begun
    /// by more than two distinct second bytes, or by a one-byte entry, is tested alone. Plain
    /// values in flat arrays: the scan's loops over them retain nothing.
    @usableFromInline let firstOnly: [ByteTest]
    @usableFromInline let pairs: [PairTest]
    @usableFromInline let eithers: [EitherTest]

    init(firstBytes: (UInt64, UInt64, UInt64, UInt64), firstOnly: [ByteTest], pairs: [PairTest], eithers: [EitherTest]) {
        self.firstBytes = firstBytes
        self.firstOnly = firstOnly
        self.pairs = pairs
        self.eithers = eithers
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
        for test in firstOnly { found |= test.holds(block) }
        for test in pairs { found |= test.first.holds(block) & test.second.holds(next) }
        for test in eithers { found |= test.first.holds(block) & (test.second.holds(next) | test.other.holds(next)) }
        return found
    }
}
