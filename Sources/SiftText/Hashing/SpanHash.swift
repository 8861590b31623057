/// 64-bit hashes of byte ranges, by which the repetition rules compare lines, paragraphs, words and
/// n-grams instead of building and comparing strings. Two different ranges collide with
/// probability about 2^-64; nothing a corpus can show.
///
/// The construction is wyhash's (Wang Yi): sixteen bytes at a time are folded into the state by a
/// 64 x 64 -> 128-bit multiplication whose halves are xored, and ranges of up to sixteen bytes take
/// two overlapping loads and no loop, so a word costs two multiplications. The byte count is
/// folded in, so ranges of different lengths differ even when one is a prefix of the other.
public enum SpanHash {
    // Constants as computed properties: inlined into callers in other modules as literals, with
    // no lazy-global accessor call in the loops.
    @inlinable static var k0: UInt64 { 0x9E37_79B9_7F4A_7C15 }
    @inlinable static var k1: UInt64 { 0xC2B2_AE3D_27D4_EB4F }
    @inlinable static var k2: UInt64 { 0x1656_67B1_9E37_79F9 }

    @inlinable @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }

    @inlinable @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always)
    static func load32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// `key` folded into `state`: a sequence of keys (a word n-gram) is keyed by folding them in
    /// order into a starting state.
    @inlinable @inline(__always)
    package static func combine(_ state: UInt64, _ key: UInt64) -> UInt64 {
        fold(state ^ k1, key ^ k0)
    }

    /// The hash of `count` bytes at `p` (never 0: hash tables mark empty slots with 0).
    @inlinable @inline(__always)
    package static func hash(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var state = seed(count)
        let a: UInt64
        let b: UInt64
        if count <= 16 {
            if count >= 8 {
                a = load(p, 0)
                b = load(p, count &- 8)
            } else if count >= 4 {
                a = load32(p, 0)
                b = load32(p, count &- 4)
            } else if count > 0 {
                let bytes = p.assumingMemoryBound(to: UInt8.self)
                a = UInt64(bytes[0]) << 16 | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count &- 1])
                b = 0
            } else {
                a = 0
                b = 0
            }
        } else {
            var i = 0
            while count &- i > 16 {
                state = fold(load(p, i) ^ k1, load(p, i &+ 8) ^ state)
                i &+= 16
            }
            a = load(p, count &- 16)
            b = load(p, count &- 8)
        }
        return finish(a, b, state, count)
    }

    /// The starting state for `count` bytes.
    @inlinable @inline(__always)
    static func seed(_ count: Int) -> UInt64 {
        k0 ^ UInt64(truncatingIfNeeded: count) &* k2
    }

    @inlinable @inline(__always)
    static func finish(_ a: UInt64, _ b: UInt64, _ seed: UInt64, _ count: Int) -> UInt64 {
        let h = fold(k1 ^ UInt64(truncatingIfNeeded: count), fold(a ^ k1, b ^ seed))
        return h == 0 ? 1 : h
    }

    /// The low `count` bytes of a word (none for `count` <= 0, all for `count` >= 8).
    @inlinable @inline(__always)
    static func mask(_ count: Int) -> UInt64 {
        (1 << UInt64(min(max(count, 0), 8) &* 8)) &- 1
    }

    /// `hash`'s counterpart for bytes followed by at least eight readable bytes (a padded ASCII
    /// text, the words' concatenation): up to sixteen bytes are read by two loads masked to the
    /// count, without `hash`'s branches on the length, which for words is unpredictable. A text's
    /// spans must all be hashed by one of the two.
    @inlinable @inline(__always)
    package static func hashPadded(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        guard count <= 16 else { return hash(p, count) }
        let (a, b) = ShortSpan(count: count).words(p)
        return finish(a, b, seed(count), count)
    }

    /// Spans of one length up to sixteen bytes, followed by at least eight readable bytes: read
    /// as two words masked to the length, the masks worked out once for the length.
    public struct ShortSpan {
        @usableFromInline let first: UInt64
        @usableFromInline let rest: UInt64
        /// Where the second word is read: at `p` again when the span has no second word, so that
        /// nothing past the padding is read.
        @usableFromInline let second: Int

        @inlinable @inline(__always)
        package init(count: Int) {
            first = mask(count)
            rest = mask(count &- 8)
            second = count > 8 ? 8 : 0
        }

        @inlinable @inline(__always)
        package func words(_ p: UnsafeRawPointer) -> (UInt64, UInt64) {
            (load(p, 0) & first, load(p, second) & rest)
        }

        /// A slot key for spans that need only to be told apart cheaply (duplicate n-gram
        /// candidates): equal spans give equal keys, and the top bits of each product depend on
        /// every byte read. Not `hashPadded`, whose keys must not collide.
        @inlinable @inline(__always)
        package func mix(_ p: UnsafeRawPointer) -> UInt64 {
            let (a, b) = words(p)
            return a &* k0 ^ b &* k1
        }
    }
}
