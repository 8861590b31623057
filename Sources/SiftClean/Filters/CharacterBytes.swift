import SiftText

/// A text's characters as bytes, `width` bytes per character (1 for an ASCII text, 4 for Unicode
/// scalars), valid inside `AnalyzedText.withCharacterBytes`: equal character ranges are equal byte
/// ranges, so their hashes are equal. One-byte characters are followed by eight bytes of padding.
struct CharacterBytes {
    let base: UnsafeRawPointer
    let width: Int

    /// The hash of the characters `start..<end`.
    @inline(__always)
    func hash(_ start: Int, _ end: Int) -> UInt64 {
        width == 1 ? SpanHash.hashPadded(base + start, end &- start) : SpanHash.hash(base + start &* width, (end &- start) &* width)
    }
}
