import SiftCore
import SiftText

/// `low_lexical_diversity`, with distinct-n (Li et al. 2016, "A Diversity-Promoting Objective
/// Function for Neural Conversation Models": distinct n-grams / total n-grams) at two scales:
///
/// - per record: a main text of at least 20 words whose own distinct-2 (over its first 256 words)
///   is below 0.5 repeats itself (a generation loop, a template filled with one value); such records are counted and
///   referenced. Ordinary prose scores above 0.9.
/// - corpus: distinct-1 and distinct-2 over a fixed window, the first 100,000 words (at most 256
///   per text) of the first 5,000 records' main texts. A fixed window makes the figure comparable between datasets (the
///   ratio falls as text grows); below 0.25 distinct-2 the data says the same things the same way
///   (human-written prose of that size is around 0.5 and above).
///
/// Words are whitespace-separated and ASCII-lowercased (see `WordScanner`).
struct LexicalDiversityCheck: AuditCheck {
    static let minimumWords = 20
    /// Only the first 256 words of a text are read: enough to see a loop, and bounded per record.
    static let maximumWords = 256
    static let recordThreshold = 0.5
    static let corpusThreshold = 0.25
    static let windowWords = 100_000
    static let windowRecords = 5_000

    struct Words: Sendable {
        var repetitive: Bool
        /// Unigram and bigram hashes, only for records inside the corpus window.
        var unigrams: [UInt64]
        var bigrams: [UInt64]
    }

    struct State {
        var flagged = FlaggedRecords()
        var unigrams = Set<UInt64>()
        var bigrams = Set<UInt64>()
        var windowWords = 0
        var windowBigrams = 0
    }

    func observe(_ record: AuditRecord) -> Words? {
        guard let text = record.mainText else { return nil }
        let inWindow = record.record.location.index < Self.windowRecords
        // Word hashes and the distinct-bigram table live in stack buffers: no allocation per record.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.maximumWords) { words in
            var count = 0
            WordScanner.forEachWord(in: text) { range, bytes in
                words[count] = WordScanner.typeHash(bytes, range)
                count += 1
                return count < Self.maximumWords
            }
            var repetitive = false
            if count >= Self.minimumWords {
                let pairs = count - 1
                let distinct = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * Self.maximumWords) { table -> Int in
                    var size = 16
                    while size < pairs * 2 { size <<= 1 }
                    let mask = size - 1
                    for i in 0..<size { table[i] = 0 }
                    var distinct = 0
                    for i in 1..<count {
                        let value = Self.pair(words[i - 1], words[i])
                        let key = value == 0 ? 1 : value
                        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
                        while table[slot] != 0 && table[slot] != key { slot = (slot + 1) & mask }
                        if table[slot] == 0 {
                            table[slot] = key
                            distinct += 1
                        }
                    }
                    return distinct
                }
                repetitive = Double(distinct) / Double(pairs) < Self.recordThreshold
            }
            guard inWindow else { return Words(repetitive: repetitive, unigrams: [], bigrams: []) }
            let unigrams = Array(words[0..<count])
            let bigrams = count > 1 ? (1..<count).map { Self.pair(unigrams[$0 - 1], unigrams[$0]) } : []
            return Words(repetitive: repetitive, unigrams: unigrams, bigrams: bigrams)
        }
    }

    @inline(__always) static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ 0x632B_E59B_D9B4_E019) &* 0xBF58_476D_1CE4_E5B9
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Words?, of record: AuditRecord, into state: inout State) {
        guard let observation else { return }
        if observation.repetitive { state.flagged.add(record, excerpt: record.mainText) }
        guard state.windowWords < Self.windowWords, !observation.unigrams.isEmpty else { return }
        let room = Self.windowWords - state.windowWords
        let words = observation.unigrams.prefix(room)
        state.unigrams.formUnion(words)
        state.windowWords += words.count
        let pairs = observation.bigrams.prefix(max(0, words.count - 1))
        state.bigrams.formUnion(pairs)
        state.windowBigrams += pairs.count
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard state.windowWords > 0 else { return CheckResult() }
        let distinct1 = Double(state.unigrams.count) / Double(state.windowWords)
        let distinct2 = state.windowBigrams == 0 ? 1 : Double(state.bigrams.count) / Double(state.windowBigrams)
        let metrics: [(name: String, value: JSONValue)] = [
            ("distinct_1", .double(Self.round(distinct1))), ("distinct_2", .double(Self.round(distinct2))),
            ("distinct_window_words", .integer(state.windowWords)),
        ]
        // A small window (under 1,000 bigrams) says little about the corpus; judge records only.
        let corpusLow = state.windowBigrams >= 1_000 && distinct2 < Self.corpusThreshold
        let n = state.flagged.count
        guard n > 0 || corpusLow else { return CheckResult(metrics: metrics) }
        var parts: [String] = []
        if corpusLow { parts.append("distinct-2 is \(Self.round(distinct2)) over the first \(state.windowWords) words (below \(Self.corpusThreshold))") }
        if n > 0 { parts.append("\(n) record\(plural(n)) \(verb(n, "repeats itself", "repeat themselves")) (own distinct-2 below \(Self.recordThreshold))") }
        parts.append("distinct-1 \(Self.round(distinct1)), distinct-2 \(Self.round(distinct2))")
        let recordRate = context.rate(n)
        let corpusRate = corpusLow ? (Self.corpusThreshold - distinct2) / Self.corpusThreshold : 0
        let severity: Severity = corpusLow || recordRate >= 0.01 ? .warning : .info
        return CheckResult(findings: [state.flagged.finding("low_lexical_diversity", .diversity, severity, parts.joined(separator: "; "),
                                                            rate: max(recordRate, corpusRate))], metrics: metrics)
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
