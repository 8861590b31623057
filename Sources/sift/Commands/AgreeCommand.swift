import Foundation
import ArgumentParser
import SiftCore
import SiftLabel
import SiftReport

extension KappaWeights: ExpressibleByArgument {}
extension MeasurementLevel: ExpressibleByArgument {}
extension AgreementMetric: ExpressibleByArgument {}
extension TimeWindow: ExpressibleByArgument {}
extension DuplicatePolicy: ExpressibleByArgument {}

enum LayoutChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, long, wide, labelstudio

    var layout: AnnotationLayout? { self == .auto ? nil : AnnotationLayout(rawValue: rawValue) }
}

struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract: "Measure inter-annotator agreement (kappa, alpha, AC1) and show where annotators disagree.",
        discussion: """
        Reads labels in long form (item, annotator, label per row; CSV or JSON Lines), wide form (one row per \
        item, one column per annotator) or a Label Studio JSON export. Reports percent agreement, Cohen's kappa \
        per pair and their mean, Fleiss' kappa, Krippendorff's alpha (all four levels), Scott's pi and Gwet's \
        AC1 with bootstrap intervals, per-label agreement and the most confused labels. The numbers match \
        scikit-learn, statsmodels and the krippendorff package (docs/agreement.md). Exit status 1 when the \
        headline metric is below --threshold.
        """
    )

    @Argument(help: "Annotation files (- for standard input).")
    var files: [String]

    @Option(help: "Layout: auto, long, wide or labelstudio.")
    var format: LayoutChoice = .auto

    @Option(help: "File format: auto (from the name and first bytes), jsonl, json, csv or tsv.")
    var inputFormat: FormatChoice = .auto

    @Option(help: ArgumentHelp("Item id field (default: item, item_id, id, ...).", valueName: "field"))
    var item: String?

    @Option(help: ArgumentHelp("Annotator field, long layout (default: annotator, rater, coder, worker, ...).", valueName: "field"))
    var annotator: String?

    @Option(help: ArgumentHelp("Label field (long layout), or the Label Studio control (from_name).", valueName: "field"))
    var label: String?

    @Option(help: ArgumentHelp("Wide layout: the annotator columns, comma-separated (default: all but item, time and text).", valueName: "a,b,c"))
    var annotators: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The allowed labels, in order (the order weighted kappa and ordinal alpha use); others are errors.", valueName: "a,b,c"))
    var labels: String?

    @Option(help: "Level of Krippendorff's alpha for the headline and intervals: nominal, ordinal, interval, ratio.")
    var level: MeasurementLevel = .nominal

    @Option(help: "Weights of Cohen's kappa: none, linear, quadratic.")
    var weights: KappaWeights = .none

    @Option(help: "Headline metric, judged against --threshold (default cohen_kappa, the mean of pairs).")
    var metric: AgreementMetric = .cohenKappa

    @Option(parsing: .unconditional, help: "Pass when the headline metric is at least this (exit status 1 otherwise).")
    var threshold: Double = 0.7

    @Option(help: ArgumentHelp("Bootstrap resamples of items for confidence intervals (0: none).", valueName: "n"))
    var bootstrap: Int = 1000

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Gold labels (item and label per row): accuracy and kappa of each annotator.", valueName: "path"))
    var gold: String?

    @Option(help: ArgumentHelp("Label field of the gold file (default: gold_label, gold, expected, label, ...).", valueName: "field"))
    var goldLabel: String?

    @Option(help: ArgumentHelp("Field with the time each label was given: agreement per --window.", valueName: "field"))
    var timeField: String?

    @Option(help: "Window for --time-field: day, week (from Monday) or month, in UTC.")
    var window: TimeWindow = .week

    @Option(help: "An item labelled twice by one annotator: keep the last label (and report it), or fail.")
    var duplicates: DuplicatePolicy = .last

    @Option(help: ArgumentHelp("Items with their texts (JSON Lines, CSV), to show examples in --markdown and --html.", valueName: "path"))
    var items: String?

    @Option(help: ArgumentHelp("Text field of --items (default: the record's own text).", valueName: "field"))
    var textField: String?

    @OptionGroup var jsonReport: JSONReportOptions

    @Option(help: ArgumentHelp("Write guideline feedback as Markdown to this file.", valueName: "path"))
    var markdown: String?

    @OptionGroup var htmlReport: HTMLReportOptions

    @Option(help: ArgumentHelp("Items listed under disagreements in --json (all are counted).", valueName: "n"))
    var maxDisagreements: Int = 1000

    @Option(help: ArgumentHelp("Largest record to read, in bytes.", valueName: "bytes"))
    var maxRecordBytes: Int = 256 << 20

    func validate() throws {
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
        guard maxDisagreements >= 0 else { throw ValidationError("--max-disagreements must be 0 or more") }
        guard threshold.isFinite else { throw ValidationError("--threshold must be a number") }
    }

    func run() throws {
        var failed = false
        try reportingErrors {
            let readOptions = ReadOptions(format: inputFormat.format, maxRecordBytes: maxRecordBytes)
            let fields = AnnotationFields(item: item, annotator: annotator, label: label, time: timeField, annotators: Self.list(annotators))
            let reader = AnnotationReader(paths: files, layout: format.layout, fields: fields, readOptions: readOptions,
                                          allowedLabels: Self.list(labels), duplicates: duplicates,
                                          keepTexts: markdown != nil || htmlReport.html != nil)
            var bar: ProgressBar?
            let (table, readInput) = try reader.read { done, total in
                if bar == nil { bar = ProgressBar(label: "reading", total: total) }
                bar?.update(done)
            }
            bar?.finish()
            let goldStandard = try gold.map {
                try ReferenceReaders.gold(path: $0, itemField: item, labelField: goldLabel, readOptions: ReadOptions(maxRecordBytes: maxRecordBytes))
            }
            var options = AgreementOptions()
            options.weights = weights
            options.level = level
            options.metric = metric
            options.threshold = threshold
            options.bootstrap = bootstrap
            options.seed = seed
            options.window = window
            options.disagreementLimit = maxDisagreements
            let report = try AgreementAnalysis.run(table, input: readInput, gold: goldStandard, options: options)
            var texts = readInput.texts

            if markdown != nil || htmlReport.html != nil, let items {
                let wanted = Set(GuidelineFeedback.exampleItems(report).map { report.table.items[$0] })
                let found = try ReferenceReaders.texts(path: items, itemField: item, textField: textField, wanted: wanted,
                                                       readOptions: ReadOptions(maxRecordBytes: maxRecordBytes))
                texts.merge(found) { _, new in new }
            }
            if let markdown {
                try writeFileAtomically(markdown, GuidelineFeedback.markdown(report, texts: texts))
            }
            try htmlReport.write(AgreementHTML.document(report, texts: texts))
            if jsonReport.printsSummary { print(report.render(on: .standardOutput)) }
            try jsonReport.write(report.json)
            failed = !report.passed
        }
        if failed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }

    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }
}
