import SiftCore
import SiftText

/// Gopher's repetition rules (Rae et al. 2021, appendix A.1.1, Table A1), as datatrove's
/// `GopherRepetitionFilter` implements them (datatrove 0.10, `gopher_repetition_filter.py`):
///
/// - duplicate paragraph / line fractions: paragraphs are the stripped text split at runs of two or
///   more newlines, lines the text split at runs of newlines; an element is a duplicate when an equal
///   one came before; fractions are of elements and of characters (`len(text)`).
/// - top n-gram character fraction (n = 2, 3, 4): characters of the most frequent word n-gram
///   (joined by spaces; ties go to the first seen) times its count, over `len(text)`.
/// - duplicate n-gram character fraction (n = 5...10): scanning word n-grams (joined without
///   separator) left to right, a repeat adds its characters and skips n words.
///
/// Checks run in that order; the first failing one decides. As in datatrove, 0 or `off` disables a
/// fraction threshold.
public struct GopherRepetition: Sendable {
    public static let name = "gopher-repetition"
    /// Table A1: duplicate line fraction 0.30.
    public var dupLineFrac: Double? = 0.3
    /// Table A1: duplicate paragraph fraction 0.30.
    public var dupParaFrac: Double? = 0.3
    /// Table A1: duplicate line character fraction 0.20.
    public var dupLineCharFrac: Double? = 0.2
    /// Table A1: duplicate paragraph character fraction 0.20.
    public var dupParaCharFrac: Double? = 0.2
    /// Table A1: top 2-gram 0.20, 3-gram 0.18, 4-gram 0.16.
    public var topNGrams: [(n: Int, fraction: Double)] = [(2, 0.2), (3, 0.18), (4, 0.16)]
    /// Table A1: duplicate 5-gram 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10.
    public var dupNGrams: [(n: Int, fraction: Double)] = [(5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)]

    public init() {}

    public var parameters: [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [
            ("dup_line_frac", ParameterValue.json(dupLineFrac)), ("dup_para_frac", ParameterValue.json(dupParaFrac)),
            ("dup_line_char_frac", ParameterValue.json(dupLineCharFrac)), ("dup_para_char_frac", ParameterValue.json(dupParaCharFrac)),
        ]
        out += topNGrams.map { ("top_\($0.n)_gram_frac", .double($0.fraction)) }
        out += dupNGrams.map { ("dup_\($0.n)_gram_frac", .double($0.fraction)) }
        return out
    }

    public mutating func set(_ parameter: String, _ text: String) throws {
        let name = "\(Self.name).\(parameter)"
        switch parameter {
        case "dup_line_frac": dupLineFrac = try ParameterValue.optionalDouble(text, name)
        case "dup_para_frac": dupParaFrac = try ParameterValue.optionalDouble(text, name)
        case "dup_line_char_frac": dupLineCharFrac = try ParameterValue.optionalDouble(text, name)
        case "dup_para_char_frac": dupParaCharFrac = try ParameterValue.optionalDouble(text, name)
        default:
            for (list, prefix) in [(\GopherRepetition.topNGrams, "top_"), (\GopherRepetition.dupNGrams, "dup_")] {
                if parameter.hasPrefix(prefix), parameter.hasSuffix("_gram_frac"),
                   let n = Int(parameter.dropFirst(prefix.count).dropLast("_gram_frac".count)) {
                    let value = try ParameterValue.optionalDouble(text, name)
                    var entries = self[keyPath: list].filter { $0.n != n }
                    if let value { entries.append((n, value)) }
                    self[keyPath: list] = entries.sorted { $0.n < $1.n }
                    return
                }
            }
            throw SiftError("unknown parameter '\(name)'; \(Self.name) has \(parameters.map(\.0).joined(separator: ", "))", status: .usage)
        }
    }

    private func active(_ value: Double?) -> Double? { value.flatMap { $0 == 0 ? nil : $0 } }

