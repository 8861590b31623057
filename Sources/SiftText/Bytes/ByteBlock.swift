/// Sixteen bytes of text tested at once, so that scans skip the long runs where nothing they look
/// for can start (a placeholder, a phrase, a fence, a digit) in a few vector instructions rather
/// than a branch per byte.
///
/// Every test answers with 0x80 in the lanes where it holds and 0 elsewhere, built from lane-wise
/// arithmetic and bitwise operators (lanes never carry into each other, so the results are exact
/// per byte), and `bits` turns such an answer into one bit per byte without a branch. The one
/// answer shape is the reason for the arithmetic, not speed: the comparison operators compile to
/// vector instructions as well.
///
/// What the compiler makes of SIMD code (Swift 6.3.1, Linux x86-64, `-O`, measured with
/// `swiftc -O -emit-assembly` on one-function probes): `a .== b` on `SIMD16<UInt8>` is one
/// `pcmpeqb`; `a .< b` is `pmaxub` + `pcmpeqb` + `pxor`; `isZero` below is `pxor`, `pcmpeqd`,
/// `paddb`, `pandn`, `pand`. The mask reductions `any(_:)` and `all(_:)`, however, are out-of-line
/// calls (to a specialised `SIMD.min()`), so a scan must not reduce a mask per block; read masks as
/// words (`bits`, `any` below) instead. Debug builds call out for every operator either way.
public struct ByteBlock {
    public typealias Lanes = SIMD16<UInt8>

    @inlinable package static var width: Int { 16 }

    @usableFromInline package let lanes: Lanes

    @inlinable @inline(__always) package init(_ lanes: Lanes) { self.lanes = lanes }

    /// The 16 bytes at `offset` (which must leave 16 bytes in `bytes`).
    @inlinable @inline(__always) package init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        lanes = UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: offset, as: Lanes.self)
    }

    /// 0x80 where the lane is `byte`.
    @inlinable @inline(__always) package func equals(_ byte: UInt8) -> Lanes { Self.isZero(lanes ^ Lanes(repeating: byte)) }

    /// 0x80 where the lane, ASCII-lowercased, may be `lowered` (a lowercase ASCII letter or any
    /// other byte): `b | 0x20` matches both cases of a letter and, for other bytes, a superset of
    /// the exact byte, so a caller that verifies candidates afterwards stays exact.
    @inlinable @inline(__always) package func mayEqualIgnoringCase(_ lowered: UInt8) -> Lanes {
        Self.isZero((lanes | 0x20) ^ Lanes(repeating: lowered | 0x20))
    }

    /// 0x80 where `lower <= lane <= upper` (unsigned; the range must hold at most 128 values).
    @inlinable @inline(__always) package func inRange(_ lower: UInt8, _ upper: UInt8) -> Lanes {
        Self.below(lanes &- Lanes(repeating: lower), upper &- lower &+ 1)
    }

    /// 0x80 where the lane is not ASCII (any byte of a multi-byte UTF-8 sequence).
    @inlinable @inline(__always) package var nonASCII: Lanes { lanes & 0x80 }

    /// 0x80 where the lane is an ASCII letter.
    @inlinable @inline(__always) package var letters: Lanes { Self.below((lanes | 0x20) &- 0x61, 26) }

    /// 0x80 where the lane is an ASCII digit.
    @inlinable @inline(__always) package var digits: Lanes { Self.below(lanes &- 0x30, 10) }

    /// 0x80 where the lane is ASCII whitespace: TAB...CR or SPACE (what `WordScanner` splits at).
    @inlinable @inline(__always) package var spaces: Lanes { equals(0x20) | Self.below(lanes &- 0x09, 5) }

    /// 0x80 where the lane is a word byte as `PhraseMatcher.isWordByte` defines it: an ASCII letter
    /// or digit, or any byte of a multi-byte sequence.
    @inlinable @inline(__always) package var wordBytes: Lanes { nonASCII | letters | digits }

    /// 0x80 where the lane starts a UTF-8 sequence (is not a continuation byte 10xxxxxx).
    @inlinable @inline(__always) package var scalarStarts: Lanes { ~(lanes & ~(lanes &<< 1)) & 0x80 }

    /// 0x80 where `x == 0`: `(x - 1) & ~x` has its top bit set only for 0.
    @inlinable @inline(__always) package static func isZero(_ x: Lanes) -> Lanes { (x &- 1) & ~x & 0x80 }

    /// 0x80 where `x < limit` (unsigned, `1 <= limit <= 128`): x has no top bit and
    /// `(x & 0x7F) + (128 - limit)` does not reach 128.
    @inlinable @inline(__always) package static func below(_ x: Lanes, _ limit: UInt8) -> Lanes {
        ~(x | ((x & 0x7F) &+ Lanes(repeating: 0x80 &- limit))) & 0x80
    }

    /// One bit per lane (bit k for lane k) of a 0x80/0 answer.
    @inlinable @inline(__always) package static func bits(_ answer: Lanes) -> UInt32 {
        let words = unsafeBitCast(answer, to: SIMD2<UInt64>.self)
        // Each byte's top bit, moved to bit 0 of the byte, then gathered into the top byte.
        let low = ((words[0] >> 7) &* 0x0102_0408_1020_4080) >> 56
        let high = ((words[1] >> 7) &* 0x0102_0408_1020_4080) >> 56
        return UInt32(truncatingIfNeeded: low | high << 8)
    }

    /// The first position at or after `start` holding `byte`, nil when there is none.
    @inlinable package static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + width <= bytes.count {
            let found = bits(ByteBlock(bytes, at: i).equals(byte))
            if found != 0 { return i + found.trailingZeroBitCount }
            i += width
        }
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Whether any lane of a 0x80/0 answer is set.
    @inlinable @inline(__always) package static func any(_ answer: Lanes) -> Bool {
        let words = unsafeBitCast(answer, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }
}
