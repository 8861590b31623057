import SiftCore

/// Reads annotations from dataset files (CSV, TSV, JSON Lines, JSON; gzip too) through SiftCore's
/// streaming reader into an `AnnotationTable`, in any of the three layouts.
///
/// A malformed row stops the read with its file and line: dropping a label silently would change
/// the coefficients without anyone knowing.
public struct AnnotationReader {
    public var paths: [String]
    /// nil: detect from the first record (Label Studio tasks, else an annotator field means long,
    /// else wide).
    public var layout: AnnotationLayout?
    public var fields: AnnotationFields
    public var readOptions: ReadOptions
    public var allowedLabels: [String]?
    public var duplicates: DuplicatePolicy
    /// Keep item texts found in the input (Label Studio task data, a wide file's text column).
    public var keepTexts: Bool

    public init(paths: [String], layout: AnnotationLayout? = nil, fields: AnnotationFields = AnnotationFields(),
                readOptions: ReadOptions = ReadOptions(), allowedLabels: [String]? = nil,
                duplicates: DuplicatePolicy = .last, keepTexts: Bool = false) {
        self.paths = paths
        self.layout = layout
        self.fields = fields
        self.readOptions = readOptions
        self.allowedLabels = allowedLabels
        self.duplicates = duplicates
        self.keepTexts = keepTexts
    }

    public func read(progress: ((Int, Int?) -> Void)? = nil) throws -> (table: AnnotationTable, input: AnnotationInput) {
        let stream = try DatasetStream(paths: paths, options: readOptions)
        stream.onProgress = progress
        var builder = try AnnotationTableBuilder(allowedLabels: allowedLabels)
        var input = AnnotationInput(files: paths, layout: layout ?? .long)
        var parser: Parser?
        while let batch = try stream.nextBatch() {
            for event in batch {
                switch event {
                case .malformed(let bad):
                    throw SiftLabelError.data("\(bad.description) (malformed row; fix or remove it)")
                case .record(let record):
                    if parser == nil {
                        let chosen = layout ?? Self.detect(record, fields: fields)
                        input.layout = chosen
                        parser = Parser(chosen, fields: fields, keepTexts: keepTexts)
                    }
                    try parser!.add(record, to: &builder, input: &input)
                }
            }
        }
        input.formats = stream.formats
        input.diagnostics = stream.diagnostics
        guard parser != nil else {
            let empty = stream.diagnostics.first { $0.message.hasPrefix("file is empty") }
            throw SiftLabelError.data(empty.map { "\($0.description); no labels to compare" } ?? "\(paths.joined(separator: ", ")): no rows; no labels to compare")
        }
        let built = try builder.build(duplicates: duplicates)
        input.duplicates = built.duplicates
        input.duplicateCount = built.duplicateCount
        return (built.table, input)
    }

    /// Label Studio tasks have `data` and `annotations`; `--annotator`, or a row with an annotator
    /// field, means long; `--annotators`, or anything else, one row per item (wide).
    static func detect(_ record: Record, fields: AnnotationFields) -> AnnotationLayout {
        if LabelStudioParser.looksLikeTask(record) { return .labelstudio }
        if fields.annotator != nil { return .long }
        if fields.annotators != nil { return .wide }
        return AnnotationFields.annotatorAliases.contains { record.fields[$0] != nil } ? .long : .wide
    }

    /// The parser for a layout.
    private enum Parser {
        case long(LongLayoutParser)
        case wide(WideLayoutParser)
        case labelStudio(LabelStudioParser)

        init(_ layout: AnnotationLayout, fields: AnnotationFields, keepTexts: Bool) {
            switch layout {
            case .long: self = .long(LongLayoutParser(fields: fields))
            case .wide: self = .wide(WideLayoutParser(fields: fields, keepTexts: keepTexts))
            case .labelstudio: self = .labelStudio(LabelStudioParser(fields: fields, keepTexts: keepTexts))
            }
        }

        mutating func add(_ record: Record, to builder: inout AnnotationTableBuilder, input: inout AnnotationInput) throws {
            switch self {
            case .long(var p): try p.add(record, to: &builder, input: &input); self = .long(p)
            case .wide(var p): try p.add(record, to: &builder, input: &input); self = .wide(p)
            case .labelStudio(var p): try p.add(record, to: &builder, input: &input); self = .labelStudio(p)
            }
        }
    }
}
