import SiftText

/// A token: a range of Unicode scalar offsets into the text it was cut from.
public struct TokenSpan: Sendable, Hashable {
    public var start: Int32
    public var end: Int32

    @inline(__always) init(_ start: Int, _ end: Int) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }

    public var count: Int { Int(end - start) }
}

/// The word tokenizer the published filters count words with, reimplemented.
///
/// datatrove splits English text into words with `spacy.blank("en")` (its tokenizer assignment for
/// English), then drops whitespace tokens (`strip_strings`). Gopher's word counts, mean word length,
/// stop-word test and n-gram repetition, FineWeb's newline-per-word ratio and C4's sentence count all
/// depend on those tokens, so Sift reproduces spaCy's algorithm (spaCy 3.8 `tokenizer.pyx`:
/// whitespace chunking, exceptions, prefix/suffix stripping, URL matching, infix splitting, and the
/// exception re-matching pass) with spaCy's English rule data (`EnglishTokenizerTables`).
///
/// Characters are Unicode scalars, as Python strings count them. The text is an array of scalars so
/// that every rule (which looks one or two characters around a position) is an index operation.
public struct EnglishWordTokenizer: Sendable {
    public static let shared = EnglishWordTokenizer()

    private let specials: ScalarSequenceTable<[Int32]>
    /// Exceptions whose text the affix rules split (`Mrs.` -> `Mrs` `.`), by the first piece: spaCy
    /// re-joins such pieces when they appear next to each other (its PhraseMatcher pass).
    private var patternsByFirstToken: ScalarSequenceTable<[(pieces: [[UInt32]], special: [Int32])]>
    private let alpha = CharacterClass(EnglishTokenizerTables.alpha)
    private let icons = CharacterClass(EnglishTokenizerTables.icons)
    private let prefixCharacters = CharacterClass(scalars: EnglishTokenizerTables.prefixCharacters)
    private let suffixCharacters = CharacterClass(scalars: EnglishTokenizerTables.suffixCharacters)
    private let periodSuffixAfter = CharacterClass(EnglishTokenizerTables.periodSuffixAfter)
    private let alphaUpper = CharacterClass(EnglishTokenizerTables.alphaUpper)
    private let infixDotBefore = CharacterClass(EnglishTokenizerTables.infixDotBefore)
    private let infixDotAfter = CharacterClass(EnglishTokenizerTables.infixDotAfter)
    private let url: SpacyURLMatcher
    /// Currency then unit suffixes (`$`-anchored alternatives after a digit), and the longest.
    private let unitOrCurrencySuffixes: [[UInt32]]
    private let unitOrCurrencyLongest: Int
    private let sentenceEnds = CharacterClass(scalars: EnglishTokenizerTables.sentenceEndCharacters)
    /// Last characters of unit and currency suffixes: only chunks ending in one need those lists.
    private let unitOrCurrencyEnd: CharacterClass
    /// Exceptions made only of ASCII letters ("gonna", "cannot"), by length, first and last letter
    /// (`length << 10 | (first & 31) << 5 | last & 31`): most words skip the exception lookup.
    private let letterExceptionShapes: [UInt64]
    /// The same shapes for every exception (first and last character folded to their low five
    /// bits): other chunks need no exception lookup.
    private let exceptionShapes: [UInt64]
    /// Whether `shortcut` holds for these tables: no affix class holds an ASCII letter or
    /// digit, and no exception pattern is a single piece of them.
    private var shortcutHolds = false
    /// Characters that are a single-piece exception pattern on their own (`shortcut` leaves
    /// chunks closing with one to the exception pass).
    private var singlePieceCharacters = CharacterClass([])

