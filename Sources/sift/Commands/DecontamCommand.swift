import ArgumentParser
import SiftCore
import SiftDedup
import SiftReport

struct DecontamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decontam",
        abstract: "Find evaluation items whose text appears in the training set (GPT-3 13-gram overlap) and remove the leak.",
        discussion: """
        An evaluation item (its input and expected output) is contaminated when one of its n-grams of \
        lowercased, punctuation-free words also occurs in a training record, or, when it has fewer than n \
        words (but at least --min-words), when the whole item occurs in one. The contaminating training \
        records are removed from --out (or, with --drop-eval, the contaminated evaluation items). See docs/dedup.md.
        """
    )

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Training set files (- for standard input).", valueName: "path"))
    var train: [String]

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Evaluation set files.", valueName: "path"))
    var eval: [String]

    /// The library's defaults, which the options below start from (stated once, in `DecontamOptions`).
    private static let defaults = DecontamOptions()

    @Option(name: .parameter(DecontamOptions.Parameters.ngram), help: ArgumentHelp(DecontamOptions.Parameters.ngram.help))
    var ngram = Self.defaults.ngram

    @Option(name: .parameter(DecontamOptions.Parameters.minWords), help: ArgumentHelp(DecontamOptions.Parameters.minWords.help))
    var minWords = Self.defaults.minWords

    @Option(help: ArgumentHelp("Write the clean records here: the training set, or the evaluation set with --drop-eval.", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("Write the removed records here, annotated with _sift.decontam.", valueName: "path"))
    var removed: String?

    @Flag(help: "Remove the contaminated evaluation items instead of the training records.")
    var dropEval = Self.defaults.dropEval

    @Option(help: ArgumentHelp("The training text field (default: by dataset kind).", valueName: "name"))
    var trainField: String?

    @Option(help: ArgumentHelp("The evaluation text field (default: input and expected output).", valueName: "name"))
    var evalField: String?

    @Flag(help: "Exit with status 1 when any evaluation item is contaminated (a CI gate).")
    var failOnContamination = false

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard !train.isEmpty else { throw ValidationError("give the training set with --train") }
        guard !eval.isEmpty else { throw ValidationError("give the evaluation set with --eval") }
        do {
            var options = DecontamOptions()
            options.ngram = ngram
            options.minWords = minWords
            try options.validate()
        } catch let error as ParameterError {
            throw ValidationError(error.message(naming: ParameterError.flag))
        }
        guard !(train.contains("-") && eval.contains("-")) else { throw ValidationError("only one of --train and --eval can be standard input") }
    }

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        var contaminated = false
        try reportingErrors {
            var options = DecontamOptions()
            options.ngram = ngram
            options.minWords = minWords
            options.trainField = trainField
            options.evalField = evalField
            options.dropEval = dropEval
            var decontaminator = Decontaminator(trainPaths: train, evalPaths: eval, readOptions: input.readOptions, options: options)
            let progress = PassProgress()
            decontaminator.progress = progress.update
            let report = try decontaminator.run(out: out, removed: removed)
            progress.finish()
            if jsonReport.printsSummary { print(report.render(on: .standardOutput)) }
            try jsonReport.write(report.json)
            contaminated = !report.contaminated.isEmpty
        }
        if failOnContamination && contaminated { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
