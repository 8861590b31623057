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
}
