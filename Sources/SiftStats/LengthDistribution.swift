import Histogram

/// The distribution of one text's lengths, in characters and words, in constant memory: an HDR
/// histogram with three significant digits (exact below 2,048, within 0.1% above), plus the exact
/// maximum. Constant memory is what keeps `sift stats` flat on a 100 GB dataset.
///
/// A distribution starts as a short list of lengths and becomes histograms once it holds
/// `pendingLimit` of them or is merged into: each chunk's partial distributions hold a few
/// thousand lengths, and two zeroed 250 KB histograms per partial cost more than recording those
/// lengths into the running total (8% of `sift stats`, measured for issue 20).
public struct LengthDistribution: Sendable {
    public private(set) var count = 0
    public private(set) var maxCharacters = 0
    public private(set) var maxWords = 0
    private var pending: [(characters: Int, words: Int)] = []
    private var histograms: Histograms?

    private static let pendingLimit = 8192

    private struct Histograms {
        var characters = Histogram<UInt64>(highestTrackableValue: 1 << 40, numberOfSignificantValueDigits: .three)
        var words = Histogram<UInt64>(highestTrackableValue: 1 << 40, numberOfSignificantValueDigits: .three)

        mutating func record(characters c: Int, words w: Int) {
            _ = characters.record(UInt64(c))
            _ = words.record(UInt64(w))
        }
    }

    public init() {}

    public mutating func add(characters c: Int, words w: Int) {
        count += 1
        maxCharacters = max(maxCharacters, c)
        maxWords = max(maxWords, w)
        if histograms != nil {
            histograms?.record(characters: c, words: w)
        } else {
            pending.append((c, w))
            if pending.count >= Self.pendingLimit { buildHistograms() }
        }
    }

    mutating func merge(_ other: LengthDistribution) {
        guard other.count > 0 else { return }
        count += other.count
        maxCharacters = max(maxCharacters, other.maxCharacters)
        maxWords = max(maxWords, other.maxWords)
        // What is merged into is the running total: it keeps histograms from now on.
        if histograms == nil { buildHistograms() }
        if let theirs = other.histograms {
            histograms?.characters.add(theirs.characters)
            histograms?.words.add(theirs.words)
        }
        for length in other.pending { histograms?.record(characters: length.characters, words: length.words) }
    }

    private mutating func buildHistograms() {
        var built = Histograms()
        for length in pending { built.record(characters: length.characters, words: length.words) }
        pending = []
        histograms = built
    }

    /// Every length in histograms, for the queries.
    private var complete: Histograms {
        if pending.isEmpty, let histograms { return histograms }
        var copy = self
        copy.buildHistograms()
        return copy.histograms!
    }

    /// The character length at percentile `p` (0-100) by the nearest-rank definition: the smallest
    /// recorded length such that at least p% of lengths are at or below it.
    public func characters(atPercentile p: Double) -> Int { count == 0 ? 0 : Int(complete.characters.valueAtPercentile(p)) }
    public func words(atPercentile p: Double) -> Int { count == 0 ? 0 : Int(complete.words.valueAtPercentile(p)) }
    public var meanCharacters: Double { count == 0 ? 0 : complete.characters.mean }
    public var meanWords: Double { count == 0 ? 0 : complete.words.mean }
}
