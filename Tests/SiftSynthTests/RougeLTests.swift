import Foundation
import Testing
@testable import SiftSynth

@Suite("ROUGE-L")
struct RougeLTests {
    /// Reference values from rouge-score 0.1.2:
    /// `RougeScorer(["rougeL"], use_stemmer=False).score(target, prediction)["rougeL"]`.
    @Test("matches rouge-score on ASCII text", arguments: [
        ("Write a poem about the sea.", "Write a short poem about the ocean and the sea!", 0.6, 1.0, 0.7499999999999999),
        ("Give three tips for staying healthy.", "What are three tips for staying healthy?", 0.7142857142857143, 0.8333333333333334, 0.7692307692307692),
        ("Translate the sentence into French.", "Summarize the following article in one paragraph.", 0.14285714285714285, 0.2, 0.16666666666666666),
        ("the cat sat on the mat", "the cat sat on the mat", 1.0, 1.0, 1.0),
        ("A B C D E F", "B D F A C E", 0.5, 0.5, 0.5),
        ("Hello, world!!", "...", 0.0, 0.0, 0.0),
    ])
    func matchesRougeScore(target: String, prediction: String, precision: Double, recall: Double, fmeasure: Double) {
        let score = RougeL.score(target: target, prediction: prediction)
        #expect(abs(score.precision - precision) < 1e-12)
        #expect(abs(score.recall - recall) < 1e-12)
        #expect(abs(score.fmeasure - fmeasure) < 1e-12)
    }

    @Test("keeps Unicode letters that rouge-score's ASCII pattern drops")
    func unicodeTokens() {
        #expect(RougeL.tokens("Café au lait, s'il vous plaît") == ["café", "au", "lait", "s", "il", "vous", "plaît"])
        #expect(RougeL.tokens("日本語 テキスト") == ["日本語", "テキスト"])
        #expect(RougeL.score(target: "Écris un poème", prediction: "écris un poème").fmeasure == 1)
    }

    @Test("interned scores equal string scores")
    func interned() {
        var pool = InstructionPool()
        pool.insert(RougeL.tokens("Write a poem about the sea."), label: "a")
        pool.insert(RougeL.tokens("List three facts about owls."), label: "b")
        let best = pool.mostSimilar(RougeL.tokens("Write a short poem about the ocean and the sea!"))
        #expect(best?.label == "a")
        #expect(abs((best?.fmeasure ?? 0) - 0.7499999999999999) < 1e-12)
    }
}

@Suite("near-duplicate index")
struct NearDuplicateIndexTests {
    @Test("finds a reworded instruction and ignores an unrelated one")
    func findsNearDuplicates() {
        var index = RougeNearDuplicateIndex(threshold: 0.7)
        index.insert(RougeL.tokens("Give three tips for staying healthy during the winter months."), label: "seed-1")
        index.insert(RougeL.tokens("Translate the following sentence into French."), label: "seed-2")
        let match = index.match(RougeL.tokens("Give three tips for staying healthy in the winter months."))
        #expect(match?.label == "seed-1")
        #expect((match?.similarity ?? 0) >= 0.7)
        #expect(index.match(RougeL.tokens("Explain how a binary search tree is balanced.")) == nil)
    }

    @Test("recall of the LSH stage on many reworded pairs")
    func recall() {
        var index = RougeNearDuplicateIndex(threshold: 0.7)
        let base = (0..<200).map { i in "Describe topic number \(i) with care for readers who like item \(i * 7) and example \(i * 13) today" }
        for (i, text) in base.enumerated() { index.insert(RougeL.tokens(text), label: "r\(i)") }
        var found = 0
        for (i, text) in base.enumerated() {
            let variant = text.replacingOccurrences(of: "today", with: "tomorrow")
            let exact = RougeL.score(target: text, prediction: variant).fmeasure
            #expect(exact >= 0.7)
            if index.match(RougeL.tokens(variant))?.label == "r\(i)" { found += 1 }
        }
        // Shingle Jaccard of these pairs is about 0.9, where 32 bands of 4 rows miss with probability < 1e-6.
        #expect(found == 200)
    }
}
