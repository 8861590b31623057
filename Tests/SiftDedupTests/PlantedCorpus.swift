import Foundation
import SiftCore
@testable import SiftDedup

/// A generated corpus with planted near-duplicates of known Jaccard similarity, the ground truth
/// of the precision/recall test (the benchmark's `bench.py generate` builds its corpus the same
/// way, with shorter documents). Documents are 12–16 sentences of 10–20 pseudo-words drawn with
/// Zipf-like frequencies (about 1.4 KB). A share of them get 1–4 variants: a copy in upper case
/// with extra spaces (J = 1), one to four substituted words (J from about 0.95 down to 0.8, so
/// some land on each side of the 0.8 threshold), two adjacent sentences swapped or a short sentence
/// inserted (about 0.9), and two that must not count: 20–40 substituted words, or half of the
/// sentences rewritten (J well under 0.8). The truth is the exact Jaccard, whatever was planted.
struct PlantedCorpus {
    var texts: [String] = []
    /// Whether an earlier document has exact word-5-gram Jaccard ≥ threshold with this one.
    var isDuplicate: [Bool] = []
    /// The highest exact Jaccard with an earlier document of the same family.
    var bestEarlierJaccard: [Double] = []

    init(documents: Int, seed: UInt64, familyRate: Double = 0.2, threshold: Double = 0.8) {
        var rng = SplitMix64(seed: seed)
        let vocabulary = Self.vocabulary(size: 20_000, rng: &rng)
        var cumulative: [Double] = []
        var total = 0.0
        for rank in vocabulary.indices {
            total += 1 / pow(Double(rank + 1), 0.9)
            cumulative.append(total)
        }
        func word() -> String {
            let x = Double(rng.next() >> 11) / Double(1 << 53) * total
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < x { low = mid + 1 } else { high = mid }
            }
            return vocabulary[low]
        }
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
        func sentence(_ range: ClosedRange<Int> = 10...20) -> [String] { (0..<int(range)).map { _ in word() } }

        var members: [(family: Int, text: String)] = []
        var family = 0
        while members.count < documents {
            let base = (0..<int(12...16)).map { _ in sentence() }
            members.append((family, Self.render(base)))
            if Double(rng.next() >> 11) / Double(1 << 53) < familyRate {
                for _ in 0..<int(1...4) {
                    var doc = base
                    switch int(0...6) {
                    case 0: members.append((family, Self.render(doc).uppercased().replacingOccurrences(of: ". ", with: ".   ")))
                        continue
                    case 1, 2:
                        for _ in 0..<(int(1...4)) {
                            let s = int(0...(doc.count - 1))
                            doc[s][int(0...(doc[s].count - 1))] = word()
                        }
                    case 3:
                        let i = int(0...(doc.count - 2))
                        doc.swapAt(i, i + 1)
                    case 4: doc.insert(sentence(6...10), at: int(0...doc.count))
                    case 5:
                        for _ in 0..<int(20...40) {
                            let s = int(0...(doc.count - 1))
                            doc[s][int(0...(doc[s].count - 1))] = word()
                        }
                    default:
                        for i in stride(from: 0, to: doc.count, by: 2) { doc[i] = sentence() }
                    }
                    members.append((family, Self.render(doc)))
                }
            }
            family += 1
        }
        members = Array(members.prefix(documents))
        // Fisher–Yates with the same generator: families end up scattered through the corpus.
        for i in stride(from: members.count - 1, to: 0, by: -1) {
            members.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        let shingler = Shingler(unit: .word, size: 5)
        let sets = members.map { shingler.set(ofCanonical: TextNormalization.canonical($0.text)) }
        var earlier: [Int: [Int]] = [:]
        for (i, member) in members.enumerated() {
            let best = earlier[member.family, default: []].map { exactJaccard(sets[i], sets[$0]) }.max() ?? 0
            texts.append(member.text)
            bestEarlierJaccard.append(best)
            isDuplicate.append(best >= threshold)
            earlier[member.family, default: []].append(i)
        }
    }

    private static func render(_ sentences: [[String]]) -> String {
        sentences.map { words in
            let text = words.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }.joined(separator: " ")
    }

    private static func vocabulary(size: Int, rng: inout SplitMix64) -> [String] {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fi", "go", "hu", "je", "pa", "ze",
                         "an", "or", "el", "is", "um", "qua", "tre", "sto", "pri", "bla", "cor", "dan", "mer", "vis"]
        var words = Set<String>()
        while words.count < size {
            let length = 1 + Int(rng.next() % 4)
            words.insert((0..<length).map { _ in syllables[Int(rng.next() % UInt64(syllables.count))] }.joined())
        }
        return words.sorted()
    }

    /// The corpus as JSON Lines with ids `d0`, `d1`, ...
    var jsonLines: String {
        texts.enumerated().map { i, text in
            JSONWriter().string(["id": .string("d\(i)"), "text": .string(text)])
        }.joined(separator: "\n") + "\n"
    }

    /// Record-level precision and recall of a set of removed indices against `isDuplicate`.
    func score(removed: Set<Int>) -> (precision: Double, recall: Double) {
        let truePositives = removed.filter { isDuplicate[$0] }.count
        let duplicates = isDuplicate.filter { $0 }.count
        return (Double(truePositives) / Double(max(1, removed.count)), Double(truePositives) / Double(max(1, duplicates)))
    }
}
