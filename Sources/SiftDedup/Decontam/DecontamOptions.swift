import SiftCore

/// Everything that decides what `sift decontam` flags and removes.
public struct DecontamOptions: Sendable {
    /// Words per n-gram: 13, as in the GPT-3 paper.
    public var ngram = 13
    /// Evaluation items with fewer words than this are not checked (see `EvalOverlapIndex`).
    public var minWords = 8
    /// The field holding the text on each side; nil compares `RecordContent.comparableText` (for an
    /// evaluation case: its input and expected output joined by a newline).
    public var trainField: String?
    public var evalField: String?
    /// Remove the contaminated evaluation items instead of the contaminating training records.
    public var dropEval = false

    public init() {}

    /// Each numeric option's name, accepted values and help, the one definition `sift decontam`'s
    /// flags and the recipe step's schema both use.
    public enum Parameters {
        public static let ngram = IntegerParameter("ngram", 1...64, help: "Words per n-gram; 13 is the GPT-3 rule.")
        public static let minWords = IntegerParameter("min_words", 1...10_000, help: "Evaluation items with fewer words are not checked.")
    }

    /// Throws a `ParameterError` naming the first option out of range.
    public func validate() throws {
        try Parameters.ngram.check(ngram)
        try Parameters.minWords.check(minWords)
    }
}
