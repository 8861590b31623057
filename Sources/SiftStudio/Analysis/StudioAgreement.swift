import Foundation
import GRDB
import SiftCore
import SiftLabel
import SiftSynth
import Synchronization

/// Agreement in the studio is `sift agree`'s, by construction: the labels are written out as the
/// long export (`labels.jsonl`, and `gold.jsonl` for the gold items) into a scratch directory and
/// read back by SiftLabel's own `AnnotationReader`, then measured by `AgreementAnalysis` with the
/// options `sift agree` defaults to. The document is therefore the one
///
///     sift agree labels.jsonl --time-field time --window week [--gold gold.jsonl] --json -
///
/// writes for the export, plus a `studio` member with what the studio adds: the pilot gate, the
/// figures per guideline version, and per-annotator gold accuracy with Wilson intervals.
public struct StudioAgreement: Sendable {
    /// The document (`sift agree`'s JSON plus `studio`).
    public var json: JSONValue
    /// The report behind it, for the agreement page.
    public var report: AgreementReport
    /// Item texts of the report's example items.
    public var texts: [String: String]
    public var gate: PilotGate?
    public var versions: [VersionAgreement]
    public var goldQA: [GoldQA]
    public var window: TimeWindow
}

/// The pilot's verdict: the headline metric on the current pilot round's labels against 0.7.
public struct PilotGate: Sendable {
    public var round: Int
    public var items: Int
    public var labels: Int
    public var value: MetricValue
    public var threshold: Double
    public var passed: Bool

    var json: JSONValue {
        var o: JSONObject = ["round": .integer(round), "items": .integer(items), "labels": .integer(labels), "metric": "cohen_kappa",
                             "value": value.value.map(JSONValue.double) ?? .null, "threshold": .double(threshold),
                             "verdict": .string(passed ? "pass" : "fail")]
        if let reason = value.reason { o["reason"] = .string(reason) }
        return .object(o)
    }
}

/// Agreement among the labels made under one guideline version (each annotator's last label on
/// an item under that version): before and after a refinement, side by side.
public struct VersionAgreement: Sendable {
    public var version: Int
    public var labels: Int
    public var items: Int
    public var itemsCompared: Int
    public var cohenKappa: MetricValue
    public var fleissKappa: MetricValue
    public var alpha: MetricValue
    public var percentAgreement: MetricValue

    var json: JSONValue {
        var o: JSONObject = ["version": .integer(version), "labels": .integer(labels), "items": .integer(items), "items_compared": .integer(itemsCompared)]
        for (key, value) in [("cohen_kappa", cohenKappa), ("fleiss_kappa", fleissKappa), ("krippendorff_alpha", alpha), ("percent_agreement", percentAgreement)] {
            o[key] = value.value.map(JSONValue.double) ?? .null
        }
        if let reason = cohenKappa.reason { o["reason"] = .string(reason) }
        return .object(o)
    }
}

/// One annotator on the hidden gold items: accuracy with its Wilson score interval (Wilson 1927;
/// statsmodels' `proportion_confint(method="wilson")`). Flagged when even the interval's upper
/// end is below the accuracy threshold, i.e. the shortfall is not explained by a small sample.
public struct GoldQA: Sendable {
    public var annotator: String
    public var items: Int
    public var correct: Int
    public var interval: WilsonInterval
    public var threshold: Double

    public var accuracy: Double? { items > 0 ? Double(correct) / Double(items) : nil }
    public var flagged: Bool { items > 0 && interval.upper < threshold }

    var json: JSONValue {
        ["annotator": .string(annotator), "items": .integer(items), "correct": .integer(correct),
         "accuracy": accuracy.map(JSONValue.double) ?? .null, "ci_lower": .double(interval.lower), "ci_upper": .double(interval.upper),
         "threshold": .double(threshold), "flagged": .bool(flagged)]
    }
}

extension StudioStore {
    /// The pilot gate's bar (the seed's "kappa > 0.7").
    public static let gateThreshold = 0.7
    /// Gold accuracy below which an annotator is flagged (by the Wilson interval's upper end).
    public static let goldThreshold = 0.8

