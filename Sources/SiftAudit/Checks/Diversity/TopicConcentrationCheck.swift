import SiftCore
import SiftText

/// `topic_concentration`: one subject dominating the dataset, measured without a model by
/// document frequency of content words. Content words are the first 32 words of each record's
/// input (prompt, else document), lowercased, letters only, at least 4 letters, and not in a list
/// of English function words, instruction verbs ("write", "explain"...) and pleasantries ("thanks",
/// "hello"), which say what to do or how, not what about. When one term occurs in at least 30% of the records the data leans on one topic
/// (a note); at 50% it is concentrated (a warning): a model finetuned on it will be narrow. This
/// is a lexical proxy: it sees "python" dominating, not paraphrased topics, and only Latin-script
/// words. Document frequencies are exact (a hash table of term hashes); references are kept for at
/// most 10,000 terms (`TrackedCounts`, as for openings).
struct TopicConcentrationCheck: AuditCheck {
    static let wordsPerRecord = 32
    static let noteShare = 0.30
    static let warningShare = 0.50
    static let trackedTerms = 10_000

    static let stopWords = Set<String>([
        "about", "above", "after", "again", "against", "also", "although", "among", "another", "anything", "around", "because",
        "been", "before", "being", "below", "between", "both", "but", "cannot", "could", "does", "doing", "down", "during", "each",
        "either", "else", "even", "every", "few", "from", "further", "have", "having", "here", "hers", "herself", "himself", "into",
        "itself", "just", "like", "many", "more", "most", "much", "must", "myself", "neither", "never", "none", "only", "other",
        "ours", "ourselves", "over", "same", "should", "since", "some", "such", "than", "that", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "under", "until", "upon", "very", "want",
        "were", "what", "when", "where", "whether", "which", "while", "whom", "whose", "will", "with", "within", "without",
        "would", "your", "yours", "yourself", "yourselves", "will", "shall", "might", "make", "made", "need", "using", "used",
        "use", "based", "following", "given", "write", "create", "explain", "describe", "provide", "generate", "list", "give",
        "tell", "help", "please", "answer", "question", "questions", "example", "examples", "sentence", "text", "find", "show",
        "identify", "summarize", "classify", "rewrite", "suggest", "compare", "name", "come", "come", "think", "know", "best",
        "good", "well", "better", "thing", "things", "something", "someone", "want", "take", "keep", "tips", "ways", "word",
        "words", "input", "output", "response", "instruction", "task", "below", "above", "short", "brief", "simple", "able",
        "there", "here", "what", "user", "assistant", "information", "include", "including", "different", "important",
        "thanks", "thank", "hello", "sorry", "sure", "okay", "yeah", "great", "really", "maybe", "still", "hope", "glad", "welcome",
    ])

    /// The stop words by `WordScanner.typeHash`, the hash terms are counted under.
    static let stopHashes: HashTable<Bool> = {
        var table = HashTable<Bool>(capacity: stopWords.count)
        for word in stopWords {
            table.update(WordScanner.typeHash(word), initial: true) { _ in }
        }
        return table
    }()

    struct Tracked {
        var term: String
        var flagged = FlaggedRecords()
    }

    struct State {
        /// Document frequency per term.
        var frequency = TrackedCounts<Tracked>(limit: TopicConcentrationCheck.trackedTerms, lateCount: RepeatedOpeningCheck.minimumCount)
    }

    func observe(_ record: AuditRecord) -> [UInt64] {
        guard let text = record.input else { return [] }
        return Array(unsafeUninitializedCapacity: Self.wordsPerRecord) { hashes, count in
            Self.forEachTerm(text) { hash, _ in
                hashes[count] = hash
                count += 1
            }
        }
    }

    /// The record's distinct content words, first occurrence first.
    static func terms(_ text: String) -> [(hash: UInt64, word: Range<Int>)] {
        var seen: [(hash: UInt64, word: Range<Int>)] = []
        forEachTerm(text) { seen.append(($0, $1)) }
        return seen
    }

    /// Calls `body` with each distinct content word's hash and byte range, first occurrence first.
    @inline(__always) static func forEachTerm(_ text: String, _ body: (UInt64, Range<Int>) -> Void) {
        let stopHashes = stopHashes
        // Distinct among at most 32 words: a short linear scan of a stack buffer beats a set, and a
        // 64-bit filter of the hashes seen skips the scan for most words, which are new.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordsPerRecord) { seen in
            var distinct = 0
            var seenFilter: UInt64 = 0
            var words = 0
            WordScanner.forEachWord(in: text) { range, bytes in
                words += 1
                guard let word = WordScanner.trimmed(bytes, range), word.count >= 4,
                      let hash = WordScanner.letterWordHash(bytes, word) else { return words < wordsPerRecord }
                let bit: UInt64 = 1 << (hash >> 58)
                if stopHashes[hash] == nil, seenFilter & bit == 0 || !UnsafeBufferPointer(rebasing: seen[..<distinct]).contains(hash) {
                    seenFilter |= bit
                    seen[distinct] = hash
                    distinct += 1
                    body(hash, word)
                }
                return words < wordsPerRecord
            }
        }
    }

    func makeState() -> State { State() }

    func absorb(_ terms: [UInt64], of record: AuditRecord, into state: inout State) {
        for term in terms {
            state.frequency.count(term, make: { Tracked(term: Self.word(term, in: record.input ?? "") ?? "") }) {
                $0.flagged.add(record, excerpt: record.input)
            }
        }
    }

    private static func word(_ hash: UInt64, in text: String) -> String? {
        guard let range = terms(text).first(where: { $0.hash == hash })?.word else { return nil }
        var text = text
        return text.withUTF8 { bytes in String(decoding: UnsafeBufferPointer(rebasing: bytes[range]).map(PhraseMatcher.lower), as: UTF8.self) }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard context.records > 0 else { return CheckResult() }
        let top = state.frequency.entries.compactMap { entry in entry.tracked.map { (tracked: $0, value: entry.count) } }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.tracked.term < $1.tracked.term }.prefix(10)
        guard let first = top.first else { return CheckResult() }
        let chart = AuditChart(id: "top_terms", title: "Records per content word (topic proxy)", style: .bars,
                               bins: top.map { ($0.tracked.term, $0.value) })
        let metrics: [(name: String, value: JSONValue)] = [("top_terms", .object(JSONObject(uniqueKeysWithValues: top.map { ($0.tracked.term, .integer($0.value)) })))]
        let share = context.rate(first.value)
        guard share >= Self.noteShare else { return CheckResult(charts: [chart], metrics: metrics) }
        let tracked = first.tracked
        let message = "\"\(tracked.term)\" occurs in \(percent(first.value, context.records)) of the records (\(first.value)); the data leans on one topic"
        return CheckResult(findings: [AuditFinding(check: "topic_concentration", dimension: .diversity,
                                                   severity: share >= Self.warningShare ? .warning : .info, message: message, count: first.value,
                                                   rate: share, records: tracked.flagged.references, examples: tracked.flagged.examples)],
                           charts: [chart], metrics: metrics)
    }
}
