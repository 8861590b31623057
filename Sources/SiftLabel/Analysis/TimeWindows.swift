/// Agreement over time: items grouped by when they were labelled, to see drift as labelling scales
/// (new annotators, guideline changes, fatigue).
///
/// An item belongs to the window of its earliest label, so that all of its labels are compared
/// together even when annotators labelled it days apart.
public enum TimeWindows {
    /// Items per window, by window start (days since 1970-01-01, UTC), in time order.
    public static func group(_ table: AnnotationTable, by window: TimeWindow) -> [(start: Int, items: [Int])] {
        guard let times = table.itemTimes else { return [] }
        var byStart: [Int: [Int]] = [:]
        for item in 0..<table.itemCount where !times[item].isNaN {
            byStart[start(of: times[item], window), default: []].append(item)
        }
        return byStart.keys.sorted().map { ($0, byStart[$0]!) }
    }

    /// The first day of the window holding `seconds` (since 1970, UTC).
    static func start(of seconds: Double, _ window: TimeWindow) -> Int {
        let day = Int((seconds / 86_400).rounded(.down))
        switch window {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday: Monday is 3 days before.
            let sinceMonday = ((day + 3) % 7 + 7) % 7
            return day - sinceMonday
        case .month:
            return day - civil(fromDays: day).day + 1
        }
    }

    /// `YYYY-MM-DD` of a day number.
    public static func date(_ day: Int) -> String {
        let (y, m, d) = civil(fromDays: day)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// Proleptic Gregorian date of a day number (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
