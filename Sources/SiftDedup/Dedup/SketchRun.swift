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

/// What the first pass of `sift dedup` keeps of a run of consecutive records, computed by one
/// thread: never their text. The signatures and keys of all the run's documents share two flat
/// arrays, so a run costs a handful of allocations instead of two per document. That matters with
/// several threads: the graph's thread frees what the sketching threads allocated, and each such
/// free takes the allocating thread's malloc arena lock, which stalls that thread when the lock's
/// holder is descheduled.
struct SketchRun: Sendable {
    enum Text: Sendable {
        /// The record has no text to compare (no such field, or not a scalar).
        case missing
        /// The text is blank once canonicalised.
        case blank
        case present
    }

    /// Per item of the run: nil for a malformed item.
    var texts: [Text?] = []
    /// Per document (record with a present text), in order; empty unless fingerprints are used.
    var fingerprints: [TextFingerprint] = []
    /// Per document: `numPerm` signature values, then `bands + 1` keys
    /// (`NearDuplicateIndex.keys(of:banding:)`); empty unless MinHash is used.
    var signatures: [UInt32] = []
    var keys: [UInt64] = []
    /// Per document: the value the keep policy ranks by (higher is kept); empty for `--keep first`.
    var ranks: [Double] = []

    /// How many runs a batch of `items` is cut into for `threads`: `slicesPerThread` per thread, so
    /// that the threads finish together, but none under 16 items; one with a single thread.
    static func count(for items: Int, threads: Int = siftThreadCount) -> Int {
        threads <= 1 ? 1 : max(1, min(threads * slicesPerThread, items / 16))
    }

    /// Sketches `events[range]`.
    init(_ events: [ReadEvent], _ range: Range<Int>, selector: TextSelector, options: DedupOptions, family: MinHashFamily?) {
        texts.reserveCapacity(range.count)
        var hashes: [UInt64] = []
        // Only MinHash has bands. Resolving unset ones is a search over hundreds of integrals,
        // which `--method exact` paid for every run (40% of its time, found for issue 20).
        let banding = family == nil ? nil : options.resolvedBanding
        if let family, let banding {
            signatures.reserveCapacity(range.count * family.numPerm)
            keys.reserveCapacity(range.count * (banding.bands + 1))
        }
        for i in range {
            guard case .record(let record) = events[i] else {
                texts.append(nil)
                continue
            }
            guard let raw = selector.text(of: record) else {
                texts.append(.missing)
                continue
            }
            let canonical = TextNormalization.canonical(raw)
            guard !canonical.isEmpty else {
                texts.append(.blank)
                continue
            }
            texts.append(.present)
            if options.usesFingerprints { fingerprints.append(TextFingerprint(canonical: canonical)) }
            if let family, let banding {
                hashes.removeAll(keepingCapacity: true)
                options.shingler.hashes(ofCanonical: canonical, into: &hashes)
                family.appendSignature(of: hashes, to: &signatures)
                NearDuplicateIndex.appendKeys(of: signatures[(signatures.count - family.numPerm)...], banding: banding, to: &keys)
            }
            switch options.keep {
            case .first:
                break
            case .longest:
                ranks.append(Double(TextMeasure(raw).characters))
            case .newest:
                let timestamp = record.content(as: selector.kind).timestamp.flatMap { TimestampParser.parse($0.value) }
                ranks.append(timestamp?.secondsSince1970 ?? -.infinity)
            }
        }
    }
}