    public func evaluate(_ text: AnalyzedText) -> FilterFailure? {
        let t = text.scalars
        guard !t.isEmpty else { return failure("empty", .integer(0), .integer(1), "empty") }
        let length = Double(t.count)

        let stripped = PythonText.strip(t, TokenSpan(0, t.count))
        let paragraphs = text.lineBreaks.pieces(Int(stripped.start), Int(stripped.end), onNewlineRunsOf: 2)
        let counter = text.counter
        let (dupParagraphs, dupParagraphChars) = Self.duplicates(paragraphs, text, counter)
        if let maximum = active(dupParaFrac), Double(dupParagraphs) / Double(paragraphs.count) > maximum {
            return failure("dup_para_frac", rounded(Double(dupParagraphs) / Double(paragraphs.count)), .double(maximum), "dup_para_frac")
        }
        if let maximum = active(dupParaCharFrac), Double(dupParagraphChars) / length > maximum {
            return failure("dup_para_char_frac", rounded(Double(dupParagraphChars) / length), .double(maximum), "dup_para_char_frac")
        }
        let lines = text.lineBreaks.pieces(0, t.count, onNewlineRunsOf: 1)
        let (dupLines, dupLineChars) = Self.duplicates(lines, text, counter)
        if let maximum = active(dupLineFrac), Double(dupLines) / Double(lines.count) > maximum {
            return failure("dup_line_frac", rounded(Double(dupLines) / Double(lines.count)), .double(maximum), "dup_line_frac")
        }
        if let maximum = active(dupLineCharFrac), Double(dupLineChars) / length > maximum {
            return failure("dup_line_char_frac", rounded(Double(dupLineChars) / length), .double(maximum), "dup_line_char_frac")
        }

        let words = text.words
        let grams = WordNGrams(text)
        // Upper bounds of the 2-gram counts bound every top n-gram check: only a document that
        // could fail one counts its n-grams exactly.
        let bound = topNGrams.isEmpty ? nil : TopNGramBound(bigramCounts: grams.bigramCountBounds(counter), lengths: grams.bigramLength)
        for (n, fraction) in topNGrams {
            guard words.count >= n, n > 0 else { continue }
            if n >= 2, let bound, !(Double(bound.maximumCharacters(n)) / length > fraction) { continue }
            let characters = grams.topNGramCharacters(n, counter)
            if Double(characters) / length > fraction {
                return failure("top_\(n)_gram_frac", rounded(Double(characters) / length), .double(fraction), "top_\(n)_gram")
            }
        }
        var shortest = Int.max
        for (n, _) in dupNGrams where n > 0 { shortest = min(shortest, n) }
        let candidates = shortest == Int.max ? [] : grams.duplicateCandidates(shortest: shortest)
        for (n, fraction) in dupNGrams where n > 0 {
            guard Double(grams.candidateCoverage(n, candidates: candidates)) / length > fraction else { continue }
            let characters = grams.duplicateNGramCharacters(n, counter, candidates: candidates)
            if Double(characters) / length > fraction {
                return failure("dup_\(n)_gram_frac", rounded(Double(characters) / length), .double(fraction), "duplicated_\(n)_n_grams")
            }
        }
        return nil
    }

    private func failure(_ check: String, _ value: JSONValue, _ threshold: JSONValue, _ reason: String) -> FilterFailure {
        FilterFailure(rule: "\(Self.name).\(check)", value: value, threshold: threshold, datatroveReason: reason)
    }

    /// datatrove's `find_duplicates`: elements equal to an earlier one (by the hash of their
    /// characters), and their characters.
    static func duplicates(_ spans: [TokenSpan], _ text: AnalyzedText, _ seen: HashCounter) -> (elements: Int, characters: Int) {
        seen.reset(expected: spans.count)
        return text.withCharacterBytes { characters in
            var elements = 0
            var duplicated = 0
            for span in spans where seen.insert(characters.hash(Int(span.start), Int(span.end))) {
                elements += 1
                duplicated += span.count
            }
            return (elements, duplicated)
        }
    }
}

extension GopherRepetition: FilterRuleSet {
    public static let readsDocumentText = true
    public func evaluate(text: AnalyzedText?, content: RecordContent) -> FilterFailure? { text.flatMap(evaluate) }
}
