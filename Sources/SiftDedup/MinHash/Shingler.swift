import SiftCore

/// What a shingle is made of.
public enum ShingleUnit: String, Sendable, CaseIterable {
    /// `n` consecutive words of the canonical text, joined by one space (the default: word 5-grams
    /// are what text-dedup and datatrove use for web-scale near-duplicate detection).
    case word
    /// `n` consecutive Unicode scalars of the canonical text, spaces included: for text without
    /// spaces between words (Chinese, Japanese, Thai) and for short texts.
    case character = "char"
}

/// Cuts a canonical text (`TextNormalization.canonical`: NFKC, case-folded, whitespace runs
/// collapsed to one space) into shingles and hashes each one.
///
/// A text with fewer than `size` units is one shingle, the whole text: short texts are then still
/// compared (two identical three-word texts are duplicates) instead of having no shingles at all.
/// Shingles are hashed with XXH64 (seed 0) over their UTF-8 bytes; MinHash uses the low 32 bits of
/// that hash, exact Jaccard (`--verify`) the full 64 bits.
public struct Shingler: Sendable, Equatable {
    public var unit: ShingleUnit
    public var size: Int

    public init(unit: ShingleUnit = .word, size: Int = 5) {
        precondition(size >= 1, "a shingle has at least one unit")
        self.unit = unit
        self.size = size
    }

    /// Appends the hash of every shingle of `canonical`, repeated shingles included (MinHash takes
    /// minima, so repeats cost time but change nothing). Appends nothing for an empty text.
    public func hashes(ofCanonical canonical: String, into out: inout [UInt64]) {
        var text = canonical
        let size = self.size
        let unit = self.unit
        text.withUTF8 { utf8 in
            guard !utf8.isEmpty else { return }
            let raw = UnsafeRawBufferPointer(utf8)
            // Start offsets of the units, then the end of the text as a sentinel.
            var starts: [Int] = []
            var ends: [Int] = []
            starts.reserveCapacity(unit == .word ? utf8.count / 4 : utf8.count)
            switch unit {
            case .word:
                ends.reserveCapacity(starts.capacity)
                var inWord = false
                for i in 0..<utf8.count {
                    let space = utf8[i] == 0x20
                    if !space && !inWord { starts.append(i) }
                    if space && inWord { ends.append(i) }
                    inWord = !space
                }
                if inWord { ends.append(utf8.count) }
            case .character:
                for i in 0..<utf8.count where utf8[i] & 0xC0 != 0x80 { starts.append(i) }
            }
            let count = starts.count
            guard count > 0 else { return }
            func end(ofUnit index: Int) -> Int {
                unit == .word ? ends[index] : (index + 1 < count ? starts[index + 1] : utf8.count)
            }
            if count <= size {
                out.append(XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[starts[0]..<end(ofUnit: count - 1)])))
                return
            }
            // One allocation instead of the doublings of appending one by one (growing geometrically
            // still, for callers that append many texts to one array).
            let needed = out.count + count - size + 1
            if out.capacity < needed { out.reserveCapacity(max(needed, 2 * out.capacity)) }
            for first in 0...(count - size) {
                let range = starts[first]..<end(ofUnit: first + size - 1)
                out.append(XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[range])))
            }
        }
    }

    /// The distinct shingle hashes of `canonical`, sorted: the set exact Jaccard is computed on.
    public func set(ofCanonical canonical: String) -> [UInt64] {
        var hashes: [UInt64] = []
        self.hashes(ofCanonical: canonical, into: &hashes)
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for h in hashes where unique.last != h { unique.append(h) }
        return unique
    }
}

/// Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted sets without repeats (`Shingler.set`).
/// Two empty sets are defined as similarity 0: nothing in common is not evidence of a duplicate.
public func exactJaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
    guard !a.isEmpty || !b.isEmpty else { return 0 }
    var i = 0
    var j = 0
    var common = 0
    while i < a.count && j < b.count {
        if a[i] == b[j] {
            common += 1
            i += 1
            j += 1
        } else if a[i] < b[j] {
            i += 1
        } else {
            j += 1
        }
    }
    return Double(common) / Double(a.count + b.count - common)
}
