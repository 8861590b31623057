import SiftCore
import SiftText

/// A cheap guess of a text's language: its dominant writing system from Unicode blocks, and for
/// Latin script the language whose most frequent function words occur most often among the first
/// 50 words (at least 2 hits; otherwise plain "latin"). It tells a Japanese record in an English
/// dataset, or Spanish in French, without a model; it does not tell closely related languages
/// apart on short texts, and says so by answering "latin".
enum LanguageGuess {
    static let latinLanguages: [(code: String, words: [String])] = [
        ("en", ["the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "are", "this", "you", "was", "be"]),
        ("fr", ["le", "la", "les", "et", "est", "des", "une", "dans", "que", "pour", "pas", "du", "qui", "sur", "au"]),
        ("de", ["der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "den", "zu", "auf", "ich", "sie", "von"]),
        ("es", ["el", "los", "las", "que", "es", "del", "por", "una", "para", "con", "como", "se", "su", "al", "lo"]),
        ("it", ["il", "che", "di", "è", "per", "una", "non", "sono", "della", "gli", "del", "le", "si", "un", "con"]),
        ("pt", ["o", "os", "que", "não", "uma", "com", "para", "do", "da", "em", "é", "são", "as", "no", "se"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "met", "zijn", "voor", "je", "ik", "te"]),
    ]

    /// Word key (`WordScanner.shortWordKey`) -> one count per language using the word, a byte each
    /// (language `i` in byte `i`): a hit adds the entry to the running tally, so a word costs one
    /// lookup and one addition. At most `latinWords` (50) words are read, so no byte overflows.
    static let stopWords: HashTable<UInt64> = {
        var table = HashTable<UInt64>(capacity: 128)
        for (i, language) in latinLanguages.enumerated() {
            for word in language.words {
                table.update(WordScanner.shortWordKey(word), initial: 0) { $0 |= 1 << UInt64(8 * i) }
            }
        }
        return table
    }()

    /// Bytes in the longest function word (at most 8, for `shortWordKey`): longer words are not looked up.
    static let longestStopWord = latinLanguages.flatMap(\.words).map(\.utf8.count).max()!

    static let scripts = ["latin", "cyrillic", "greek", "arabic", "hebrew", "devanagari", "han", "japanese", "hangul", "thai", "other"]

    /// Bytes of the text whose scalars are counted.
    static let scriptWindow = 1_024
    /// Words read for the Latin-script language vote.
    static let latinWords = 50

    /// The language code or script name of `parts` joined by newlines, nil for text without letters.
    /// The parts are read in place (a newline has no script and ends a word, so nothing is lost by
    /// not joining them).
    static func guess<Parts: Collection<String>>(_ parts: Parts) -> String? {
        var counts = ScriptCounts()
        var offset = 0
        for part in parts {
            guard offset < scriptWindow else { break }
            part.withUTF8Bytes { countScripts($0, upTo: scriptWindow - offset, into: &counts) }
            offset += part.utf8.count + 1
        }
        var totals = counts.scripts
        totals[0] += Int32(counts.asciiLetters)
        guard counts.asciiLetters > 0 || totals.wrappedSum() > 0 else { return nil }
        // Japanese mixes kanji (Han) with kana; any kana makes Han text Japanese.
        if counts.kana { totals[7] += totals[6]; totals[6] = 0 }
        let best = scripts.indices.max { totals[$0] < totals[$1] }!
        return best == 0 ? latinLanguage(parts) : scripts[best]
    }

    /// Counts the letters of each script among the scalars starting in `bytes[..<limit]`.
    private static func countScripts(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int,
                                     into counts: inout ScriptCounts) {
        let end = min(bytes.count, limit)
        var i = 0
        while i < end {
            // ASCII sixteen bytes at a time: only its letters count (as Latin).
            if i + ByteBlock.width <= end {
                let block = ByteBlock(bytes, at: i)
                if !ByteBlock.any(block.nonASCII) {
                    counts.asciiLetters += ByteBlock.bits(block.letters).nonzeroBitCount
                    i += ByteBlock.width
                    continue
                }
            }
            let byte = bytes[i]
            if byte < 0x80 {
                let folded = byte | 0x20
                if folded >= 0x61 && folded <= 0x7A { counts.asciiLetters += 1 }
                i += 1
                continue
            }
            var value: UInt32
            let length: Int
            if byte & 0xE0 == 0xC0 { value = UInt32(byte & 0x1F); length = 2 }
            else if byte & 0xF0 == 0xE0 { value = UInt32(byte & 0x0F); length = 3 }
            else if byte & 0xF8 == 0xF0 { value = UInt32(byte & 0x07); length = 4 }
            else { i += 1; continue }
            guard i + length <= bytes.count else { break }
            for k in 1..<length { value = (value << 6) | UInt32(bytes[i + k] & 0x3F) }
            i += length
            guard let script = script(of: value) else { continue }
            if script == 7 { counts.kana = true }
            counts.scripts[script] += 1
        }
    }

    /// Letters per script (indexed as `scripts`), kept in registers rather than in an array
    /// allocated for every record. ASCII letters, nearly all of them, have their own counter: a
    /// lane of `scripts` is updated through memory.
    private struct ScriptCounts {
        var asciiLetters = 0
        /// Non-ASCII letters per script.
        var scripts = SIMD16<Int32>()
        var kana = false
    }

    /// The index in `scripts` of a non-ASCII scalar's writing system, nil for non-letters.
    private static func script(of value: UInt32) -> Int? {
        switch value {
        case 0xC0...0x24F: return 0
        case 0x400...0x52F: return 1
        case 0x370...0x3FF: return 2
        case 0x600...0x6FF, 0x750...0x77F: return 3
        case 0x590...0x5FF: return 4
        case 0x900...0x97F: return 5
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return 6
        case 0x3040...0x30FF: return 7
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return 8
        case 0xE00...0xE7F: return 9
        default:
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return nil }
            return 10
        }
    }

    private static func latinLanguage<Parts: Collection<String>>(_ parts: Parts) -> String {
        var tally: UInt64 = 0
        var words = 0
        let stopWords = stopWords
        let longest = longestStopWord
        for part in parts where words < latinWords {
            part.withUTF8Bytes { bytes in
                WordScanner.forEachWord(in: bytes) { range in
                    words += 1
                    if let word = WordScanner.trimmed(bytes, range), word.count <= longest, let languages = stopWords[WordScanner.shortWordKey(bytes, word)] {
                        tally &+= languages
                    }
                    return words < latinWords
                }
            }
        }
        var best = 0
        for i in 1..<latinLanguages.count where hits(tally, i) > hits(tally, best) { best = i }
        return hits(tally, best) >= 2 ? latinLanguages[best].code : "latin"
    }

    @inline(__always) private static func hits(_ tally: UInt64, _ language: Int) -> Int {
        Int(truncatingIfNeeded: (tally >> UInt64(8 * language)) & 0xFF)
    }
}
