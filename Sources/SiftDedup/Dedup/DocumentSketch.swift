import SiftCore

/// A 128-bit fingerprint of a canonical text (XXH64 with seeds 0 and 1): exact duplicates are
/// texts with equal fingerprints. Two different texts collide with probability about n²/2¹²⁹ for
/// n documents, far below one in a billion for any real corpus.
public struct TextFingerprint: Hashable, Sendable {
    public var first: UInt64
    public var second: UInt64

    public init(canonical: String) {
        var text = canonical
        (first, second) = text.withUTF8 { bytes in
            (XXH64.hash(UnsafeRawBufferPointer(bytes), seed: 0), XXH64.hash(UnsafeRawBufferPointer(bytes), seed: 1))
        }
    }
}

/// What the first pass of `sift dedup` keeps of one record: never its text. Computed on all cores.
struct DocumentSketch: Sendable {
    enum Text: Sendable {
        /// The record has no text to compare (no such field, or not a scalar).
        case missing
        /// The text is blank once canonicalised.
        case blank
        case present
    }

    var text: Text
    var fingerprint: TextFingerprint?
    var signature: [UInt32] = []
    /// `NearDuplicateIndex.keys(of:banding:)` of the signature.
    var keys: [UInt64] = []
    /// The value the keep policy ranks by; higher is kept.
    var rank: Double = 0

    /// The first pass over one record.
    static func make(_ record: Record, selector: TextSelector, options: DedupOptions, family: MinHashFamily?) -> DocumentSketch {
        guard let raw = selector.text(of: record) else { return DocumentSketch(text: .missing) }
        let canonical = TextNormalization.canonical(raw)
        guard !canonical.isEmpty else { return DocumentSketch(text: .blank) }
        var sketch = DocumentSketch(text: .present)
        if options.usesFingerprints { sketch.fingerprint = TextFingerprint(canonical: canonical) }
        if let family {
            var hashes: [UInt64] = []
            options.shingler.hashes(ofCanonical: canonical, into: &hashes)
            sketch.signature = family.signature(of: hashes)
            sketch.keys = NearDuplicateIndex.keys(of: sketch.signature, banding: options.resolvedBanding)
        }
        switch options.keep {
        case .first:
            sketch.rank = 0
        case .longest:
            sketch.rank = Double(TextMeasure(raw).characters)
        case .newest:
            let timestamp = record.content(as: selector.kind).timestamp.flatMap { TimestampParser.parse($0.value) }
            sketch.rank = timestamp?.secondsSince1970 ?? -.infinity
        }
        return sketch
    }
}
