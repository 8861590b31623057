/// ROUGE-L: the F-measure of the longest common subsequence of two token sequences
/// (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries", section 3.1), exactly as the
/// `rouge-score` package computes `rougeL` without stemming — the measure Self-Instruct (Wang et
/// al. 2022) uses to drop an instruction too similar to one already kept:
///
///     P = LCS / |prediction|,  R = LCS / |target|,  F = 2PR / (P + R)   (0 when either is empty)
///
/// Tokenisation follows `rouge-score`'s default tokenizer: lowercase, every run of characters that
/// are not letters or digits becomes a separator. For ASCII text the tokens, and so the scores, are
/// identical to `rouge-score`'s. For other scripts `rouge-score` deletes every non-ASCII character
/// (its pattern is `[^a-z0-9]+`), which turns "café" into "caf" and makes all non-Latin text score
/// 0, silently disabling the similarity filter; Sift keeps Unicode letters and digits instead.
public enum RougeL {
    public struct Score: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var fmeasure: Double
    }

    /// Lowercased runs of letters and digits.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                current.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// ROUGE-L of `prediction` against `target` (argument order as in `RougeScorer.score(target, prediction)`).
    public static func score(target: String, prediction: String) -> Score {
        score(target: tokens(target), prediction: tokens(prediction))
    }

    /// Over tokens or over interned token ids (where unknown tokens of the prediction are -1, which
    /// no target id equals).
    public static func score<Token: Equatable>(target: [Token], prediction: [Token]) -> Score {
        guard !target.isEmpty, !prediction.isEmpty else { return Score(precision: 0, recall: 0, fmeasure: 0) }
        let lcs = Double(longestCommonSubsequence(target, prediction))
        let precision = lcs / Double(prediction.count)
        let recall = lcs / Double(target.count)
        let f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        return Score(precision: precision, recall: recall, fmeasure: f)
    }

    /// Length of the longest common subsequence, in O(|a|·|b|) time and O(min) memory.
    public static func longestCommonSubsequence<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        guard !short.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: short.count + 1)
        var current = previous
        for x in long {
            for j in 1...short.count {
                current[j] = x == short[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return previous[short.count]
    }
}
