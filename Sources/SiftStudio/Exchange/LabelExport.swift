import GRDB
import SiftCore
import SiftSynth

/// The export formats (`sift studio export --format`, `GET /api/projects/{id}/export?format=`).
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One row per current label: `item, annotator, label, time, guideline_version, round`,
    /// which `sift agree` reads unchanged.
    case long
    /// Label Studio's JSON export (tasks with their annotations), which `sift agree` also reads.
    case labelstudio
    /// The `sift synth review` file with the verdicts and notes filled in: what
    /// `sift synth accept --reviews` reads.
    case review
}

/// One current label, as the long export writes it.
struct LongRow: Sendable {
    var item: String
    var annotator: String
    var label: JSONValue
    var time: Double
    var guidelineVersion: Int
    var round: Int
    var note: String?

    var json: JSONValue {
        var o: JSONObject = ["item": .string(item), "annotator": .string(annotator), "label": label, "time": .string(isoTime(time)),
                             "guideline_version": .integer(guidelineVersion), "round": .integer(round)]
        if let note { o["note"] = .string(note) }
        return .object(o)
    }
}

extension StudioStore {
    /// Exports are for reviewers and admins: they hold everybody's labels.
    func checkExport(_ user: StudioUser) throws(StudioError) {
        guard user.role.seesEveryone else { throw StudioError(.forbidden, "annotators cannot export everybody's labels") }
    }

    /// The export as bytes; `csv` writes the long and review formats as CSV instead of JSON Lines.
    public func export(project id: Int64, format: ExportFormat, csv: Bool = false) async throws -> [UInt8] {
        let project = try project(id)
        switch format {
        case .long:
            let rows = try await longRows(project: id)
            return csv ? Self.longCSV(rows) : Self.jsonLines(rows.map(\.json))
        case .labelstudio:
            return try await labelStudio(project)
        case .review:
            guard project.isReview else { throw StudioError(.conflict, "project \(project.name) is not a review project; use --format long or labelstudio") }
            return try await reviewFile(project, csv: csv)
        }
    }

