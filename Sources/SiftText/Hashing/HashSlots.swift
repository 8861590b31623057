/// The one open-addressing scheme of Sift's hash tables (`HashTable`, the audit's per-record
/// counts; `HashCounter`, the filters' per-document n-gram passes): keys are 64-bit hashes already
/// (XXH64, FNV-1a, `SpanHash`, word keys mixed by an odd multiply), so no second hash is spent on
/// them; a slot holds a key, 0 marks it empty (so a key of 0 is stored as 1, one more collision in
/// 2^64); a key's home slot is taken from its top 32 bits, which depend on every input byte for all
/// of those hashes (a multiply carries only upwards, so the low bits of `SpanHash.ShortSpan.mix`
/// or of a word key see only the first bytes); collisions probe linearly; a table is a power of
/// two of at least 16 slots and at least twice its expected keys.
public enum HashSlots {
    /// The key as stored: 0 is the empty mark.
    @inlinable @inline(__always) package static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The home slot of a (stored) key in a table of `mask + 1` slots.
    @inlinable @inline(__always) package static func home(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key >> 32) & mask
    }

    /// The slot after `slot` (wrapping).
    @inlinable @inline(__always) package static func next(_ slot: Int, _ mask: Int) -> Int { (slot &+ 1) & mask }

    /// The number of slots for `expected` keys.
    @inlinable package static func capacity(for expected: Int) -> Int {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        return capacity
    }
}
