import GRDB
import SiftCore

/// One item as its annotator sees it: the text, its turns, and their own answer if any. Whether it
/// is a gold item is not said (gold items are hidden in the queue).
public struct ItemView: Sendable {
    public var key: String
    public var text: String
    public var turns: [Turn]?
    public var label: JSONValue?
    public var note: String?
    public var edit: JSONValue?
    /// Fields of the record, for reviewers and admins (nil for annotators).
    public var fields: String?
    public var pool: String?
    /// Every annotator's answer, for reviewers and admins outside nothing (nil for annotators).
    public var labels: [(annotator: String, label: JSONValue)]?

    public var json: JSONValue {
        var o: JSONObject = ["item": .string(key), "text": .string(text)]
        if let turns { o["turns"] = .array(turns.map { ["role": .string($0.role), "content": .string($0.content)] }) }
        o["label"] = label ?? .null
        if let note { o["note"] = .string(note) }
        if let edit { o["edit"] = edit }
        if let pool { o["pool"] = .string(pool) }
        if let labels { o["labels"] = .object(JSONObject(labels.map { ($0.annotator, $0.label) }, uniquingKeysWith: { _, b in b })) }
        return .object(o)
    }
}

/// What a stored label answers with (HTTP 201).
public struct LabelReceipt: Sendable {
    public var item: String
    public var label: JSONValue
    public var guidelineVersion: Int
    public var round: Int
    public var event: Int64

    public var json: JSONValue {
        ["item": .string(item), "label": label, "guideline_version": .integer(guidelineVersion), "round": .integer(round), "event": .integer(Int(event))]
    }
}

/// An answer as submitted: the label, and for reviews a note and the edited text.
public struct Submission: Sendable {
    public var label: JSONValue?
    public var note: String?
    public var edit: JSONValue?

    public init(label: JSONValue?, note: String? = nil, edit: JSONValue? = nil) {
        self.label = label
        self.note = note
        self.edit = edit
    }
}

/// Someone's progress in a project.
public struct Progress: Sendable {
    public var annotator: String
    public var assigned: Int
    public var done: Int
    public var labels: Int

    public var json: JSONValue { ["annotator": .string(annotator), "assigned": .integer(assigned), "done": .integer(done), "labels": .integer(labels)] }
}

extension StudioStore {
    /// Who may work on a project at all: review projects are for reviewers and admins.
    func checkWorker(_ user: StudioUser, _ project: ProjectInfo) throws(StudioError) {
        if project.isReview && user.role == .annotator {
            throw StudioError(.forbidden, "review projects are for reviewers and admins")
        }
    }

    /// The caller's next item, or nil when nothing is left for them. In a pilot: the next of
    /// their pilot items in their own shuffled order. Later: an item they hold and have not
    /// labelled, else a newly claimed one (an item still wanting an annotator, or a gold item when
    /// their share of gold is due), claimed in the same transaction that checks it is free.
    public func next(project id: Int64, user: StudioUser) async throws -> ItemView? {
        let project = try project(id)
        try checkWorker(user, project)
        let round = project.phase == .pilot ? project.pilotRound : 0
        if let open = try await database.read({ db in try Self.openAssignment(db, project: id, user: user.id, round: round) }) {
            return try await item(project: id, itemID: open, user: user)
        }
        if project.phase == .pilot { return nil }
        let claimed = try await writer.write { db -> Int64? in
            if let open = try Self.openAssignment(db, project: id, user: user.id, round: 0) { return open }
            return try Self.claim(db, project: project, user: user.id)
        }
        guard let claimed else { return nil }
        return try await item(project: id, itemID: claimed, user: user)
    }