    /// Who may see agreement: reviewers and admins always; annotators never during a blind
    /// pilot (their labels must not be steered by others'), and otherwise yes.
    func checkAgreement(_ user: StudioUser, _ project: ProjectInfo) throws(StudioError) {
        if user.role == .annotator && project.isBlindPilot {
            throw StudioError(.forbidden, "this is a blind pilot: agreement is hidden from annotators until it ends")
        }
    }

    public func agreement(project id: Int64, user: StudioUser, window: TimeWindow = .week) async throws -> StudioAgreement {
        let project = try project(id)
        try checkAgreement(user, project)
        let revision = try await database.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM label_events WHERE project_id = ?", arguments: [id]) ?? 0
        }
        let key = AgreementCacheKey(project: id, window: window, revision: revision, phase: project.phase, round: project.pilotRound,
                                    version: project.guidelineVersion)
        if let cached = agreementCache.withLock({ $0[key] }) { return cached }
        let rows = try await longRows(project: id)
        let gold = try await goldLabels(project: id)
        var options = AgreementOptions()
        options.window = window
        let report = try Self.measure(rows, gold: gold.isEmpty ? nil : gold, options: options)

        let wanted = Set(GuidelineFeedback.exampleItems(report).map { report.table.items[$0] })
        let texts = try await database.read { db in
            var texts: [String: String] = [:]
            for key in wanted {
                if let text = try String.fetchOne(db, sql: "SELECT text FROM items WHERE project_id = ? AND key = ?", arguments: [id, key]) { texts[key] = text }
            }
            return texts
        }

        var gate: PilotGate?
        if project.hasPilot {
            let pilotRows = try await longRows(project: id, where: "AND i.pool = 'pilot' AND l.round = ?", arguments: [project.pilotRound])
            var quick = AgreementOptions()
            quick.bootstrap = 0
            let value: MetricValue
            do { value = try Self.measure(pilotRows, gold: nil, options: quick).headline } catch { value = .undefined("\(error)") }
            gate = PilotGate(round: project.pilotRound, items: Set(pilotRows.map(\.item)).count, labels: pilotRows.count, value: value,
                             threshold: Self.gateThreshold, passed: (value.value ?? -.infinity) >= Self.gateThreshold)
        }
        let versions = try await versionFigures(project: id)
        let goldQA = Self.goldQA(rows, gold: gold)

