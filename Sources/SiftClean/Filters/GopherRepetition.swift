import SiftCore

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
        let hashes = text.hashes

        let stripped = PythonText.strip(t, TokenSpan(0, t.count))
        let paragraphs = PythonText.split(t, Int(stripped.start), Int(stripped.end), onNewlineRunsOf: 2)
        let counter = HashCounter(expected: max(text.words.count, 64))
        let (dupParagraphs, dupParagraphChars) = Self.duplicates(paragraphs, hashes, counter)
        if let maximum = active(dupParaFrac), Double(dupParagraphs) / Double(paragraphs.count) > maximum {
            return failure("dup_para_frac", rounded(Double(dupParagraphs) / Double(paragraphs.count)), .double(maximum), "dup_para_frac")
        }
        if let maximum = active(dupParaCharFrac), Double(dupParagraphChars) / length > maximum {
            return failure("dup_para_char_frac", rounded(Double(dupParagraphChars) / length), .double(maximum), "dup_para_char_frac")
        }
        let lines = PythonText.split(t, 0, t.count, onNewlineRunsOf: 1)
        let (dupLines, dupLineChars) = Self.duplicates(lines, hashes, counter)
        if let maximum = active(dupLineFrac), Double(dupLines) / Double(lines.count) > maximum {
            return failure("dup_line_frac", rounded(Double(dupLines) / Double(lines.count)), .double(maximum), "dup_line_frac")
        }
        if let maximum = active(dupLineCharFrac), Double(dupLineChars) / length > maximum {
            return failure("dup_line_char_frac", rounded(Double(dupLineChars) / length), .double(maximum), "dup_line_char_frac")
        }

        let words = text.words
        let grams = WordNGrams(words: words, hashes: hashes)
        for (n, fraction) in topNGrams {
            guard words.count >= n, n > 0 else { continue }
            let characters = grams.topNGramCharacters(n, counter)
            if Double(characters) / length > fraction {
                return failure("top_\(n)_gram_frac", rounded(Double(characters) / length), .double(fraction), "top_\(n)_gram")
            }
        }
        for (n, fraction) in dupNGrams where n > 0 {
            let characters = grams.duplicateNGramCharacters(n, counter)
            if Double(characters) / length > fraction {
                return failure("dup_\(n)_gram_frac", rounded(Double(characters) / length), .double(fraction), "duplicated_\(n)_n_grams")
            }
        }
        return nil
    }

    private func failure(_ check: String, _ value: JSONValue, _ threshold: JSONValue, _ reason: String) -> FilterFailure {
        FilterFailure(rule: "\(Self.name).\(check)", value: value, threshold: threshold, datatroveReason: reason)
    }

    /// datatrove's `find_duplicates`: elements equal to an earlier one, and their characters.
    static func duplicates(_ spans: [TokenSpan], _ hashes: SubstringHashes, _ seen: HashCounter) -> (elements: Int, characters: Int) {
        seen.reset(expected: spans.count)
        var elements = 0
        var characters = 0
        for span in spans {
            let key = SubstringHashes.key(hashes.hash(Int(span.start), Int(span.end)), length: span.count)
            if seen.insert(key) {
                elements += 1
                characters += span.count
            }
        }
        return (elements, characters)
    }
}

/// Word n-gram keys of one document: n-grams joined by spaces (top n-grams) hash the sequence of
/// word keys; n-grams joined without separator (duplicate n-grams) hash the concatenated
/// characters, so that, as in datatrove, `["ab", "c"]` and `["a", "bc"]` are the same n-gram. Both
/// are prefix hashes, so every window's key costs one modular multiplication.
struct WordNGrams {
    let words: [TokenSpan]
    /// Hash of the sequence of word keys 0..<k.
    private let sequence: [UInt64]
    /// Hash of the concatenation of words 0..<k, and its length in characters.
    private let concatenated: [UInt64]
    private let concatenatedLength: [Int]
    private let hashes: SubstringHashes

    private static let sequenceBase: UInt64 = 0x0A5C_3E1F_7B29_D467 % SubstringHashes.modulus

    init(words: [TokenSpan], hashes: SubstringHashes) {
        self.words = words
        self.hashes = hashes
        var sequence = [UInt64](repeating: 0, count: words.count + 1)
        var concatenated = [UInt64](repeating: 0, count: words.count + 1)
        var lengths = [Int](repeating: 0, count: words.count + 1)
        for (k, word) in words.enumerated() {
            let h = hashes.hash(Int(word.start), Int(word.end))
            let wordKey = SubstringHashes.key(h, length: word.count) % SubstringHashes.modulus
            sequence[k + 1] = SubstringHashes.add(SubstringHashes.multiply(sequence[k], Self.sequenceBase), wordKey)
            concatenated[k + 1] = hashes.concatenate(concatenated[k], h, secondLength: word.count)
            lengths[k + 1] = lengths[k] + word.count
        }
        self.sequence = sequence
        self.concatenated = concatenated
        self.concatenatedLength = lengths
    }

    @inline(__always)
    private static func difference(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a >= b ? a - b : a &+ SubstringHashes.modulus &- b
    }

    /// `find_top_duplicate(get_n_grams(words, n))`: characters of the most frequent n-gram (joined
    /// by single spaces) times its count; among equally frequent ones, the first seen.
    func topNGramCharacters(_ n: Int, _ counter: HashCounter) -> Int {
        let windows = words.count - n + 1
        var power: UInt64 = 1
        for _ in 0..<n { power = SubstringHashes.multiply(power, Self.sequenceBase) }
        let (first, count) = sequence.withUnsafeBufferPointer { sequence in
            counter.mostFrequent(windows: windows) { i in
                Self.difference(sequence[i + n], SubstringHashes.multiply(sequence[i], power)) &+ UInt64(n) << 61
            }
        }
        let characters = concatenatedLength[first + n] - concatenatedLength[first] + n - 1
        return characters * count
    }

    /// `find_all_duplicate(words, n)`.
    func duplicateNGramCharacters(_ n: Int, _ counter: HashCounter) -> Int {
        let windows = words.count - n + 1
        guard windows > 0 else { return 0 }
        return concatenated.withUnsafeBufferPointer { concatenated in
            concatenatedLength.withUnsafeBufferPointer { lengths in
                hashes.powers.withUnsafeBufferPointer { powers in
                    counter.repeatedCharacters(windows: windows, n: n) { i in
                        let length = lengths[i + n] - lengths[i]
                        let h = Self.difference(concatenated[i + n], SubstringHashes.multiply(concatenated[i], powers[length]))
                        return (SubstringHashes.key(h, length: length), length)
                    }
                }
            }
        }
    }
}
