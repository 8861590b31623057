import GRDB
import SiftCore
import SiftLabel
import SiftSynth

/// One time window of the monitor: agreement on the items first labelled in it (`sift agree`'s
/// `--time-field` windows, the same numbers as its `windows`) and gold accuracy of the labels
/// given in it.
public struct MonitorWindow: Sendable {
    public var start: Int
    public var items: Int
    public var labels: Int
    public var agreement: MetricValue
    public var goldItems: Int
    public var goldCorrect: Int
    /// Agreement fell by at least `dropSize` from the previous window, or below the gate.
    public var agreementDrop: Bool
    /// Gold accuracy fell by at least `dropSize`, or below the gold threshold.
    public var goldDrop: Bool

    public var goldAccuracy: Double? { goldItems > 0 ? Double(goldCorrect) / Double(goldItems) : nil }

    var json: JSONValue {
        let interval = WilsonInterval(successes: goldCorrect, trials: goldItems)
        return ["start": .string(TimeWindows.date(start)), "items": .integer(items), "labels": .integer(labels),
                "agreement": agreement.value.map(JSONValue.double) ?? .null, "gold_items": .integer(goldItems),
                "gold_accuracy": goldAccuracy.map(JSONValue.double) ?? .null,
                "gold_ci": goldItems > 0 ? [.double(interval.lower), .double(interval.upper)] : .null,
                "agreement_drop": .bool(agreementDrop), "gold_drop": .bool(goldDrop)]
    }
}

public struct MonitorSeries: Sendable {
    public var window: TimeWindow
    public var windows: [MonitorWindow]
    public var json: JSONValue { ["window": .string(window.rawValue), "windows": .array(windows.map(\.json))] }
}

extension StudioStore {
    /// A fall this large between consecutive windows is highlighted.
    public static let dropSize = 0.1

    public func monitor(project id: Int64, user: StudioUser, window: TimeWindow) async throws -> MonitorSeries {
        guard user.role.seesEveryone else { throw StudioError(.forbidden, "the monitor is for reviewers and admins") }
        let agreement = try await agreement(project: id, user: user, window: window)
        let rows = try await longRows(project: id)
        var answers: [String: String] = [:]
        for g in try await goldLabels(project: id) { answers[g.item] = LabelSpec.display(g.label) }
        var gold: [Int: (items: Int, correct: Int)] = [:]
        for row in rows {
            guard let expected = answers[row.item] else { continue }
            let start = TimeWindows.start(of: row.time, window)
            var tally = gold[start] ?? (0, 0)
            tally.items += 1
            if expected == LabelSpec.display(row.label) { tally.correct += 1 }
            gold[start] = tally
        }
        var byStart: [Int: MonitorWindow] = [:]
        for w in agreement.report.windows ?? [] {
            byStart[w.start] = MonitorWindow(start: w.start, items: w.items, labels: w.labels, agreement: w.value, goldItems: 0, goldCorrect: 0,
                                             agreementDrop: false, goldDrop: false)
        }
        for (start, tally) in gold {
            var w = byStart[start] ?? MonitorWindow(start: start, items: 0, labels: 0, agreement: .undefined("no items first labelled in this window"),
                                                    goldItems: 0, goldCorrect: 0, agreementDrop: false, goldDrop: false)
            w.goldItems = tally.items
            w.goldCorrect = tally.correct
            byStart[start] = w
        }
        var windows = byStart.keys.sorted().map { byStart[$0]! }
        var previousAgreement: Double?
        var previousGold: Double?
        for i in windows.indices {
            if let value = windows[i].agreement.value {
                windows[i].agreementDrop = value < Self.gateThreshold || (previousAgreement.map { $0 - value >= Self.dropSize } ?? false)
                previousAgreement = value
            }
            if let accuracy = windows[i].goldAccuracy {
                windows[i].goldDrop = accuracy < Self.goldThreshold || (previousGold.map { $0 - accuracy >= Self.dropSize } ?? false)
                previousGold = accuracy
            }
        }
        return MonitorSeries(window: window, windows: windows)
    }

    func goldLabels(project id: Int64) async throws -> [(item: String, label: JSONValue)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT key, gold_label FROM items WHERE project_id = ? AND pool = 'gold' ORDER BY position", arguments: [id])
                .map { (item: $0["key"] as String, label: (try? JSONParser.parse($0["gold_label"] as String)) ?? .null) }
        }
    }
}
