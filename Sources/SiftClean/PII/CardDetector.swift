/// Payment card numbers: 12-19 digits, whole or in the groupings printed on cards (fours with a
/// shorter or longer last group, 4-6-5, 4-6-4, 4-3-3-3), one separator kind, with the issuer
/// prefix and a length that network issues, and a valid Luhn check digit (ISO/IEC 7812-1 annex B).
enum CardDetector {
    static func match(_ t: UnsafeBufferPointer<UInt8>, _ g: DigitGroups, start: Int) -> Int? {
        guard !g.plus, !g.paren, g.digitCount >= 12 else { return nil }
        for count in stride(from: min(g.groups.count, 5), through: 1, by: -1) {
            let digits = g.digits(count)
            guard (12...19).contains(digits) else { continue }
            let separator = count > 1 ? g.separators[1] : 0
            guard separator == 0 || separator == DigitGroups.space || separator == DigitGroups.hyphen else { continue }
            var same = true
            for k in 1..<count where g.separators[k] != separator { same = false }
            guard same, printed(g, count) else { continue }
            // Space-grouped digits right after another group of four and a space are the middle of
            // a longer run (a tracking number), not a card.
            if separator == DigitGroups.space, g.continuesRun(t, start, sameLength: true) { continue }
            // A number that follows after a space is separate when the card is not space-grouped.
            guard g.endsCleanly(t, after: count, allowing: separator != DigitGroups.space) else { continue }
            let values = g.digitValues(t, count)
            guard luhnValid(values), issued(values) else { continue }
            if count == 1, ByteText.contextBefore(t, start, window: 12, keywords: productCodeWords) { return nil }
            return count
        }
        return nil
    }

    /// Codes of 12-19 digits, where a bare number is the code and not a card: EAN/UPC/GTIN
    /// barcodes, ISBN/ISSN, IMEI (which is Luhn-checked), tracking, order and invoice numbers (a
    /// tenth of random numbers pass the Luhn check).
    static let productCodeWords = ["ean", "gtin", "upc", "barcode", "isbn", "issn", "imei", "tracking", "order", "invoice", "serial", "sku",
                                   "bestell", "commande", "pedido", "ordine", "bestelling", "zamówieni"].map { Array($0.utf8) }

    /// The groupings cards are printed in.
    private static func printed(_ g: DigitGroups, _ count: Int) -> Bool {
        if count == 1 { return true }
        var fours = true
        for k in 0..<(count - 1) where g.length(k) != 4 { fours = false }
        if fours { return true }
        let lengths = g.lengths(count)
        return lengths == [4, 6, 5] || lengths == [4, 6, 4] || lengths == [4, 3, 3, 3]
    }

    /// The Luhn (mod 10) check.
    static func luhnValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            if i % 2 == 1 {
                let doubled = d * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        return sum % 10 == 0
    }

    /// Whether a network issues numbers with this prefix and length. Issuer identification numbers
    /// and lengths as the networks publish them (collected in Wikipedia's "Payment card number"
    /// IIN table): Visa 4 (13, 16, 19); Mastercard 51-55 and 2221-2720 (16); American Express 34, 37
    /// (15); Discover 6011, 644-649, 65 (16-19); JCB 3528-3589 (16-19; the whole 35 block, which
    /// also holds RuPay's co-branded 353 and 356) and 2131, 1800 (15); Diners Club 36 (14-19),
    /// 300-305, 38, 39 (14, 16); UnionPay 62 (16-19) and 81 (16-19); Maestro 50, 56-59 (12-19) and
    /// 6304, 6390, 6759, 6761-6763 (12-19; the rest of the 6 block only 16-19), and 0604 (12-19), which
    /// only secondary tables (creditcardjs.com's, which Faker follows) list; Mir 2200-2204
    /// (16-19); RuPay 60, 65, 81, 82, 508 (16); Troy 9792 (16); Verve 506099-506198, 507865-507964,
    /// 650002-650027 (16, 18, 19; inside the 50 and 65 blocks).
    static func issued(_ d: [Int]) -> Bool {
        func prefix(_ n: Int) -> Int {
            var value = 0
            for k in 0..<n { value = value * 10 + d[k] }
            return value
        }
        let length = d.count
        switch d[0] {
        case 1: return prefix(4) == 1800 && length == 15 // JCB
        case 2:
            let p4 = prefix(4)
            if (2221...2720).contains(p4) { return length == 16 } // Mastercard 2-series
            if (2200...2204).contains(p4) { return length >= 16 } // Mir
            return p4 == 2131 && length == 15 // JCB
        case 3:
            let p2 = prefix(2)
            if p2 == 34 || p2 == 37 { return length == 15 } // American Express
            if p2 == 35 { return length >= 16 } // JCB, RuPay co-branded
            if p2 == 36 { return length >= 14 } // Diners Club International
            if (300...305).contains(prefix(3)) || p2 == 38 || p2 == 39 { return length == 14 || length == 16 } // Diners Club
            return false
        case 4: return length == 13 || length == 16 || length == 19 // Visa
        case 5:
            let p2 = prefix(2)
            if (51...55).contains(p2) { return length == 16 } // Mastercard
            return p2 == 50 || (56...59).contains(p2) // Maestro, Verve, RuPay 508: 12-19
        case 6:
            if length >= 16 { return true } // Discover, UnionPay, RuPay, Troy, Verve, Maestro
            let p4 = prefix(4)
            return p4 == 6304 || p4 == 6390 || p4 == 6759 || (6761...6763).contains(p4) // Maestro
        case 8:
            let p2 = prefix(2)
            return (p2 == 81 || p2 == 82) && length >= 16 // UnionPay, RuPay
        case 9: return prefix(4) == 9792 && length == 16 // Troy
        case 0: return prefix(4) == 604 // Maestro 0604 (creditcardjs.com's type table, as Faker uses): 12-19
        default: return false
        }
    }
}
