/// Reads the dates datasets actually carry, without Foundation's locale-dependent formatters, and
/// names the format each was written in so that audits can flag datasets mixing formats.
public struct ParsedTimestamp: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z. Dates without a time are midnight UTC.
    public var secondsSince1970: Double
    public var format: TimestampFormat
}

public enum TimestampFormat: String, Sendable, CaseIterable {
    case iso8601DateTime = "iso8601_datetime"
    case iso8601Date = "iso8601_date"
    /// `MM/DD/YYYY` (or `DD/MM/YYYY` when the first number exceeds 12).
    case slashDate = "slash_date"
    /// `DD.MM.YYYY`.
    case dottedDate = "dotted_date"
    /// `Fri, 01 Mar 2024 12:00:00 GMT`.
    case rfc2822
    /// `March 1, 2024` or `1 March 2024`.
    case longMonth = "long_month"
    case epochSeconds = "epoch_seconds"
    case epochMilliseconds = "epoch_milliseconds"
}

public enum TimestampParser {
    public static func parse(_ value: JSONValue) -> ParsedTimestamp? {
        switch value {
        case .number(let literal):
            guard let n = Double(literal) else { return nil }
            return epoch(n)
        case .string(let s):
            return parse(s)
        default:
            return nil
        }
    }

    public static func parse(_ raw: String) -> ParsedTimestamp? {
        if let date = plainISODate(raw) { return date }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: ".") }), let n = Double(text), bytes.count >= 9 {
            return epoch(n)
        }
        if let iso = iso8601(bytes) { return iso }
        if let numeric = numericDate(bytes) { return numeric }
        return textual(text)
    }

    /// Exactly `YYYY-MM-DD`, the most common way datasets write dates, read without trimming or
    /// copying the text; anything else goes the general way.
    private static func plainISODate(_ raw: String) -> ParsedTimestamp? {
        let utf8 = raw.utf8
        guard utf8.count == 10 else { return nil }
        var digits = 0
        var i = 0
        for byte in utf8 {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                digits = digits * 10 + Int(byte - 0x30)
            }
            i += 1
        }
        let (year, month, day) = (digits / 10_000, digits / 100 % 100, digits % 100)
        guard valid(year, month, day) else { return nil }
        return ParsedTimestamp(secondsSince1970: Double(daysFromCivil(year: year, month: month, day: day)) * 86_400, format: .iso8601Date)
    }

    /// Epoch numbers: 13 digits are milliseconds; plausible seconds are 1990-2100.
    private static func epoch(_ n: Double) -> ParsedTimestamp? {
        if n > 1e11 && n < 4.2e12 { return ParsedTimestamp(secondsSince1970: n / 1000, format: .epochMilliseconds) }
        if n > 6.3e8 && n < 4.2e9 { return ParsedTimestamp(secondsSince1970: n, format: .epochSeconds) }
        return nil
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01, the inverse of
    /// `daysFromCivil` (H. Hinnant's `civil_from_days`).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01.
    public static func isoDate(days: Int) -> String {
        let (y, m, d) = civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    private static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    private static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, (1000...9999).contains(year) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return day <= (month == 2 && leap ? 29 : monthLengths[month - 1])
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
        var n = 0
        for i in range {
            let d = Int(bytes[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            n = n * 10 + d
        }
        return n
    }

    /// `YYYY-MM-DD`, optionally `T` or space, `HH:MM[:SS[.fff]]`, then `Z` or `±HH[:]MM`.
    private static func iso8601(_ b: [UInt8]) -> ParsedTimestamp? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = number(b, 0..<4), let month = number(b, 5..<7), let day = number(b, 8..<10),
              valid(year, month, day) else { return nil }
        let days = Double(daysFromCivil(year: year, month: month, day: day))
        if b.count == 10 { return ParsedTimestamp(secondsSince1970: days * 86_400, format: .iso8601Date) }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              b.count >= 16, let hour = number(b, 11..<13), b[13] == UInt8(ascii: ":"), let minute = number(b, 14..<16),
              hour < 24, minute < 60 else { return nil }
        var i = 16
        var seconds = 0.0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = number(b, (i + 1)..<(i + 3)), s <= 60 else { return nil }
            seconds = Double(s)
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                var j = i + 1
                var scale = 0.1
                while j < b.count, b[j] >= 48, b[j] <= 57 {
                    seconds += Double(b[j] - 48) * scale
                    scale /= 10
                    j += 1
                }
                guard j > i + 1 else { return nil }
                i = j
            }
        }
        var offset = 0.0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign: Double = b[i] == UInt8(ascii: "-") ? -1 : 1
                guard let oh = number(b, (i + 1)..<(i + 3)) else { return nil }
                var j = i + 3
                if j < b.count, b[j] == UInt8(ascii: ":") { j += 1 }
                let om = number(b, j..<(j + 2)) ?? 0
                if j + 2 <= b.count, number(b, j..<(j + 2)) != nil { j += 2 }
                offset = sign * Double(oh * 3600 + om * 60)
                i = j
            } else if b[i] == UInt8(ascii: " ") {
                // "2024-03-01 12:00:00 UTC"
                let rest = String(decoding: b[(i + 1)...], as: UTF8.self)
                guard rest == "UTC" || rest == "GMT" else { return nil }
                i = b.count
            }
        }
        guard i == b.count else { return nil }
        let total = days * 86_400 + Double(hour * 3600 + minute * 60) + seconds - offset
        return ParsedTimestamp(secondsSince1970: total, format: .iso8601DateTime)
    }

    /// `MM/DD/YYYY`, `DD/MM/YYYY` (when unambiguous) and `DD.MM.YYYY`, with an optional time we ignore.
    private static func numericDate(_ b: [UInt8]) -> ParsedTimestamp? {
        let datePart = b.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "T") }
        let separator: UInt8
        if datePart.contains(UInt8(ascii: "/")) { separator = UInt8(ascii: "/") }
        else if datePart.contains(UInt8(ascii: ".")) { separator = UInt8(ascii: ".") }
        else { return nil }
        let parts = datePart.split(separator: separator).map { Array($0) }
        guard parts.count == 3, let a = number(parts[0], 0..<parts[0].count), let m = number(parts[1], 0..<parts[1].count),
              let y = number(parts[2], 0..<parts[2].count), parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        var month = a, day = m
        if separator == UInt8(ascii: ".") || a > 12 { (month, day) = (m, a) }
        guard valid(y, month, day) else { return nil }
        return ParsedTimestamp(secondsSince1970: Double(daysFromCivil(year: y, month: month, day: day)) * 86_400,
                               format: separator == UInt8(ascii: ".") ? .dottedDate : .slashDate)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// RFC 2822 (`Fri, 01 Mar 2024 12:00:00 GMT`) and long-month dates (`March 1, 2024`, `1 March 2024`).
    private static func textual(_ text: String) -> ParsedTimestamp? {
        let tokens = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var month: Int?
        var day: Int?
        var year: Int?
        var time = 0.0
        var isRFC = false
        for token in tokens {
            if let m = months.firstIndex(where: { token.hasPrefix($0) }), month == nil, token.count >= 3, token.allSatisfy(\.isLetter) {
                month = m + 1
            } else if let n = Int(token.trimmingSuffix("st").trimmingSuffix("nd").trimmingSuffix("rd").trimmingSuffix("th")) {
                if n >= 1000 { year = n } else if day == nil, n >= 1, n <= 31 { day = n }
            } else if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int($0) }
                if parts.count >= 2 { time = Double(parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)) }
                isRFC = true
            }
        }
        guard let month, let day, let year, valid(year, month, day) else { return nil }
        let seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400 + time
        return ParsedTimestamp(secondsSince1970: seconds, format: isRFC ? .rfc2822 : .longMonth)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
