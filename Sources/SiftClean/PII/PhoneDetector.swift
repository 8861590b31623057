/// Phone numbers, in the forms ITU-T E.123 lays down and the national numbering plans use, and in
/// the ways people write them anyway:
/// - international: `+`, `00` or `011` (the access codes of most countries and of North America),
///   an assigned country code (ITU-T E.164), then 8-15 digits in all (E.164's maximum is 15), in
///   groups with spaces, hyphens, dots or slashes, an area code in brackets, or the trunk prefix in
///   brackets (`+44 (0)20 ...`, not dialled from abroad, not counted);
/// - North American: `(NXX) NXX-XXXX`, `NXX-NXX-XXXX`, `NXX.NXX.XXXX`, `NXX NXX XXXX`, with an
///   optional `1`;
/// - national numbers with a trunk `0` (most of Europe, the UK, India, Japan, Australia, Brazil's
///   service numbers): 9-11 digits in 2-6 groups with one separator kind, the area code optionally
///   in brackets (`(0161) 496 0000`, `030 12345678`, `01 23 45 67 89`, `090-1234-5678`);
/// - Brazil's `(DD) NNNN-NNNN` and `DD NNNNN-NNNN`, and hyphenated 10-11 digit numbers ending in a
///   group of four (`12-3456-7890`, `415-555-2671`);
/// - after a word such as "phone", "tel", "Telefon", "móvil", "電話", any grouping of 7-15 digits
///   (how bare and space-grouped local numbers are recognised), except dates and ISBNs.
/// An extension (`x123`, `ext. 123`, `extension 123`, `#123`) belongs to the number.
enum PhoneDetector {
    /// End of the phone number read as `g` from `start`, or nil.
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        guard g.digitCount >= 7 else { return nil }
        if g.plus { return international(t, g, start: start) }
        guard let end = international(t, g, start: start) ?? national(t, g, start: start) ?? afterPhoneWord(t, g, start: start),
              !ByteText.contextBefore(t, start, window: 12, keywords: codeWords) else { return nil }
        return end
    }

    /// Words after which a number is a code, not a phone number, even after a phone word before
    /// them ("call about order 0207946095"): book, barcode, device and shipment numbers.
    static let codeWords = ["isbn", "issn", "ean", "gtin", "upc", "barcode", "imei", "tracking", "order", "invoice", "serial", "sku"].map { Array($0.utf8) }

    /// Words that say a phone number follows, in the languages of the locales measured in
    /// docs/pii.md (prefixes: "tel" also finds telephone, Telefon, telefono, telefoon...).
    static let phoneWords = ["phone", "tel", "tél", "call", "mobil", "móvil", "mobiel", "cell", "celular", "handy", "fax", "faks", "whatsapp",
                             "sms", "text me", "ph.", "contact", "kontakt", "dial", "ring", "hotline", "helpline", "landline", "rufnummer",
                             "anruf", "rufen", "portable", "appel", "joignable", "llam", "llám", "chiama", "bel me", "bellen", "zadzwo",
                             "komórk", "ligue", "ligar", "電話", "携帯", "連絡"].map { Array($0.utf8) }

    // MARK: International

    /// `+CC ...`, `00CC ...`, `011 CC ...`: the end of the longest run of groups that reads as one.
    /// Without the `+`, a number grouped with spaces must stand on its own, as national ones must.
    private static func international(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        let first = g.groups[0]
        var k = 0 // the group holding the country code
        var cc = first.lowerBound
        var access = 0
        if g.plus {
            // "+44 ...", "(+44) ..."
        } else if g.paren {
            return nil
        } else if g.groups.count >= 2, first.count >= 2, t[first.lowerBound] == 48, t[first.lowerBound + 1] == 48 {
            access = 2 // "00 44 ...", "0044 ...", "001-415-..."
            if first.count == 2 {
                k = 1
                cc = g.groups[1].lowerBound
            } else {
                cc = first.lowerBound + 2
            }
        } else if g.groups.count >= 3, first.count == 3, t[first.lowerBound] == 48, t[first.lowerBound + 1] == 49, t[first.lowerBound + 2] == 49 {
            access = 3 // "011 44 ..."
            k = 1
            cc = g.groups[1].lowerBound
        } else {
            return nil
        }
        // "00 44", "00-1": a space or hyphen after an access code standing alone.
        if k == 1, g.separators[1] != DigitGroups.space, g.separators[1] != DigitGroups.hyphen { return nil }
        guard CountryCodes.length(t, at: cc, end: g.groups[k].upperBound) != nil else { return nil }
        var count = g.groups.count
        while count > k {
            // Dots and slashes after an access code are versions and paths ("build 00.1.22556.7340").
            if let trunk = telephoneJoints(t, g, from: k + 1, to: count, open: g.paren && g.plus, dots: access == 0),
               (8...15).contains(g.digits(count) - access - trunk) {
                let spaced = access > 0 && Self.spaced(g, count)
                if !(spaced && g.continuesRun(t, start)), let end = finish(t, g, count, followedBySpace: !spaced) { return end }
            }
            count -= 1
        }
        return nil
    }

    // MARK: National

    /// National forms without a country code: the end of the longest run of groups that reads as one.
    /// A number grouped with spaces must not be part of a longer run of space-separated groups
    /// (tracking numbers, numbers grouped in thousands by spaces): not right after a group and a
    /// space, and not followed by a space and another group.
    private static func national(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        let continues = g.continuesRun(t, start)
        var count = min(g.groups.count, 6)
        while count >= 2 {
            if northAmerican(t, g, count) || trunkPrefixed(t, g, count) || brazilian(t, g, count) || hyphenated(t, g, count) {
                let spaced = Self.spaced(g, count)
                if !(spaced && continues), let end = finish(t, g, count, followedBySpace: !spaced) { return end }
            }
            count -= 1
        }
        return nil
    }

    /// Whether a separator among the first `count` groups has a space.
    private static func spaced(_ g: DigitGroups, _ count: Int) -> Bool {
        for k in 1..<count where g.separators[k] & 0xFF == 0x20 || g.separators[k] >> 8 == 0x20 { return true }
        return false
    }

    /// (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, NXX NXX XXXX, 1-NXX-NXX-XXXX, 1 (NXX) NXX-XXXX.
    /// The area code does not start with 0 (North American area codes start with 2-9; 1 is let
    /// through, as generators and careless writers use it, and the shape is distinctive anyway).
    private static func northAmerican(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int) -> Bool {
        var first = 0
        if count == 4, g.length(0) == 1, t[g.groups[0].lowerBound] == 49, !g.paren {
            first = 1
        } else if count != 3 {
            return false
        }
        guard g.length(first) == 3, g.length(first + 1) == 3, g.length(first + 2) == 4, t[g.groups[first].lowerBound] != 48 else { return false }
        let s1 = g.separators[first + 1]
        let s2 = g.separators[first + 2]
        let plain2 = s2 == DigitGroups.hyphen || s2 == DigitGroups.space || s2 == DigitGroups.dot
        if s1 & 0xFF == 0x29 { // ")", ") ", ")-"
            let opened = first == 0 ? g.paren : g.separators[1] >> 8 == 0x28 || g.separators[1] == DigitGroups.code(0x28)
            return opened && (s1 >> 8 == 0 || s1 >> 8 == 0x20 || s1 >> 8 == 0x2D) && plain2
        }
        guard !g.paren, s1 == s2, plain2 else { return false }
        return first == 0 || g.separators[1] == s1
    }

    /// Trunk-prefixed national numbers: 0 then a non-zero digit, 9-11 digits in 2-6 groups of 2-8
    /// digits with one separator kind (space, hyphen, dot, slash), the first group optionally in
    /// brackets (then the second digit may be 0 too: "(0023) 773310").
    private static func trunkPrefixed(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int) -> Bool {
        guard count <= 6, (9...11).contains(g.digits(count)) else { return false }
        let firstGroup = g.groups[0]
        // 0 then a non-zero digit; a bracketed area code shows itself even when it does not.
        guard t[firstGroup.lowerBound] == 48, firstGroup.count >= 2, t[firstGroup.lowerBound + 1] != 48 || g.paren else { return false }
        for k in 0..<count where !(2...8).contains(g.length(k)) { return false }
        var from = 1
        if g.paren {
            let s = g.separators[1]
            guard s & 0xFF == 0x29, s >> 8 == 0 || s >> 8 == 0x20 || s >> 8 == 0x2D || s >> 8 == 0x2E else { return false }
            from = 2
        }
        guard from < count else { return true }
        let kind = g.separators[from]
        guard kind == DigitGroups.space || kind == DigitGroups.hyphen || kind == DigitGroups.dot || kind == DigitGroups.slash else { return false }
        for k in from..<count where g.separators[k] != kind { return false }
        return true
    }

    /// Brazil: (DD) NNNN-NNNN, (DD) NNNNN-NNNN, DD NNNN-NNNN, DD NNNNN-NNNN (area codes 11-99 have
    /// no zero digit; Anatel's numbering plan).
    private static func brazilian(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int) -> Bool {
        guard count == 3, g.length(0) == 2, g.length(1) == 4 || g.length(1) == 5, g.length(2) == 4,
              t[g.groups[0].lowerBound] != 48, t[g.groups[0].lowerBound + 1] != 48, g.separators[2] == DigitGroups.hyphen else { return false }
        let s1 = g.separators[1]
        return g.paren ? s1 == DigitGroups.code(0x29) || s1 == DigitGroups.code(0x29, 0x20) : s1 == DigitGroups.space
    }

    /// Hyphenated numbers of 10-11 digits ending in a group of four, with groups of 2-4 before it
    /// (Japan's 0A-BCDE-FGHJ shapes and their relatives): order and invoice numbers are written
    /// after letters, which the scanner leaves alone.
    private static func hyphenated(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int) -> Bool {
        guard count == 3, !g.paren, g.separators[1] == DigitGroups.hyphen, g.separators[2] == DigitGroups.hyphen,
              (2...4).contains(g.length(0)), (2...4).contains(g.length(1)), g.length(2) == 4 else { return false }
        return (10...11).contains(g.digits(3))
    }

    // MARK: After a phone word

    /// After a phone word: the whole run of groups, if it has a phone's length and is not a date, a
    /// decimal, a number grouped by dots in thousands or versions (6.533.960.981; dotted phone
    /// numbers of three groups or more are read without the word), or a 978/979 book number.
    private static func afterPhoneWord(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        // The whole run, or the groups before a bracket that opens after a space and is never
        // closed in the run ("Tel: 0552437482 (6206...)": a remark after the number).
        var count = g.groups.count
        var aside = 0
        for k in 1..<count where g.separators[k] == DigitGroups.code(0x20, 0x28) { aside = k }
        if aside > 0, !(aside..<count).contains(where: { g.separators[$0] & 0xFF == 0x29 }) { count = aside }
        guard count <= 7, let trunk = telephoneJoints(t, g, from: 1, to: count, open: g.paren, dots: count <= 2),
              (7...15).contains(g.digits(count) - trunk), !dateLike(g, count), !decimal(g, count), !bookNumber(t, g, count),
              let end = finish(t, g, count, followedBySpace: aside == count) else { return nil }
        // The phone word stands in the 32 bytes before the number, with no other number between.
        var from = start
        while from > 0, start - from < 32, !ByteText.isDigit(t[from - 1]) { from -= 1 }
        return ByteText.contextBefore(t, start, window: start - from, keywords: phoneWords) ? end : nil
    }

    // MARK: Shared

    /// Whether the separators before groups `from..<count` read as a telephone number's: plain
    /// separators (space, hyphen, dot, slash) of at most two kinds ("+55 61 9141-7776"), and
    /// brackets around one group at a time. The digits of a bracketed "0" (the trunk prefix in
    /// "+44 (0)20") are returned, to be left out of the count; nil when the separators do not read
    /// as a phone number's. `open` is whether a bracket is open before the first group; `dots`
    /// whether dots and slashes may separate groups.
    private static func telephoneJoints(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, from: Int, to count: Int, open initiallyOpen: Bool,
                                        dots: Bool) -> Int? {
        var open = initiallyOpen
        var kinds: (UInt8, UInt8) = (0, 0)
        var trunk = 0
        var j = from
        while j < count {
            let s = g.separators[j]
            let a = UInt8(truncatingIfNeeded: s), b = UInt8(truncatingIfNeeded: s >> 8)
            var plain: UInt8 = 0
            if b == 0, a == 0x20 || a == 0x2D || a == 0x2E || a == 0x2F {
                guard !open, dots || (a != 0x2E && a != 0x2F) else { return nil }
                plain = a
            } else if b == 0x28 || (a == 0x28 && b == 0) { // "(", " (", "-(", ".("
                guard !open, b == 0 || a == 0x20 || a == 0x2D || a == 0x2E else { return nil }
                open = true
                plain = b == 0 ? 0 : a
                if g.length(j) == 1, t[g.groups[j].lowerBound] == 48 { trunk += 1 }
            } else if a == 0x29, b == 0 || b == 0x20 || b == 0x2D || b == 0x2E { // ")", ") ", ")-", ")."
                guard open else { return nil }
                open = false
                plain = b
            } else {
                return nil
            }
            if plain != 0 {
                if kinds.0 == 0 || kinds.0 == plain {
                    kinds.0 = plain
                } else if kinds.1 == 0 || kinds.1 == plain {
                    kinds.1 = plain
                } else {
                    return nil
                }
            }
            j += 1
        }
        return open ? nil : trunk
    }

    /// The end of a number of `count` groups: after its extension, if it has one, else after its
    /// last digit if the number ends there. `followedBySpace`: another number may follow after a space.
    private static func finish(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int, followedBySpace: Bool) -> Int? {
        let end = g.groups[count - 1].upperBound
        if let extended = extensionEnd(t, after: end) { return extended }
        return g.endsCleanly(t, after: count, allowing: followedBySpace) ? end : nil
    }

    /// End of an extension right after a number: `x123`, ` x 123`, ` ext. 123`, ` Ext 123`,
    /// ` extension 123`, ` #123` (1-6 digits).
    static func extensionEnd(_ t: UnsafeBufferPointer<UInt8>, after end: Int) -> Int? {
        var i = end
        if i < t.count, t[i] == 0x20 { i += 1 }
        guard i + 1 < t.count else { return nil }
        switch ByteText.lower(t[i]) {
        case 0x78, 0x23: // x, #
            i += 1
        case 0x65: // e
            guard ByteText.lower(t[i + 1]) == 0x78 else { return nil }
            if ByteText.matchesLowered(t, i, "extension") {
                i += 9
            } else if ByteText.matchesLowered(t, i, "ext") {
                i += 3
                if i < t.count, t[i] == 0x2E { i += 1 }
            } else {
                return nil
            }
        default:
            return nil
        }
        if i < t.count, t[i] == 0x20 || t[i] == 0x3A { i += 1 }
        let digits = i
        while i < t.count, ByteText.isDigit(t[i]), i - digits <= 6 { i += 1 }
        guard (1...6).contains(i - digits), DigitGroups.endsCleanly(t, at: i) else { return nil }
        return i
    }

    /// 20.7967055, 113.310177: two groups joined by a dot are a decimal number unless they read as a
    /// local number (555.1234, 2463.5827).
    private static func decimal(_ g: DigitGroups, _ count: Int) -> Bool {
        count == 2 && g.separators[1] == DigitGroups.dot && !((3...4).contains(g.length(0)) && g.length(1) == 4)
    }

    /// ISBN-13s and other EAN "bookland" numbers: 13 digits starting 978 or 979.
    private static func bookNumber(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, _ count: Int) -> Bool {
        guard g.digits(count) == 13 else { return false }
        let d = g.digitValues(t, count)
        return d[0] == 9 && d[1] == 7 && (d[2] == 8 || d[2] == 9)
    }

    /// 2024-01-15, 15/01/2024, 01.15.24, 2024-01-15 10:30: a phone word before a date (and its
    /// time) is still a date.
    private static func dateLike(_ g: DigitGroups, _ count: Int) -> Bool {
        guard count >= 3, g.separators[1] == g.separators[2], count == 3 || g.separators[3] & 0xFF == 0x20 else { return false }
        let lengths = (g.length(0), g.length(1), g.length(2))
        return lengths == (4, 2, 2) || lengths == (2, 2, 4) || lengths == (1, 2, 4) || lengths == (2, 1, 4)
            || lengths == (1, 1, 4) || lengths == (2, 2, 2)
    }
}
