import SiftText

/// `CanonicalBuffer` with Sift's definitions: the canonical form of text that is not ASCII is
/// `TextNormalization.canonical`'s, and a text's key is XXH64 of its canonical bytes, as
/// everywhere else in Sift.
extension CanonicalBuffer {
    /// Appends the canonical form of `text` as a new part; returns the part's index.
    @discardableResult
    package mutating func append(_ text: String) -> Int {
        append(text, unicode: TextNormalization.canonical)
    }

    /// XXH64 of the canonical form of every part joined by newlines.
    package func hash() -> UInt64 { hash(parts.indices) }

    /// XXH64 of the canonical form of the given parts (increasing indices) joined by newlines.
    package func hash(_ selection: some Collection<Int>) -> UInt64 {
        withBytes(of: selection) { XXH64.hash($0) }
    }
}
