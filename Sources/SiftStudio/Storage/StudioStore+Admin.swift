import GRDB
import SiftCore

/// One published version of a project's guidelines.
public struct GuidelineVersion: Sendable {
    public var version: Int
    public var markdown: String
    public var createdAt: Double
    public var createdBy: String?

    public var json: JSONValue {
        ["version": .integer(version), "markdown": .string(markdown), "created_at": .string(isoTime(createdAt)),
         "created_by": createdBy.map(JSONValue.string) ?? .null]
    }
}

extension StudioStore {
    func requireAdmin(_ user: StudioUser) throws(StudioError) {
        guard user.role == .admin else { throw StudioError(.forbidden, "only admins may do this") }
    }

    public func guidelines(project id: Int64) async throws -> [GuidelineVersion] {
        _ = try project(id)
        return try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT version, markdown, created_at, created_by FROM guidelines WHERE project_id = ? ORDER BY version", arguments: [id])
                .map { GuidelineVersion(version: $0["version"], markdown: $0["markdown"], createdAt: $0["created_at"], createdBy: $0["created_by"]) }
        }
    }

    /// Publishes a new guideline version; labels made from now on record it.
    public func publishGuidelines(project id: Int64, markdown: String, by user: StudioUser) async throws -> Int {
        try requireAdmin(user)
        _ = try project(id)
        guard !markdown.allSatisfy(\.isWhitespace) else { throw StudioError(.invalid, "the guidelines are empty") }
        guard markdown.utf8.count <= 1 << 20 else { throw StudioError(.invalid, "guidelines are limited to 1 MiB") }
        let version = try await writer.write { db -> Int in
            let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM guidelines WHERE project_id = ?", arguments: [id]) ?? 0) + 1
            try db.execute(sql: "INSERT INTO guidelines (project_id, version, markdown, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, version, markdown, now(), user.name])
            return version
        }
        invalidate(id)
        return version
    }

    /// Ends the pilot: the project scales up (one annotator per item, overlap, gold).
    public func startScale(project id: Int64, by user: StudioUser) async throws {
        try requireAdmin(user)
        let project = try project(id)
        guard project.phase == .pilot else { throw StudioError(.conflict, "the project is not in a pilot") }
        try await writer.write { db in
            try db.execute(sql: "UPDATE projects SET phase = 'scale' WHERE id = ?", arguments: [id])
        }
        invalidate(id)
    }

    /// Pilots again (after refining the guidelines): the same pilot items go to the same pilot
    /// annotators in a new round, each in a new shuffled order. Their new labels replace the old
    /// ones, which stay in the history under the older guideline version, so agreement before and
    /// after the refinement can be compared.
    public func repilot(project id: Int64, by user: StudioUser) async throws -> Int {
        try requireAdmin(user)
        let project = try project(id)
        guard project.hasPilot else { throw StudioError(.conflict, "the project was created without a pilot") }
        let round = project.pilotRound + 1
        try await writer.write { db in
            let items = try Int64.fetchAll(db, sql: "SELECT id FROM items WHERE project_id = ? AND pool = 'pilot' ORDER BY position", arguments: [id])
            let users = try Int64.fetchAll(db, sql: "SELECT user_id FROM pilot_members WHERE project_id = ? ORDER BY user_id", arguments: [id])
            try Self.assignPilot(db, project: id, round: round, items: items, users: users, seed: project.seed)
            try db.execute(sql: "UPDATE projects SET phase = 'pilot', pilot_round = ? WHERE id = ?", arguments: [round, id])
        }
        invalidate(id)
        return round
    }

    public func pilotMembers(project id: Int64) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT u.name FROM pilot_members p JOIN users u ON u.id = p.user_id WHERE p.project_id = ? ORDER BY u.name", arguments: [id])
        }
    }

    public func importRejects(project id: Int64, limit: Int = 200) async throws -> (count: Int, first: [ImportReject]) {
        try await database.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_rejects WHERE project_id = ?", arguments: [id]) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT file, line, reason, raw FROM import_rejects WHERE project_id = ? ORDER BY rowid LIMIT ?", arguments: [id, limit])
            return (count, rows.map { ImportReject(file: $0["file"], line: $0["line"], reason: $0["reason"], raw: $0["raw"]) })
        }
    }

    /// Item counts by pool, for the admin page.
    public func itemCounts(project id: Int64) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT pool, COUNT(*) AS n FROM items WHERE project_id = ? GROUP BY pool", arguments: [id]) {
                counts[row["pool"]] = row["n"]
            }
            return counts
        }
    }
}

/// `2026-11-24T10:00:00Z` from seconds since 1970 (UTC, whole seconds).
func isoTime(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded(.down))
    let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
    let rest = whole - days * 86_400
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(TimestampParser.isoDate(days: days))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
}