    public init() {
        let cases = EnglishTokenizerTables.specialCases.map { key, pieces in
            (Array(key.unicodeScalars.map(\.value)), pieces.map { Int32($0.unicodeScalars.count) })
        }
        specials = ScalarSequenceTable(cases)
        unitOrCurrencySuffixes = (EnglishTokenizerTables.currencySuffixes + EnglishTokenizerTables.unitSuffixes).map { Array($0.unicodeScalars.map(\.value)) }
        unitOrCurrencyLongest = unitOrCurrencySuffixes.map(\.count).max() ?? 0
        url = SpacyURLMatcher(topLevelDomain: CharacterClass(EnglishTokenizerTables.urlTopLevelDomain))
        unitOrCurrencyEnd = CharacterClass(scalars: Set((EnglishTokenizerTables.unitSuffixes + EnglishTokenizerTables.currencySuffixes).compactMap { $0.unicodeScalars.last?.value }))
        letterExceptionShapes = Self.shapes(cases.map(\.0).filter { $0.allSatisfy { ($0 | 0x20) &- 97 < 26 } })
        exceptionShapes = Self.shapes(cases.map(\.0))
        patternsByFirstToken = ScalarSequenceTable([])
        // The exceptions' own affix tokenization (without exceptions) gives the patterns; spaCy
        // registers a pattern only when an affix or infix rule fires on the exception's text
        // (`faster_heuristics`).
        var grouped: [[UInt32]: [(pieces: [[UInt32]], special: [Int32])]] = [:]
        for (key, lengths) in cases {
            let pieces: [[UInt32]] = key.withUnsafeBufferPointer { text in
                guard findPrefix(text, 0, text.count) != 0 || findSuffix(text, 0, text.count) != 0
                    || nextInfix(text, 0, text.count, from: 0) != nil else { return [] }
                var tokens: [TokenSpan] = []
                tokenizeChunk(text, 0, text.count, useSpecials: false, into: &tokens)
                return tokens.map { Array(text[Int($0.start)..<Int($0.end)]) }
            }
            if let first = pieces.first { grouped[first, default: []].append((pieces, lengths)) }
        }
        patternsByFirstToken = ScalarSequenceTable(grouped.map { ($0.key, $0.value) })
        let alphanumerics = Array(48...57) + Array(65...90) + Array(97...122) as [UInt32]
        let singlePieces = grouped.values.flatMap { $0 }.filter { $0.pieces.count == 1 }.map { $0.pieces[0] }
        shortcutHolds = !alphanumerics.contains { prefixCharacters.contains($0) || suffixCharacters.contains($0) || icons.contains($0) }
            && !singlePieces.contains { piece in piece.allSatisfy { alphanumerics.contains($0) } }
        singlePieceCharacters = CharacterClass(scalars: Set(singlePieces.filter { $0.count == 1 }.map { $0[0] }))
    }

    /// The words of `text` as datatrove's `split_into_words` returns them (whitespace tokens dropped).
    public func words(_ text: UnsafeBufferPointer<UInt32>) -> [TokenSpan] {
        var high: UInt32 = 0
        for c in text { high |= c }
        return words(text, isASCII: high < 0x80)
    }

    /// `words(_:)` for a caller that knows whether the text is ASCII.
    func words(_ text: UnsafeBufferPointer<UInt32>, isASCII: Bool) -> [TokenSpan] {
        var tokens: [TokenSpan] = []
        if isASCII {
            let chunks = ASCIIChunks(text)
            // A chunk is one token, or a few when punctuation is split off: room for most
            // documents without growing.
            tokens.reserveCapacity(chunks.count + chunks.count / 2)
            // Chunks the shortcuts settle (most of them) go to a small buffer, copied into
            // `tokens` in runs: an append per token would check the array's uniqueness and
            // capacity each time.
            withUnsafeTemporaryAllocation(of: TokenSpan.self, capacity: 128) { pending in
                var count = 0
                chunks.forEach { i, j, onlyLetters in
                    if count > pending.count - 2 {
                        tokens.append(contentsOf: pending[..<count])
                        count = 0
                    }
                    let split = shortcutSplit(text, i, j, onlyLetters: onlyLetters)
                    if split == j {
                        pending.initializeElement(at: count, to: TokenSpan(i, j))
                        count += 1
                    } else if split > i {
                        pending.initializeElement(at: count, to: TokenSpan(i, split))
                        pending.initializeElement(at: count + 1, to: TokenSpan(split, j))
                        count += 2
                    } else {
                        tokens.append(contentsOf: pending[..<count])
                        count = 0
                        appendAffixTokens(text, i, j, into: &tokens)
                    }
                }
                tokens.append(contentsOf: pending[..<count])
            }
        } else {
            tokens.reserveCapacity(text.count / 4)
            tokenize(text, 0, text.count, whitespaceTokens: false, into: &tokens)
        }
        return tokens
    }

