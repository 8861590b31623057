import GRDB
import SiftCore
import SiftLabel

/// What importing a Label Studio export did. Counts add up: every annotation read was imported,
/// cancelled, empty, replaced by a later one of the same annotator, or refused with its reason.
public struct LabelStudioImportResult: Sendable {
    public var tasks: Int
    public var annotations: Int
    public var cancelled: Int
    public var empty: Int
    public var replaced: Int
    public var imported: Int
    public var matchedByText: Int
    public var refused: [(item: String, annotator: String, reason: String)]
    public var usersCreated: [String]

    public var json: JSONValue {
        ["tasks": .integer(tasks), "annotations": .integer(annotations), "cancelled": .integer(cancelled), "empty": .integer(empty),
         "replaced": .integer(replaced), "imported": .integer(imported), "matched_by_text": .integer(matchedByText),
         "refused": .integer(refused.count),
         "refusals": .array(refused.prefix(1000).map { ["item": .string($0.item), "annotator": .string($0.annotator), "reason": .string($0.reason)] }),
         "users_created": .array(usersCreated.map(JSONValue.string))]
    }
}

extension StudioStore {
    /// Imports labels from a Label Studio JSON export, read by SiftLabel's own Label Studio reader
    /// (the one `sift agree --format labelstudio` uses). A task is matched to an item by its id,
    /// else by its text; annotators are studio users by name (`completed_by`), created as
    /// annotators without a password when new (they cannot sign in). Each label is checked
    /// against the project like a submission; refused ones are listed with their reason.
    public func importLabelStudio(project id: Int64, path: String) throws -> LabelStudioImportResult {
        let project = try project(id)
        let reader = AnnotationReader(paths: [path], layout: .labelstudio, keepTexts: true)
        let (table, input) = try reader.read()
        let spec = project.spec
        let version = project.guidelineVersion
        let (keys, texts) = try database.readSync { db in
            var keys: [String: Int64] = [:]
            var texts: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, key, text FROM items WHERE project_id = ?", arguments: [id]) {
                keys[row["key"]] = row["id"]
                if texts[row["text"]] == nil { texts[row["text"]] = row["id"] }
            }
            return (keys, texts)
        }
        var result = LabelStudioImportResult(tasks: 0, annotations: input.entries, cancelled: input.cancelled, empty: input.emptyLabels,
                                             replaced: input.duplicateCount, imported: 0, matchedByText: 0, refused: [], usersCreated: [])
        result.tasks = Set(table.items).count
        var labels: [(item: Int64, annotator: String, value: JSONValue)] = []
        for i in 0..<table.itemCount {
            let task = table.items[i]
            var itemID = keys[task]
            if itemID == nil, let text = input.texts[task], let found = texts[text] {
                itemID = found
                result.matchedByText += table.ratings(of: i).count
            }
            for rating in table.ratings(of: i) {
                let annotator = table.annotators[Int(rating.annotator)]
                guard let itemID else {
                    result.refused.append((task, annotator, "task \(task) matches no item of the project (by id or text)"))
                    continue
                }
                let text = table.domain.names[Int(rating.label)]
                let answer: JSONValue = spec.isMulti ? .array(text.split(separator: "|").map { .string(String($0)) }) : .string(text)
                do {
                    labels.append((itemID, annotator, try spec.validate(answer)))
                } catch {
                    result.refused.append((task, annotator, error.message))
                }
            }
        }
        let imported = labels
        let created = try database.writeSync { db -> [String] in
            var users: [String: Int64] = [:]
            var created: [String] = []
            for name in Set(imported.map(\.annotator)).sorted() {
                if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE name = ?", arguments: [name]) {
                    users[name] = existing
                } else {
                    try db.execute(sql: "INSERT INTO users (name, role, password, created_at) VALUES (?, 'annotator', NULL, ?)", arguments: [name, now()])
                    users[name] = db.lastInsertedRowID
                    created.append(name)
                }
            }
            let time = now()
            for label in imported {
                let value = JSONWriter().string(label.value)
                try db.execute(sql: """
                    INSERT INTO label_events (project_id, item_id, user_id, value, guideline_version, round, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)
                    """, arguments: [id, label.item, users[label.annotator]!, value, version, time])
                try db.execute(sql: """
                    INSERT OR REPLACE INTO labels (project_id, item_id, user_id, value, guideline_version, round, created_at, event_id)
                    VALUES (?, ?, ?, ?, ?, 0, ?, ?)
                    """, arguments: [id, label.item, users[label.annotator]!, value, version, time, db.lastInsertedRowID])
            }
            // Items already labelled by enough people leave the queue.
            try db.execute(sql: """
                UPDATE items SET needed = MAX(0, target - (SELECT COUNT(*) FROM labels l WHERE l.item_id = items.id))
                WHERE project_id = ? AND pool = 'data'
                """, arguments: [id])
            return created
        }
        result.imported = imported.count
        result.usersCreated = created
        return result
    }
}
