/// The country codes ITU-T assigns under Recommendation E.164 ("List of ITU-T Recommendation E.164
/// assigned country codes", the complement to E.164). Country codes form a prefix code: no code
/// starts another, so the digits after `+` or `00` name one country code, or none.
enum CountryCodes {
    /// One-digit codes: 1 (North American Numbering Plan), 7 (Russia, Kazakhstan).
    /// Two-digit codes, and the three-digit codes in the zones left over.
    private static let twoDigit: Set<Int> = [20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
                                             60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98]
    private static let threeDigit: Set<Int> = {
        var codes: Set<Int> = [211, 212, 213, 216, 218, 290, 291, 420, 421, 423, 670, 800, 808, 850, 852, 853, 855, 856, 870, 878, 886, 888, 979]
        for range in [220...258, 260...269, 297...299, 350...359, 370...383, 385...389, 500...509, 590...599, 672...683, 685...692,
                      880...883, 960...968, 970...977, 992...998] {
            codes.formUnion(range)
        }
        return codes
    }()

    /// Length of the country code at `i` (digits up to `end`), or nil when none is assigned there.
    static func length(_ t: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard i < end else { return nil }
        let d1 = Int(t[i]) - 48
        if d1 == 1 || d1 == 7 { return 1 }
        guard i + 1 < end else { return nil }
        let d2 = d1 * 10 + Int(t[i + 1]) - 48
        if twoDigit.contains(d2) { return 2 }
        guard i + 2 < end else { return nil }
        return threeDigit.contains(d2 * 10 + Int(t[i + 2]) - 48) ? 3 : nil
    }
}