        var document = report.json.objectValue ?? [:]
        var command = "sift agree labels.jsonl --time-field time --window \(window.rawValue)"
        if !gold.isEmpty { command += " --gold gold.jsonl" }
        var studio: JSONObject = [
            "project": .integer(Int(id)), "name": .string(project.name), "phase": .string(project.phase.rawValue),
            "guideline_version": .integer(project.guidelineVersion), "command": .string(command + " --json -"),
            "guideline_versions": .array(versions.map(\.json)),
        ]
        studio["pilot_gate"] = gate?.json ?? .null
        if !gold.isEmpty { studio["gold_qa"] = .array(goldQA.map(\.json)) }
        document["studio"] = .object(studio)
        let result = StudioAgreement(json: .object(document), report: report, texts: texts, gate: gate, versions: versions, goldQA: goldQA, window: window)
        agreementCache.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[key] = result
        }
        return result
    }

    /// `sift agree` on some long rows: written as `labels.jsonl` (and `gold.jsonl`) in a scratch
    /// directory, read by SiftLabel's reader, measured by its analysis; the input is named by the
    /// files' own names, as `sift agree labels.jsonl` run beside the export would name it.
    static func measure(_ rows: [LongRow], gold: [(item: String, label: JSONValue)]?, options: AgreementOptions) throws -> AgreementReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-studio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let labels = directory.appendingPathComponent("labels.jsonl").path
        try writeFileAtomically(labels, jsonLines(rows.map(\.json)))
        let reader = AnnotationReader(paths: [labels], fields: AnnotationFields(time: "time"))
        var (table, input) = try reader.read()
        input.files = ["labels.jsonl"]
        var goldStandard: GoldStandard?
        if let gold {
            let path = directory.appendingPathComponent("gold.jsonl").path
            try writeFileAtomically(path, jsonLines(gold.map { ["item": .string($0.item), "gold_label": $0.label] }))
            goldStandard = try ReferenceReaders.gold(path: path, itemField: nil, labelField: nil, readOptions: ReadOptions())
        }
        return try AgreementAnalysis.run(table, input: input, gold: goldStandard, options: options)
    }

    /// Agreement per guideline version, from the history.
    func versionFigures(project id: Int64) async throws -> [VersionAgreement] {
        let events = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.guideline_version, i.key, u.name, e.value, e.created_at, e.round
                FROM label_events e JOIN items i ON i.id = e.item_id JOIN users u ON u.id = e.user_id
                WHERE e.project_id = ? ORDER BY e.id
                """, arguments: [id]).map { row in
                (version: row["guideline_version"] as Int, item: row["key"] as String, name: row["name"] as String,
                 value: row["value"] as String?, time: row["created_at"] as Double, round: row["round"] as Int)
            }
        }
        var byVersion: [Int: [String: LongRow?]] = [:]
        var order: [Int: [String]] = [:]
        for event in events {
            let version = event.version
            let item = event.item, name = event.name
            let pair = item + "\u{1F}" + name
            let row = event.value.map { value in
                LongRow(item: item, annotator: name, label: (try? JSONParser.parse(value)) ?? .null, time: event.time,
                        guidelineVersion: version, round: event.round)
            }
            if byVersion[version]?[pair] == nil { order[version, default: []].append(pair) }
            byVersion[version, default: [:]][pair] = .some(row)
        }
        var quick = AgreementOptions()
        quick.bootstrap = 0
        return byVersion.keys.sorted().map { version in
            let rows = order[version]!.compactMap { byVersion[version]![$0]! }
            let items = Set(rows.map(\.item)).count
            guard let report = try? Self.measure(rows, gold: nil, options: quick) else {
                let reason = MetricValue.undefined("fewer than two annotators labelled under this version")
                return VersionAgreement(version: version, labels: rows.count, items: items, itemsCompared: 0, cohenKappa: reason,
                                        fleissKappa: reason, alpha: reason, percentAgreement: reason)
            }
            let c = report.coefficients
            return VersionAgreement(version: version, labels: rows.count, items: items, itemsCompared: report.comparedItems,
                                    cohenKappa: c.cohenKappa, fleissKappa: c.fleiss.kappa, alpha: c.alpha[.nominal] ?? .undefined("not computed"),
                                    percentAgreement: c.percentAgreement)
        }
    }

    /// Accuracy of each annotator on the gold items they labelled.
    static func goldQA(_ rows: [LongRow], gold: [(item: String, label: JSONValue)]) -> [GoldQA] {
        guard !gold.isEmpty else { return [] }
        var answers: [String: JSONValue] = [:]
        for g in gold { answers[g.item] = g.label }
        var tallies: [String: (items: Int, correct: Int)] = [:]
        for row in rows {
            guard let expected = answers[row.item] else { continue }
            var tally = tallies[row.annotator] ?? (0, 0)
            tally.items += 1
            if LabelSpec.display(expected) == LabelSpec.display(row.label) { tally.correct += 1 }
            tallies[row.annotator] = tally
        }
        return tallies.keys.sorted().map { name in
            let t = tallies[name]!
            return GoldQA(annotator: name, items: t.items, correct: t.correct,
                          interval: WilsonInterval(successes: t.correct, trials: t.items, confidence: 0.95), threshold: goldThreshold)
        }
    }
}

struct AgreementCacheKey: Hashable, Sendable {
    var project: Int64
    var window: TimeWindow
    var revision: Int64
    var phase: ProjectPhase
    var round: Int
    var version: Int
}
