import Histogram

/// The distribution of one text's lengths, in characters and words, in constant memory: an HDR
/// histogram with three significant digits (exact below 2,048, within 0.1% above), plus the exact
/// maximum. Constant memory is what keeps `sift stats` flat on a 100 GB dataset.
public struct LengthDistribution: Sendable {
    public private(set) var count = 0
    public private(set) var maxCharacters = 0
    public private(set) var maxWords = 0
    private var characters = Histogram<UInt64>(highestTrackableValue: 1 << 40, numberOfSignificantValueDigits: .three)
    private var words = Histogram<UInt64>(highestTrackableValue: 1 << 40, numberOfSignificantValueDigits: .three)

    public init() {}

    public mutating func add(characters c: Int, words w: Int) {
        count += 1
        _ = characters.record(UInt64(c))
        _ = words.record(UInt64(w))
        maxCharacters = max(maxCharacters, c)
        maxWords = max(maxWords, w)
    }

    mutating func merge(_ other: LengthDistribution) {
        count += other.count
        characters.add(other.characters)
        words.add(other.words)
        maxCharacters = max(maxCharacters, other.maxCharacters)
        maxWords = max(maxWords, other.maxWords)
    }

    /// The character length at percentile `p` (0-100) by the nearest-rank definition: the smallest
    /// recorded length such that at least p% of lengths are at or below it.
    public func characters(atPercentile p: Double) -> Int { quantile(characters, p) }
    public func words(atPercentile p: Double) -> Int { quantile(words, p) }
    public var meanCharacters: Double { count == 0 ? 0 : characters.mean }
    public var meanWords: Double { count == 0 ? 0 : words.mean }

    private func quantile(_ histogram: Histogram<UInt64>, _ p: Double) -> Int {
        guard count > 0 else { return 0 }
        return Int(histogram.valueAtPercentile(p))
    }
}
