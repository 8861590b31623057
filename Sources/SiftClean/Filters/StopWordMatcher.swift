/// Gopher's stop-word test, prepared once per configuration rather than per document: the stop
/// words as scalar arrays (at most 64, one bit each), and the longest one, so that longer words are
/// skipped without comparing.
struct StopWordMatcher: Sendable {
    private let targets: [[UInt32]]
    private let longest: Int

    init(_ stopWords: [String]) {
        targets = Array(Array(Set(stopWords.map { PythonText.scalars($0) }).filter { !$0.isEmpty }).prefix(64))
        longest = targets.map(\.count).max() ?? 0
    }

    /// How many distinct stop words occur as words of `t` (case-sensitive, as in datatrove), counting
    /// no further than `enough`.
    func distinctCount(_ t: UnsafeBufferPointer<UInt32>, _ words: [TokenSpan], enough: Int) -> Int {
        guard !targets.isEmpty else { return 0 }
        let all: UInt64 = targets.count == 64 ? ~0 : (1 << UInt64(targets.count)) - 1
        let enough = min(enough, targets.count)
        var found: UInt64 = 0
        for word in words where word.count <= longest {
            let first = t[Int(word.start)]
            for (k, target) in targets.enumerated() where target.count == word.count && target[0] == first && found & (1 << UInt64(k)) == 0 {
                if target.elementsEqual(t[Int(word.start)..<Int(word.end)]) { found |= 1 << UInt64(k) }
            }
            if found == all || found.nonzeroBitCount >= enough { break }
        }
        return found.nonzeroBitCount
    }
}