    /// The tokens of one whitespace-free chunk; `onlyLetters` when it is ASCII letters only.
    @inline(__always)
    private func appendChunk(_ text: UnsafeBufferPointer<UInt32>, _ i: Int, _ j: Int, onlyLetters: Bool, into tokens: inout [TokenSpan]) {
        let split = shortcutSplit(text, i, j, onlyLetters: onlyLetters)
        if split == j {
            tokens.append(TokenSpan(i, j))
        } else if split > i {
            tokens.append(TokenSpan(i, split))
            tokens.append(TokenSpan(split, j))
        } else {
            appendAffixTokens(text, i, j, into: &tokens)
        }
    }

    /// When a shortcut settles the chunk `text[i..<j]`: `j` for one token, a position inside it for
    /// two tokens split there; else `i` (the chunk needs `appendAffixTokens`).
    @inline(__always)
    private func shortcutSplit(_ text: UnsafeBufferPointer<UInt32>, _ i: Int, _ j: Int, onlyLetters: Bool) -> Int {
        // ASCII letters only: no prefix, suffix, infix or URL rule can fire.
        if onlyLetters, !mayBeLetterException(text, i, j) || specials.lookup(text, i, j) == nil { return j }
        return shortcut(text, i, j)
    }

    /// spaCy's affix, URL, infix and exception rules for a chunk no shortcut settles.
    private func appendAffixTokens(_ text: UnsafeBufferPointer<UInt32>, _ i: Int, _ j: Int, into tokens: inout [TokenSpan]) {
        let first = tokens.count
        tokenizeChunk(text, i, j, useSpecials: true, into: &tokens)
        if tokens.count - first > 1 { rejoinExceptions(text, &tokens, from: first) }
    }

    /// Tokens of `text[start..<end]`; with `whitespaceTokens`, whitespace runs other than a single
    /// space are tokens too, as they are in a spaCy `Doc` before datatrove strips them.
    func tokenize(_ text: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int, whitespaceTokens: Bool, into tokens: inout [TokenSpan]) {
        var i = start
        while i < end {
            if PythonCharacter.isSpace(text[i]) {
                var j = i + 1
                while j < end, PythonCharacter.isSpace(text[j]) { j += 1 }
                if whitespaceTokens {
                    let from = text[i] == 32 ? i + 1 : i
                    if from < j { tokens.append(TokenSpan(from, j)) }
                }
                i = j
                continue
            }
            var j = i + 1
            var onlyLetters = (text[i] | 0x20) &- 97 < 26
            while j < end {
                let c = text[j]
                // Only characters below `!` or beyond ASCII can be whitespace.
                if c &- 33 >= 95, PythonCharacter.isSpace(c) { break }
                onlyLetters = onlyLetters && (c | 0x20) &- 97 < 26
                j += 1
            }
            appendChunk(text, i, j, onlyLetters: onlyLetters, into: &tokens)
            i = j
        }
    }

    /// Bit `length << 10 | (first & 31) << 5 | last & 31` set for each key.
    private static func shapes(_ keys: [[UInt32]]) -> [UInt64] {
        var shapes = [UInt64](repeating: 0, count: ((keys.map(\.count).max() ?? 0) + 1) << 4)
        for key in keys where !key.isEmpty {
            let index = key.count << 10 | Int((key[0] & 31) << 5 | (key[key.count - 1] & 31))
            shapes[index >> 6] |= 1 << UInt64(index & 63)
        }
        return shapes
    }

