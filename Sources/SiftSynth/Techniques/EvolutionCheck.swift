import SiftCore

/// Evol-Instruct's elimination of failed evolutions (Xu et al. 2023, section 3.3). An evolution
/// fails when:
///
/// 1. `no_information_gain`: it adds nothing to the instruction it came from. The paper asks
///    ChatGPT; Sift decides lexically: the evolved text is the same after `TextNormalization`, or
///    an in-depth evolution introduces no word the original lacked, or an in-breadth "new"
///    instruction has ROUGE-L F ≥ 0.7 with the original (it is a near copy, not a new task);
/// 2. `refusal`: the model finds the evolved instruction hard to answer: the answer contains
///    "sorry" and is shorter than 80 words (the paper's rule);
/// 3. `empty_response`: the answer is only punctuation and stop words (the paper's rule);
/// 4. `copied_prompt_words`: the evolved instruction copies words of the evolving prompt, such as
///    "given prompt", "rewritten prompt", "#Rewritten Prompt#" (the paper's rule, with the phrases
///    of Sift's own templates added). Small models also echo the evolving prompt's own sentences
///    ("Rewrite the prompt to make it more demanding: ..."), so any run of `copiedRunLength` words
///    of the template's text that the original instruction did not already contain counts too.
public enum EvolutionCheck {
    static let copiedPhrases = [
        "given prompt", "rewritten prompt", "created prompt", "original prompt", "#rewritten prompt#", "#given prompt#",
        "#created prompt#", "rewritten version", "the prompt below", "rewrite the prompt",
    ]
    /// Five words: long enough that a legitimate instruction sharing a few common words with the
    /// template ("the answer must") is not caught, short enough for "to make it more demanding".
    static let copiedRunLength = 5

    /// English stop words (the NLTK list's core), for rule 3.
    static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
        "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
        "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "ok", "okay", "yes",
    ]

    /// `evolvingPrompt` is the template that asked for the evolution, rendered without the
    /// instruction: the words the model was told, not given, to use.
    public static func failure(method: EvolutionMethod, original: String, evolved: String, response: String,
                               evolvingPrompt: String) -> (rule: String, detail: String)? {
        let evolvedTokens = RougeL.tokens(evolved)
        if evolvedTokens.isEmpty { return ("no_information_gain", "the evolved instruction is empty") }
        if TextNormalization.canonical(evolved) == TextNormalization.canonical(original) {
            return ("no_information_gain", "the evolved instruction equals the original")
        }
        let originalTokens = RougeL.tokens(original)
        if method.isInDepth, Set(evolvedTokens).isSubset(of: Set(originalTokens)) {
            return ("no_information_gain", "the evolved instruction adds no new word")
        }
        if !method.isInDepth {
            let similarity = RougeL.score(target: originalTokens, prediction: evolvedTokens).fmeasure
            if similarity >= 0.7 { return ("no_information_gain", "the new instruction is a near copy (ROUGE-L F \(formatScore(similarity)))") }
        }
        let lowered = evolved.lowercased()
        if let phrase = copiedPhrases.first(where: { lowered.contains($0) }) {
            return ("copied_prompt_words", "the evolved instruction contains \"\(phrase)\"")
        }
        if let run = copiedRun(from: RougeL.tokens(evolvingPrompt), in: evolvedTokens, notIn: originalTokens) {
            return ("copied_prompt_words", "the evolved instruction copies \"\(run)\" from the evolving prompt")
        }
        let responseWords = TextMeasure(response).words
        if response.lowercased().contains("sorry"), responseWords < 80 {
            return ("refusal", "the answer says \"sorry\" in \(responseWords) words")
        }
        if RougeL.tokens(response).allSatisfy(stopWords.contains) {
            return ("empty_response", "the answer is only punctuation and stop words")
        }
        return nil
    }

    /// The first run of `copiedRunLength` words of `template` that `evolved` contains and
    /// `original` does not.
    static func copiedRun(from template: [String], in evolved: [String], notIn original: [String]) -> String? {
        let n = copiedRunLength
        guard template.count >= n, evolved.count >= n else { return nil }
        func runs(_ tokens: [String]) -> Set<ArraySlice<String>> {
            tokens.count >= n ? Set((0...(tokens.count - n)).map { tokens[$0..<($0 + n)] }) : []
        }
        let own = runs(template).subtracting(runs(original))
        return (0...(evolved.count - n)).lazy.map { evolved[$0..<($0 + n)] }.first(where: own.contains)?.joined(separator: " ")
    }
}
