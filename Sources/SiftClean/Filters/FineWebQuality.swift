import SiftCore

/// FineWeb's custom filters (Penedo et al. 2024, "The FineWeb Datasets: Decanting the Web for the
/// Finest Text Data at Scale", section 3.3), as datatrove's `FineWebQualityFilter` implements them
/// (datatrove 0.10, `fineweb_quality_filter.py`), on the non-blank lines of `text.split("\n")`:
///
/// - fraction of lines ending in terminal punctuation (datatrove's `TERMINAL_PUNCTUATION`) below 0.12;
/// - fraction of lines of at most 30 characters above 0.67;
/// - characters in duplicated lines over non-newline characters above 0.01;
/// - newlines per word above 0.3 (datatrove's `list_ratio`, not in the paper).
///
/// The paper states the duplicated-line threshold as 0.1; datatrove's default, which the FineWeb
/// pipeline ran with, is 0.01. Sift defaults to datatrove's so that decisions agree with it.
public struct FineWebQuality: Sendable {
    public static let name = "fineweb"
    /// Paper and datatrove: 0.12.
    public var linePunctThr: Double = 0.12
    /// datatrove: a document with no punctuated line at all can be exempted (off by default).
    public var linePunctExcludeZero = false
    /// Paper and datatrove: 0.67 of lines no longer than `shortLineLength`.
    public var shortLineThr: Double = 0.67
    /// Paper and datatrove: 30 characters.
    public var shortLineLength: Int = 30
    /// datatrove default 0.01 (the paper's text says 0.1).
    public var charDuplicatesRatio: Double = 0.01
    /// datatrove: 0.3 newlines per word.
    public var newLineRatio: Double = 0.3

    public init() {}

    public var parameters: [(String, JSONValue)] {
        [("line_punct_thr", .double(linePunctThr)), ("line_punct_exclude_zero", .bool(linePunctExcludeZero)),
         ("short_line_thr", .double(shortLineThr)), ("short_line_length", .integer(shortLineLength)),
         ("char_duplicates_ratio", .double(charDuplicatesRatio)), ("new_line_ratio", .double(newLineRatio))]
    }

    public mutating func set(_ parameter: String, _ text: String) throws {
        let name = "\(Self.name).\(parameter)"
        switch parameter {
        case "line_punct_thr": linePunctThr = try ParameterValue.double(text, name)
        case "line_punct_exclude_zero": linePunctExcludeZero = try ParameterValue.bool(text, name)
        case "short_line_thr": shortLineThr = try ParameterValue.double(text, name)
        case "short_line_length": shortLineLength = try ParameterValue.int(text, name)
        case "char_duplicates_ratio": charDuplicatesRatio = try ParameterValue.double(text, name)
        case "new_line_ratio": newLineRatio = try ParameterValue.double(text, name)
        default: throw SiftError("unknown parameter '\(name)'; \(Self.name) has \(parameters.map(\.0).joined(separator: ", "))", status: .usage)
        }
    }

    private static let terminalPunctuation = CharacterClass(scalars: EnglishTokenizerTables.terminalPunctuation)

    public func evaluate(_ text: AnalyzedText) -> FilterFailure? {
        let t = text.scalars
        let pieces = text.lineBreaks.newlinePieces()
        var lines: [TokenSpan] = []
        lines.reserveCapacity(pieces.count)
        for piece in pieces where PythonText.strip(t, piece).count > 0 { lines.append(piece) }
        guard !lines.isEmpty else {
            return FilterFailure(rule: "\(Self.name).empty", value: .integer(0), threshold: .integer(1), datatroveReason: "empty")
        }
        let punctuated = lines.reduce(0) { $1.count > 0 && Self.terminalPunctuation.contains(t[Int($1.end) - 1]) ? $0 + 1 : $0 }
        let punctRatio = Double(punctuated) / Double(lines.count)
        if punctRatio < linePunctThr, !(punctRatio == 0 && linePunctExcludeZero) {
            return failure("line_punct_ratio", rounded(punctRatio), .double(linePunctThr), "line_punct_ratio")
        }
        let short = lines.reduce(0) { $1.count <= shortLineLength ? $0 + 1 : $0 }
        let shortRatio = Double(short) / Double(lines.count)
        if shortRatio > shortLineThr {
            return failure("short_line_ratio", rounded(shortRatio), .double(shortLineThr), "short_line_ratio")
        }
        let newlines = text.lineBreaks.newlines.count
        let duplicated = GopherRepetition.duplicates(lines, text, text.counter).characters
        let dupRatio = Double(duplicated) / Double(t.count - newlines)
        if dupRatio > charDuplicatesRatio {
            return failure("char_dup_ratio", rounded(dupRatio), .double(charDuplicatesRatio), "char_dup_ratio")
        }
        let words = text.words.count
        let listRatio = words == 0 ? Double.infinity : Double(newlines) / Double(words)
        if listRatio > newLineRatio {
            return failure("list_ratio", rounded(listRatio), .double(newLineRatio), "list_ratio")
        }
        return nil
    }

    private func failure(_ check: String, _ value: JSONValue, _ threshold: JSONValue, _ reason: String) -> FilterFailure {
        FilterFailure(rule: "\(Self.name).\(check)", value: value, threshold: threshold, datatroveReason: reason)
    }
}

extension FineWebQuality: FilterRuleSet {
    public static let readsDocumentText = true
    public func evaluate(text: AnalyzedText?, content: RecordContent) -> FilterFailure? { text.flatMap(evaluate) }
}
