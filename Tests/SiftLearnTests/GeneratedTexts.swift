import SiftCore
@testable import SiftLearn

/// A classification set whose truth the test knows: each class has its own vocabulary; a text
/// mixes `signal` words of its class with filler words common to all classes.
struct GeneratedTexts {
    var texts: [String] = []
    var labels: [Int] = []

    init(count: Int, classes: Int, signal: Int = 3, filler: Int = 12, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let shared = (0..<300).map { "w\($0)" }
        for i in 0..<count {
            let label = i % classes
            var words: [String] = []
            for _ in 0..<signal { words.append("c\(label)x\(Int(generator.next() % 40))") }
            for _ in 0..<filler { words.append(shared[Int(generator.next() % UInt64(shared.count))]) }
            words.shuffle(using: &generator)
            texts.append(words.joined(separator: " "))
            labels.append(label)
        }
    }

    var features: [FeatureVector] { texts.map(TextFeatures().vector) }

    /// Records as JSON Lines (`id`, `text`, `label`), with the given labels.
    func jsonLines(labels given: [Int]? = nil) -> String {
        zip(texts, given ?? labels).enumerated().map { i, pair in
            JSONWriter().string(.object(["id": .string("r\(i)"), "text": .string(pair.0), "label": .string("class\(pair.1)")]))
        }.joined(separator: "\n") + "\n"
    }
}
