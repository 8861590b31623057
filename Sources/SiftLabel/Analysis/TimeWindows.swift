import SiftCore

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
    public static func start(of seconds: Double, _ window: TimeWindow) -> Int {
        let day = Int((seconds / 86_400).rounded(.down))
        switch window {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday: Monday is 3 days before.
            let sinceMonday = ((day + 3) % 7 + 7) % 7
            return day - sinceMonday
        case .month:
            return day - TimestampParser.civil(fromDays: day).day + 1
        }
    }

    /// `YYYY-MM-DD` of a day number.
    public static func date(_ day: Int) -> String { TimestampParser.isoDate(days: day) }
}