    /// Every current label, by item (in data order) and annotator.
    func longRows(project id: Int64, where condition: String = "", arguments extra: [any DatabaseValueConvertible] = []) async throws -> [LongRow] {
        let arguments = StatementArguments([id] + extra)!
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.key, u.name, l.value, l.created_at, l.guideline_version, l.round, l.note
                FROM labels l JOIN items i ON i.id = l.item_id JOIN users u ON u.id = l.user_id
                WHERE l.project_id = ? \(condition) ORDER BY i.position, u.name
                """, arguments: arguments).map(Self.longRow)
        }
    }

    static func longRow(_ row: Row) -> LongRow {
        LongRow(item: row["key"], annotator: row["name"], label: (try? JSONParser.parse(row["value"] as String)) ?? .null,
                time: row["created_at"], guidelineVersion: row["guideline_version"], round: row["round"], note: row["note"])
    }

    static func jsonLines(_ values: [JSONValue]) -> [UInt8] {
        var out: [UInt8] = []
        let writer = JSONWriter()
        for value in values {
            writer.write(value, into: &out)
            out.append(0x0A)
        }
        return out
    }

    /// CSV: a multi-label answer is written as `sift agree` compares a list, its labels in
    /// code-point order joined by `|`, so the CSV and the JSON Lines export measure the same.
    static func longCSV(_ rows: [LongRow]) -> [UInt8] {
        var out: [UInt8] = []
        let notes = rows.contains { $0.note != nil }
        CSVText.appendRow(["item", "annotator", "label", "time", "guideline_version", "round"] + (notes ? ["note"] : []), to: &out)
        for row in rows {
            let label: String
            if case .array(let items) = row.label {
                label = items.compactMap(\.scalarText).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
                    .joined(separator: "|")
            } else {
                label = row.label.scalarText ?? ""
            }
            CSVText.appendRow([CSVText.neutralized(row.item), CSVText.neutralized(row.annotator), CSVText.neutralized(label), isoTime(row.time),
                               String(row.guidelineVersion), String(row.round)] + (notes ? [CSVText.neutralized(row.note ?? "")] : []), to: &out)
        }
        return out
    }

    /// Label Studio tasks: every item with its text and one annotation per current label
    /// (`completed_by` carries the studio user's name as its email, which `sift agree` reads as
    /// the annotator). Ratings are `rating` results, labels `choices`; review notes a `textarea`.
    private func labelStudio(_ project: ProjectInfo) async throws -> [UInt8] {
        let spec = project.spec
        let tasks = try await database.read { db -> [JSONValue] in
            var labelsByItem: [Int64: [JSONValue]] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT l.item_id, l.event_id, l.value, l.note, l.created_at, u.id AS uid, u.name
                FROM labels l JOIN users u ON u.id = l.user_id WHERE l.project_id = ? ORDER BY l.item_id, u.name
                """, arguments: [project.id])
            for row in rows {
                let value = (try? JSONParser.parse(row["value"] as String)) ?? .null
                var results: [JSONValue] = []
                switch spec {
                case .scale:
                    results.append(["from_name": "rating", "to_name": "text", "type": "rating", "value": ["rating": value]])
                case .choices, .review:
                    let choices: JSONValue = value.arrayValue != nil ? value : [value]
                    results.append(["from_name": "label", "to_name": "text", "type": "choices", "value": ["choices": choices]])
                }
                if let note = row["note"] as String? {
                    results.append(["from_name": "note", "to_name": "text", "type": "textarea", "value": ["text": [.string(note)]]])
                }
                let time = JSONValue.string(isoTime(row["created_at"]))
                labelsByItem[row["item_id"], default: []].append([
                    "id": .integer(row["event_id"]), "completed_by": ["id": .integer(row["uid"]), "email": .string(row["name"])],
                    "result": .array(results), "was_cancelled": false, "ground_truth": false, "created_at": time, "updated_at": time,
                ])
            }
            return try Row.fetchAll(db, sql: "SELECT id, key, text FROM items WHERE project_id = ? ORDER BY position", arguments: [project.id]).map { item in
                ["id": .string(item["key"]), "data": ["item": .string(item["key"]), "text": .string(item["text"])],
                 "annotations": .array(labelsByItem[item["id"]] ?? [])]
            }
        }
        return Array((JSONWriter(style: .pretty).string(.array(tasks)) + "\n").utf8)
    }

    /// The review file back, in the reviewed file's own shape: each row as read, with `verdict`
    /// and `notes` filled from the reviewers' answers. A row is accepted only when every reviewer
    /// of it accepted; an edit counts as a rejection of the record as generated (the corrected
    /// text is in `edit`). Rows nobody reviewed keep an empty verdict, which `sift synth accept`
    /// refuses: a half-reviewed sample must not pass as reviewed.
    private func reviewFile(_ project: ProjectInfo, csv: Bool) async throws -> [UInt8] {
        let rows = try await database.read { db -> [JSONObject] in
            var answers: [Int64: [(name: String, verdict: String, note: String?, edit: String?)]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT l.item_id, u.name, l.value, l.note, l.edit FROM labels l JOIN users u ON u.id = l.user_id
                WHERE l.project_id = ? ORDER BY l.item_id, u.name
                """, arguments: [project.id]) {
                let verdict = (try? JSONParser.parse(row["value"] as String))?.stringValue ?? ""
                answers[row["item_id"], default: []].append((row["name"], verdict, row["note"], row["edit"]))
            }
            return try Row.fetchAll(db, sql: "SELECT id, fields FROM items WHERE project_id = ? ORDER BY position", arguments: [project.id]).map { item in
                var fields = (try? JSONParser.parse(item["fields"] as String))?.objectValue ?? [:]
                let given = answers[item["id"]] ?? []
                if given.isEmpty {
                    fields["verdict"] = ""
                    return fields
                }
                fields["verdict"] = .string(given.allSatisfy { $0.verdict == "accept" } ? "accept" : "reject")
                let notes = given.compactMap { answer -> String? in
                    var parts: [String] = []
                    if answer.verdict == "edit" { parts.append("edited") }
                    if let note = answer.note { parts.append(note) }
                    return parts.isEmpty ? nil : (given.count > 1 ? "\(answer.name): " : "") + parts.joined(separator: ": ")
                }
                fields["notes"] = .string(notes.joined(separator: "; "))
                fields["reviewed_by"] = .array(given.map { .string($0.name) })
                if let edited = given.first(where: { $0.edit != nil }), let edit = try? JSONParser.parse(edited.edit!) {
                    fields["edit"] = edit
                }
                return fields
            }
        }
        if csv {
            var out: [UInt8] = []
            CSVText.appendRow(ReviewFileWriter.columns, to: &out)
            for row in rows {
                CSVText.appendRow(ReviewFileWriter.columns.map { column in
                    let text = row[column]?.scalarText ?? ""
                    return column == "prompt" || column == "response" || column == "notes" ? CSVText.neutralized(text) : text
                }, to: &out)
            }
            return out
        }
        return Self.jsonLines(rows.map(JSONValue.object))
    }
}

extension StudioStore {
    /// Review rows nobody has given a verdict yet.
    public func unreviewed(project id: Int64) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM items i WHERE i.project_id = ? AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id)
                """, arguments: [id]) ?? 0
        }
    }
}