    @inline(__always)
    private static func hasShape(_ shapes: [UInt64], _ text: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        let index = (end - start) << 10 | Int((text[start] & 31) << 5 | (text[end - 1] & 31))
        return index >> 6 < shapes.count && shapes[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always)
    private func mayBeLetterException(_ text: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        Self.hasShape(letterExceptionShapes, text, start, end)
    }

    /// Whether `text[start..<end]` is an exception.
    @inline(__always)
    private func isException(_ text: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        Self.hasShape(exceptionShapes, text, start, end) && specials.lookup(text, start, end) != nil
    }

    /// The commonest chunks after letter-only words, tokenized without the affix loop when it would
    /// give the same tokens: ASCII digits only ("2024": one token), and ASCII letters with one
    /// closing character ("word," "end." "it?": two tokens).
    ///
    /// When no exception is the chunk, no prefix rule fires and the suffix rule takes exactly the
    /// last character, the affix loop strips that character and then stops: the letters that are
    /// left are no exception (`mayBeLetterException`), and no affix, URL or infix rule fires on
    /// ASCII letters alone (`shortcutHolds`). The exception pass has nothing to re-join: an
    /// exception matching both tokens would be the chunk, and neither token is a single-piece
    /// pattern. Digits alone likewise trigger no affix, URL or infix rule.
    ///
    /// Returns where the chunk splits (`j` for one token), or `i` when no shortcut applies.
    @inline(__always)
    private func shortcut(_ text: UnsafeBufferPointer<UInt32>, _ i: Int, _ j: Int) -> Int {
        guard shortcutHolds else { return i }
        let last = j - 1
        var digits = true
        var letters = true
        for k in i..<last {
            let c = text[k]
            digits = digits && c &- 48 < 10
            letters = letters && (c | 0x20) &- 97 < 26
        }
        let closing = text[last]
        if digits, closing &- 48 < 10 {
            guard !isException(text, i, j), findPrefix(text, i, j) == 0, findSuffix(text, i, j) == 0 else { return i }
            return j
        }
        guard letters, i < last, (closing | 0x20) &- 97 >= 26, !singlePieceCharacters.contains(closing),
              !isException(text, i, j),
              findPrefix(text, i, j) == 0, findSuffix(text, i, j) == 1, !mayBeLetterException(text, i, last) else { return i }
        return last
    }

    /// spaCy's `_split_affixes` + `_attach_tokens` for one whitespace-free chunk.
    private func tokenizeChunk(_ text: UnsafeBufferPointer<UInt32>, _ chunkStart: Int, _ chunkEnd: Int, useSpecials: Bool, into tokens: inout [TokenSpan]) {
        if useSpecials, let lengths = specials.lookup(text, chunkStart, chunkEnd) {
            appendSpecial(lengths, at: chunkStart, into: &tokens)
            return
        }
        var s = chunkStart
        var e = chunkEnd
        // No per-chunk arrays: prefixes go into `tokens` in order, before the suffixes found so far
        // (rarely any); suffixes, found outermost first, are appended and then moved behind the
        // middle tokens by two reversals.
        var suffixStart = tokens.count
        var lastSize = -1
        @inline(__always) func addPrefix(_ length: Int) {
            tokens.insert(TokenSpan(s, s + length), at: suffixStart)
            suffixStart += 1
            s += length
        }
        @inline(__always) func addSuffix(_ length: Int) {
            tokens.append(TokenSpan(e - length, e))
            e -= length
        }
        while s < e, e - s != lastSize {
            if useSpecials, isException(text, s, e) { break }
            lastSize = e - s
            let pre = findPrefix(text, s, e)
            if pre != 0, useSpecials, s + pre < e, isException(text, s + pre, e) {
                addPrefix(pre)
                break
            }
            let suf = findSuffix(text, s + pre, e)
            if suf != 0, useSpecials, s < e - suf, isException(text, s, e - suf) {
                addSuffix(suf)
                break
            }
            if pre != 0, suf != 0, pre + suf <= e - s {
                addPrefix(pre)
                addSuffix(suf)
            } else if pre != 0 {
                addPrefix(pre)
            } else if suf != 0 {
                addSuffix(suf)
            }
        }
        let middleStart = tokens.count
        if s < e {
            if useSpecials, let lengths = specials.lookup(text, s, e) {
                appendSpecial(lengths, at: s, into: &tokens)
            } else if url.matches(text, s, e) {
                tokens.append(TokenSpan(s, e))
            } else {
                var start = s
                var p = s
                while let (at, length) = nextInfix(text, s, e, from: p) {
                    if at != s {
                        if at != start { tokens.append(TokenSpan(start, at)) }
                        tokens.append(TokenSpan(at, at + length))
                        start = at + length
                    }
                    p = at + length
                }
                if start < e { tokens.append(TokenSpan(start, e)) }
            }
        }
        if middleStart > suffixStart {
            // [suffixes outermost first, middle] -> [middle, suffixes innermost first].
            let middleCount = tokens.count - middleStart
            tokens[suffixStart...].reverse()
            tokens[suffixStart..<(suffixStart + middleCount)].reverse()
        }
    }

    @inline(__always)
    private func appendSpecial(_ lengths: [Int32], at start: Int, into tokens: inout [TokenSpan]) {
        var position = start
        for length in lengths {
            tokens.append(TokenSpan(position, position + Int(length)))
            position += Int(length)
        }
    }

    /// spaCy's special-case pass (`_apply_special_cases`): exception texts whose pieces ended up as
    /// adjacent tokens are re-tokenized as the exception says; longer matches win, then later ones.
    private func rejoinExceptions(_ text: UnsafeBufferPointer<UInt32>, _ tokens: inout [TokenSpan], from first: Int) {
        var matches: [(start: Int, end: Int, special: [Int32])] = []
        for p in first..<tokens.count {
            guard let candidates = patternsByFirstToken.lookup(text, Int(tokens[p].start), Int(tokens[p].end)) else { continue }
            for (pieces, special) in candidates where p + pieces.count <= tokens.count {
                var equal = true
                for k in 1..<max(pieces.count, 1) where k < pieces.count {
                    let token = tokens[p + k]
                    if token.count != pieces[k].count || !pieces[k].elementsEqual(text[Int(token.start)..<Int(token.end)]) {
                        equal = false
                        break
                    }
                }
                if equal { matches.append((p, p + pieces.count, special)) }
            }
        }
        guard !matches.isEmpty else { return }
        matches.sort { ($0.end - $0.start, $0.start) < ($1.end - $1.start, $1.start) }
        var seen = Set<Int>()
        var accepted: [(start: Int, end: Int, special: [Int32])] = []
        for match in matches.reversed() {
            if !seen.contains(match.start), !seen.contains(match.end - 1) { accepted.append(match) }
            for i in match.start..<match.end { seen.insert(i) }
        }
        accepted.sort { $0.start < $1.start }
        var rebuilt: [TokenSpan] = Array(tokens[first...])
        rebuilt.removeAll(keepingCapacity: true)
        var i = first
        var next = 0
        while i < tokens.count {
            if next < accepted.count, accepted[next].start == i {
                appendSpecial(accepted[next].special, at: Int(tokens[i].start), into: &rebuilt)
                i = accepted[next].end
                next += 1
            } else {
                rebuilt.append(tokens[i])
                i += 1
            }
        }
        tokens.replaceSubrange(first..., with: rebuilt)
    }

    // MARK: affix rules (spaCy English prefixes/suffixes/infixes, in their regex alternation order)

    /// Length of the prefix at `s` (the first alternative of spaCy's prefix regex that matches).
    func findPrefix(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int {
        guard s < e else { return 0 }
        let c = t[s]
        if c == 0x2B { // `\+(?![0-9])`
            return s + 1 < e && t[s + 1] >= 48 && t[s + 1] <= 57 ? 0 : 1
        }
        if prefixCharacters.contains(c) { return 1 }
        if c == 0x2E { // `\.\.+`
            var j = s + 1
            while j < e, t[j] == 0x2E { j += 1 }
            return j - s >= 2 ? j - s : 0
        }
        if c == 0x55, s + 2 < e, t[s + 1] == 0x53, t[s + 2] == 0x24 { return 3 } // US$
        if c == 0x43 || c == 0x41, s + 1 < e, t[s + 1] == 0x24 { return 2 } // C$ A$
        if icons.contains(c) { return 1 }
        return 0
    }

    /// Length of the suffix ending at `e`: `suffix_search` finds the leftmost start among the
    /// `$`-anchored alternatives, i.e. the longest one that matches. `lo` bounds the lookbehinds.
    func findSuffix(_ t: UnsafeBufferPointer<UInt32>, _ lo: Int, _ e: Int) -> Int {
        guard lo < e else { return 0 }
        let c = t[e - 1]
        var best = 0
        if suffixCharacters.contains(c) || icons.contains(c) { best = 1 }
        if c == 0x2E {
            var j = e - 1
            while j > lo, t[j - 1] == 0x2E { j -= 1 }
            if e - j >= 2 { best = max(best, e - j) }
            if e - 2 >= lo, periodSuffixAfter.contains(t[e - 2]) { best = max(best, 1) }
            if e - 3 >= lo, t[e - 3] == 0xB0, [0x46, 0x66, 0x43, 0x63, 0x4B, 0x6B].contains(t[e - 2]) { best = max(best, 1) }
            if e - 3 >= lo, alphaUpper.contains(t[e - 2]), alphaUpper.contains(t[e - 3]) { best = max(best, 1) }
        }
        if c == 0x2026, e - 2 >= lo, t[e - 2] == 0x2026 { best = max(best, 2) }
        if (c == 0x73 || c == 0x53), e - 2 >= lo, t[e - 2] == 0x27 || t[e - 2] == 0x2019 { best = max(best, 2) }
        if c == 0x2B, e - 2 >= lo, t[e - 2] >= 48, t[e - 2] <= 57 { best = max(best, 1) }
        guard unitOrCurrencyEnd.contains(c), e - lo >= 2 else { return best }
        // Every unit or currency suffix follows a digit: most words have none near their end.
        var digit = e - 1
        while digit > max(lo, e - unitOrCurrencyLongest - 1), !(t[digit - 1] >= 48 && t[digit - 1] <= 57) { digit -= 1 }
        guard digit > max(lo, e - unitOrCurrencyLongest - 1) else { return best }
        for suffix in unitOrCurrencySuffixes where suffix.count > best && e - suffix.count - 1 >= lo {
            let digit = t[e - suffix.count - 1]
            guard digit >= 48, digit <= 57, suffix.last == c else { continue }
            if suffix.elementsEqual(t[(e - suffix.count)..<e]) { best = suffix.count }
        }
        return best
    }

    /// The first infix match in `t[s..<e]` at or after `p` (`finditer` from `p`): its start and
    /// length.
    func nextInfix(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, from p: Int) -> (at: Int, length: Int)? {
        var p = p
        while p < e {
            let length = infixLength(t, s, e, at: p)
            if length > 0 { return (p, length) }
            p += 1
        }
        return nil
    }

    @inline(__always)
    private func isAlphaOrDigit(_ c: UInt32) -> Bool { (c >= 48 && c <= 57) || alpha.contains(c) }

    private func infixLength(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, at p: Int) -> Int {
        let c = t[p]
        let before: UInt32? = p > s ? t[p - 1] : nil
        let after: UInt32? = p + 1 < e ? t[p + 1] : nil
        if c == 0x2E, after == 0x2E { // `\.\.+`
            var j = p + 1
            while j < e, t[j] == 0x2E { j += 1 }
            return j - p
        }
        if c == 0x2026 || icons.contains(c) { return 1 }
        if let before, before >= 48, before <= 57, c == 0x2B || c == 0x2D || c == 0x2A || c == 0x5E,
           let after, (after >= 48 && after <= 57) || after == 0x2D { return 1 }
        if c == 0x2E, let before, let after, infixDotBefore.contains(before), infixDotAfter.contains(after) { return 1 }
        if c == 0x2C, let before, let after, alpha.contains(before), alpha.contains(after) { return 1 }
        if let before, isAlphaOrDigit(before) {
            // `(?:-|–|—|--|---|——|~)(?=[ALPHA])`, alternatives in order.
            for dash in Self.dashes where p + dash.count < e {
                var equal = true
                for (k, d) in dash.enumerated() where t[p + k] != d { equal = false; break }
                if equal, alpha.contains(t[p + dash.count]) { return dash.count }
            }
            if c == 0x3A || c == 0x3C || c == 0x3E || c == 0x3D || c == 0x2F, let after, alpha.contains(after) { return 1 }
        }
        return 0
    }

    private static let dashes: [[UInt32]] = [[0x2D], [0x2013], [0x2014], [0x2D, 0x2D], [0x2D, 0x2D, 0x2D], [0x2014, 0x2014], [0x7E]]

    // MARK: sentences

    /// The number of sentences spaCy's rule-based `Sentencizer` finds in `t[s..<e]` (what
    /// datatrove's `split_into_sentences` returns for English): a sentence starts at the first token
    /// that is not punctuation after a sentence-final character.
    public func sentenceCount(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int {
        var tokens: [TokenSpan] = []
        tokenize(t, s, e, whitespaceTokens: true, into: &tokens)
        guard !tokens.isEmpty else { return 0 }
        var count = 1
        var seenPeriod = false
        for token in tokens {
            let isSentenceEnd = token.count == 1 && sentenceEnds.contains(t[Int(token.start)])
            if seenPeriod, !isSentenceEnd, !isPunctuationToken(t, token) {
                count += 1
                seenPeriod = false
            } else if isSentenceEnd {
                seenPeriod = true
            }
        }
        return count
    }

    /// The sentence count of a line from its words (tokens without whitespace): a gap between two
    /// words that is not a single space is a whitespace token to the sentencizer. Also counts the
    /// line's whitespace-free chunks (`len(line.split())`): a chunk starts at the first word and at
    /// every word after a gap.
    func sentenceCount(_ t: UnsafeBufferPointer<UInt32>, _ words: ArraySlice<TokenSpan>) -> (sentences: Int, chunks: Int) {
        guard !words.isEmpty else { return (0, 0) }
        var count = 1
        var chunks = 1
        var seenPeriod = false
        var previousEnd = Int(words.first!.start)
        for token in words {
            let gap = Int(token.start) - previousEnd
            chunks += gap > 0 ? 1 : 0
            if gap > 1 || (gap == 1 && t[previousEnd] != 32), seenPeriod {
                count += 1
                seenPeriod = false
            }
            previousEnd = Int(token.end)
            let isSentenceEnd = token.count == 1 && sentenceEnds.contains(t[Int(token.start)])
            if seenPeriod, !isSentenceEnd, !isPunctuationToken(t, token) {
                count += 1
                seenPeriod = false
            } else if isSentenceEnd {
                seenPeriod = true
            }
        }
        return (count, chunks)
    }

    private func isPunctuationToken(_ t: UnsafeBufferPointer<UInt32>, _ token: TokenSpan) -> Bool {
        for i in Int(token.start)..<Int(token.end) where !PythonCharacter.isPunctuation(t[i]) { return false }
        return true
    }
}

extension EnglishWordTokenizer {
    /// The words of a string, as strings (for callers outside the filters' hot path).
    public func words(in text: String) -> [String] {
        let scalars = text.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { buffer in
            words(buffer).map { span in
                var out = String.UnicodeScalarView()
                for i in Int(span.start)..<Int(span.end) { out.append(Unicode.Scalar(buffer[i])!) }
                return String(out)
            }
        }
    }

    /// The number of sentences in a string, as datatrove's English `split_into_sentences` counts them.
    public func sentenceCount(in text: String) -> Int {
        let scalars = text.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { sentenceCount($0, 0, $0.count) }
    }
}