    static func openAssignment(_ db: Database, project: Int64, user: Int64, round: Int) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT item_id FROM assignments WHERE project_id = ? AND user_id = ? AND round = ? AND done = 0 ORDER BY position LIMIT 1
            """), arguments: [project, user, round])
    }

    /// Claims an item for `user` (scale phase): gold when their gold share is due, else the first
    /// item still wanting an annotator that they have not had, else any gold item left.
    static func claim(_ db: Database, project: ProjectInfo, user: Int64) throws -> Int64? {
        var item: Int64?
        if project.hasGold {
            let counts = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(SUM(i.pool = 'gold'), 0) AS gold, COALESCE(SUM(i.pool = 'data'), 0) AS data
                FROM assignments a JOIN items i ON i.id = a.item_id WHERE a.project_id = ? AND a.user_id = ? AND a.round = 0
                """), arguments: [project.id, user])!
            let gold: Int = counts["gold"], data: Int = counts["data"]
            if Double(gold) < project.goldRate * Double(gold + data) { item = try freeGold(db, project: project.id, user: user) }
        }
        if item == nil {
            item = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT id FROM items WHERE project_id = ? AND pool = 'data' AND needed > 0
                AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = items.id AND a.user_id = ?)
                ORDER BY position LIMIT 1
                """), arguments: [project.id, user])
            if let item {
                try db.cachedStatement(sql: "UPDATE items SET needed = needed - 1 WHERE id = ?").execute(arguments: [item])
            }
        }
        if item == nil, project.hasGold { item = try freeGold(db, project: project.id, user: user) }
        guard let item else { return nil }
        let position = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(MAX(position), -1) + 1 FROM assignments WHERE project_id = ? AND user_id = ? AND round = 0
            """), arguments: [project.id, user]) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO assignments (project_id, user_id, round, item_id, position, done, created_at) VALUES (?, ?, 0, ?, ?, 0, ?)
            """).execute(arguments: [project.id, user, item, position, now()])
        return item
    }

    private static func freeGold(_ db: Database, project: Int64, user: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM items WHERE project_id = ? AND pool = 'gold'
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = items.id AND a.user_id = ?)
            ORDER BY position LIMIT 1
            """), arguments: [project, user])
    }

    /// An item by its dataset id, as `user` may see it: annotators only items assigned to them,
    /// with their own answer; reviewers and admins any item, with everyone's answers.
    public func item(project id: Int64, key: String, user: StudioUser) async throws -> ItemView {
        let project = try project(id)
        try checkWorker(user, project)
        guard let itemID = try await database.read({ db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM items WHERE project_id = ? AND key = ?"), arguments: [id, key])
        }) else { throw StudioError(.notFound, "no item \"\(key)\" in project \(id)") }
        return try await item(project: id, itemID: itemID, user: user)
    }

    func item(project id: Int64, itemID: Int64, user: StudioUser) async throws -> ItemView {
        try await database.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT key, text, turns, fields, pool FROM items WHERE id = ?"), arguments: [itemID]) else {
                throw StudioError(.notFound, "no such item")
            }
            if user.role == .annotator {
                let assigned = try Bool.fetchOne(db.cachedStatement(sql: """
                    SELECT EXISTS (SELECT 1 FROM assignments WHERE item_id = ? AND user_id = ?)
                    """), arguments: [itemID, user.id]) ?? false
                guard assigned else { throw StudioError(.forbidden, "item \"\(row["key"] as String)\" is not assigned to you") }
            }
            var view = ItemView(key: row["key"], text: row["text"], turns: ItemContent.turns(json: row["turns"]))
            if let mine = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, note, edit FROM labels WHERE item_id = ? AND user_id = ?"),
                                           arguments: [itemID, user.id]) {
                view.label = try? JSONParser.parse(mine["value"] as String)
                view.note = mine["note"]
                view.edit = (mine["edit"] as String?).flatMap { try? JSONParser.parse($0) }
            }
            if user.role.seesEveryone {
                view.fields = row["fields"]
                view.pool = row["pool"]
                view.labels = try Row.fetchAll(db, sql: """
                    SELECT u.name, l.value FROM labels l JOIN users u ON u.id = l.user_id WHERE l.item_id = ? ORDER BY u.name
                    """, arguments: [itemID]).map { ($0["name"], (try? JSONParser.parse($0["value"] as String)) ?? .null) }
            }
            return view
        }
    }

    /// Stores the caller's answer on an item, replacing their earlier one (which stays in the
    /// history). The answer is checked against the project first (422 with the reason); an
    /// annotator may only label items assigned to them (403). Returns after the commit.
    public func submit(project id: Int64, key: String, user: StudioUser, _ submission: Submission) async throws -> LabelReceipt {
        let project = try project(id)
        try checkWorker(user, project)
        let value = try project.spec.validate(submission.label)
        let valueText = JSONWriter().string(value)
        var editText: String?
        if project.isReview {
            if value == .string("edit") {
                guard let edit = submission.edit, case .object(let fields) = edit, !fields.isEmpty,
                      fields.allSatisfy({ ($0.key == "prompt" || $0.key == "response") && $0.value.stringValue != nil }) else {
                    throw StudioError(.invalid, "an edit needs \"edit\": {\"prompt\": ..., \"response\": ...} with the corrected text")
                }
                editText = JSONWriter().string(edit)
            } else if submission.edit != nil {
                throw StudioError(.invalid, "\"edit\" goes with the verdict edit only")
            }
        } else if submission.note != nil || submission.edit != nil {
            throw StudioError(.invalid, "notes and edits belong to review projects")
        }
        if let note = submission.note, note.utf8.count > 20_000 { throw StudioError(.invalid, "the note is longer than 20,000 bytes") }
        let note = submission.note.flatMap { $0.isEmpty ? nil : $0 }
        let edited = editText
        let version = project.guidelineVersion
        let phase = project.phase
        let pilotRound = project.pilotRound
        return try await writer.write { db in
            guard let item = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, pool FROM items WHERE project_id = ? AND key = ?"),
                                              arguments: [id, key]) else {
                throw StudioError(.notFound, "no item \"\(key)\" in project \(id)")
            }
            let itemID: Int64 = item["id"]
            let pool: String = item["pool"]
            if user.role == .annotator {
                let assigned = try Bool.fetchOne(db.cachedStatement(sql: """
                    SELECT EXISTS (SELECT 1 FROM assignments WHERE item_id = ? AND user_id = ?)
                    """), arguments: [itemID, user.id]) ?? false
                guard assigned else { throw StudioError(.forbidden, "item \"\(key)\" is not assigned to you") }
            }
            let round = phase == .pilot && pool == "pilot" ? pilotRound : 0
            let created = now()
            try db.cachedStatement(sql: "UPDATE assignments SET done = 1 WHERE item_id = ? AND user_id = ? AND done = 0")
                .execute(arguments: [itemID, user.id])
            try db.cachedStatement(sql: """
                INSERT INTO label_events (project_id, item_id, user_id, value, note, edit, guideline_version, round, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id, itemID, user.id, valueText, note, edited, version, round, created])
            let event = db.lastInsertedRowID
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO labels (project_id, item_id, user_id, value, note, edit, guideline_version, round, created_at, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id, itemID, user.id, valueText, note, edited, version, round, created, event])
            return LabelReceipt(item: key, label: value, guidelineVersion: version, round: round, event: event)
        }
    }

    /// Takes back the caller's answer on an item (the annotate page's undo): the label leaves the
    /// export, the withdrawal is kept in the history, and the item returns to the caller's queue.
    public func withdraw(project id: Int64, key: String, user: StudioUser) async throws {
        let project = try project(id)
        try checkWorker(user, project)
        let version = project.guidelineVersion
        try await writer.write { db in
            guard let label = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT l.item_id, l.round FROM labels l JOIN items i ON i.id = l.item_id WHERE i.project_id = ? AND i.key = ? AND l.user_id = ?
                """), arguments: [id, key, user.id]) else {
                throw StudioError(.notFound, "you have no label on item \"\(key)\"")
            }
            let itemID: Int64 = label["item_id"]
            try db.execute(sql: "DELETE FROM labels WHERE project_id = ? AND item_id = ? AND user_id = ?", arguments: [id, itemID, user.id])
            try db.execute(sql: """
                INSERT INTO label_events (project_id, item_id, user_id, value, note, edit, guideline_version, round, created_at)
                VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?, ?)
                """, arguments: [id, itemID, user.id, version, label["round"] as Int, now()])
            try db.execute(sql: """
                UPDATE assignments SET done = 0 WHERE item_id = ? AND user_id = ?
                AND round = (SELECT MAX(round) FROM assignments WHERE item_id = ? AND user_id = ?)
                """, arguments: [itemID, user.id, itemID, user.id])
        }
    }

    /// One annotator's current labels, newest first. Annotators may ask only for their own.
    public func labels(project id: Int64, of annotator: String, caller: StudioUser, limit: Int = 500) async throws -> [(item: String, label: JSONValue, time: Double)] {
        let project = try project(id)
        if caller.role == .annotator && annotator != caller.name {
            throw StudioError(.forbidden, project.isBlindPilot
                ? "this is a blind pilot: nobody sees another annotator's labels"
                : "annotators see only their own labels")
        }
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.key, l.value, l.created_at FROM labels l JOIN items i ON i.id = l.item_id JOIN users u ON u.id = l.user_id
                WHERE l.project_id = ? AND u.name = ? ORDER BY l.created_at DESC, l.event_id DESC LIMIT ?
                """, arguments: [id, annotator, limit]).map { ($0["key"], (try? JSONParser.parse($0["value"] as String)) ?? .null, $0["created_at"]) }
        }
    }

    /// Progress per annotator in the current phase (annotators get only their own row).
    public func progress(project id: Int64, caller: StudioUser) async throws -> [Progress] {
        let project = try project(id)
        let round = project.phase == .pilot ? project.pilotRound : 0
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.name,
                  (SELECT COUNT(*) FROM assignments a WHERE a.project_id = ?1 AND a.user_id = u.id AND a.round = ?2) AS assigned,
                  (SELECT COUNT(*) FROM assignments a WHERE a.project_id = ?1 AND a.user_id = u.id AND a.round = ?2 AND a.done = 1) AS done,
                  (SELECT COUNT(*) FROM labels l WHERE l.project_id = ?1 AND l.user_id = u.id) AS labels
                FROM users u ORDER BY u.name
                """, arguments: [id, round]).map { Progress(annotator: $0["name"], assigned: $0["assigned"], done: $0["done"], labels: $0["labels"]) }
        }
        return rows
            .filter { ($0.assigned > 0 || $0.labels > 0) && (caller.role.seesEveryone || $0.annotator == caller.name) }
    }

    /// Items left in the project's queue (wanting an annotator), for the progress bar.
    public func remaining(project id: Int64) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(needed), 0) FROM items WHERE project_id = ? AND pool = 'data' AND needed > 0", arguments: [id]) ?? 0
        }
    }
}
