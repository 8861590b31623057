/// The evaluation side of the GPT-3 contamination check, built once and then read by every train
/// record on all cores.
///
/// The rule (Brown et al. 2020, section 4 and appendix C): an evaluation example is contaminated
/// when any of its n-grams (n = 13 by default) also occurs in a training document, or, when the
/// example is shorter than n words, when the whole example occurs in a training document. The
/// paper's own overlap analysis did not go below 8 words "due to spurious collisions"; Sift
/// likewise leaves examples shorter than `minWords` (8 by default) unchecked and lists them, rather
/// than flag every training document that contains a three-word phrase.
///
/// N-grams are compared by the XXH64 of their words joined by single spaces (see
/// `ContaminationWords`); a false match needs a 64-bit collision, about one in 10⁷ for a
/// billion-gram training set against a million-gram evaluation set.
public struct EvalOverlapIndex: Sendable {
    public let ngram: Int
    public let minWords: Int
    /// n-gram hash → the evaluation items containing it (ascending, no repeats).
    private var grams: [UInt64: [Int32]] = [:]
    /// word count k < n → hash of a whole k-word item → those items.
    private var wholeTexts: [Int: [UInt64: [Int32]]] = [:]

    public init(ngram: Int = 13, minWords: Int = 8) {
        precondition(ngram >= 1 && minWords >= 1)
        self.ngram = ngram
        self.minWords = minWords
    }

    /// How an evaluation item is checked.
    public enum Rule: String, Sendable {
        /// Any shared n-gram.
        case ngram
        /// The whole item (fewer than n words) found in a training document.
        case wholeText = "whole_text"
        /// Fewer than `minWords` words: not checked.
        case tooShort = "too_short"
    }

    /// Indexes evaluation item `item` and says how it is checked.
    @discardableResult
    public mutating func add(item: Int, words: ContaminationWords) -> Rule {
        let id = Int32(item)
        if words.count >= ngram {
            for first in 0...(words.count - ngram) {
                let hash = words.hash(first: first, length: ngram)
                if grams[hash, default: []].last != id { grams[hash, default: []].append(id) }
            }
            return .ngram
        }
        guard words.count >= minWords else { return .tooShort }
        wholeTexts[words.count, default: [:]][words.hash(first: 0, length: words.count), default: []].append(id)
        return .wholeText
    }

    /// What one training document shares with the evaluation items.
    public struct Match: Sendable {
        /// The evaluation items it contaminates, ascending.
        public var items: [Int32]
        /// Matching n-gram (or whole-text) positions in the training document.
        public var positions: Int
        /// The first match, as normalised words.
        public var example: String
    }

    /// The evaluation items `words` (a training document) contaminates, or nil.
    public func match(_ words: ContaminationWords) -> Match? {
        var items: [Int32] = []
        var positions = 0
        var example: String?
        func visit(length: Int, table: [UInt64: [Int32]]) {
            guard words.count >= length, !table.isEmpty else { return }
            for first in 0...(words.count - length) {
                guard let found = table[words.hash(first: first, length: length)] else { continue }
                positions += 1
                if example == nil { example = words.text(first: first, length: length) }
                items.append(contentsOf: found)
            }
        }
        visit(length: ngram, table: grams)
        for length in wholeTexts.keys.sorted() { visit(length: length, table: wholeTexts[length]!) }
        guard let example else { return nil }
        items.sort()
        var unique: [Int32] = []
        for item in items where unique.last != item { unique.append(item) }
        return Match(items: unique, positions: positions, example: example)
    }
}
