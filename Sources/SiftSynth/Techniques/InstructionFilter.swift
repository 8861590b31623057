import SiftCore

/// Self-Instruct's heuristic filters for a newly generated instruction (Wang et al. 2022, section
/// 2.3 and the authors' `generate_instruction.py`), applied before the similarity check:
///
/// - `too_short` / `too_long`: 3 words or fewer, or more than 150 words;
/// - `unsuitable_keyword`: mentions something a text-only model cannot handle (image, picture,
///   graph, file, map, draw, plot, go to, video, audio, music, flowchart, diagram), as a whole word;
/// - `starts_with_punctuation`;
/// - `program_without_input`: starts with "Write a program", which the authors found too often
///   asks for input the task does not give.
///
/// The paper's rule dropping instructions that start with a non-ASCII character is left out on
/// purpose: it would make the method English-only.
public enum InstructionFilter {
    static let unsuitableKeywords: [[String]] = [
        "image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps",
        "draw", "plot", "go to", "video", "audio", "music", "flowchart", "diagram",
    ].map { $0.split(separator: " ").map(String.init) }

    /// The reason to drop the instruction, or nil to keep it. `tokens` are its `RougeL.tokens`.
    public static func rejection(_ instruction: String, tokens: [String]) -> (rule: String, detail: String)? {
        let words = TextMeasure(instruction).words
        if words <= 3 { return ("too_short", "\(words) words (needs more than 3)") }
        if words > 150 { return ("too_long", "\(words) words (at most 150)") }
        for keyword in unsuitableKeywords where contains(tokens, keyword) {
            return ("unsuitable_keyword", "mentions \"\(keyword.joined(separator: " "))\", which a text-only model cannot handle")
        }
        if let first = instruction.unicodeScalars.first, first.properties.generalCategory.isPunctuationOrSymbol {
            return ("starts_with_punctuation", "starts with \"\(first)\"")
        }
        if instruction.hasPrefix("Write a program") { return ("program_without_input", "starts with \"Write a program\"") }
        return nil
    }

    static func contains(_ tokens: [String], _ phrase: [String]) -> Bool {
        guard tokens.count >= phrase.count else { return false }
        for start in 0...(tokens.count - phrase.count) where tokens[start..<(start + phrase.count)].elementsEqual(phrase) {
            return true
        }
        return false
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default: return false
        }
    }
}

/// Instructions kept so far, as interned token ids, so that the ROUGE-L check of a candidate
/// against hundreds of kept instructions compares integers, on every core.
public struct InstructionPool: Sendable {
    private var vocabulary: [String: Int] = [:]
    private var entries: [[Int]] = []
    private var labels: [String] = []

    public init() {}

    public mutating func insert(_ tokens: [String], label: String) {
        entries.append(intern(tokens))
        labels.append(label)
    }

    /// The kept instruction most similar to `tokens` by ROUGE-L F, with its score.
    public func mostSimilar(_ tokens: [String]) -> (label: String, fmeasure: Double)? {
        guard !entries.isEmpty else { return nil }
        let ids = tokens.map { vocabulary[$0] ?? -1 }
        let scores = parallelMap(count: entries.count, minimumPerSlice: 256) { [entries] i in
            RougeL.score(target: entries[i], prediction: ids).fmeasure
        }
        var best = 0
        for i in scores.indices where scores[i] > scores[best] { best = i }
        return (labels[best], scores[best])
    }

    private mutating func intern(_ tokens: [String]) -> [Int] {
        tokens.map { token in
            if let id = vocabulary[token] { return id }
            vocabulary[token] = vocabulary.count
            return vocabulary.count - 1
        }
    }
}
