import SiftText

/// `CanonicalBuffer` with Sift's definition of the canonical form of text that is not ASCII
/// (`TextNormalization.canonical`).
extension CanonicalBuffer {
    /// Appends the canonical form of `text` as a new part; returns the part's index.
    @discardableResult
    package mutating func append(_ text: String) -> Int {
        append(text, unicode: TextNormalization.canonical)
    }
}
