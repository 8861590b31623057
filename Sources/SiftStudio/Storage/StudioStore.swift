import GRDB
import SiftCore
import Synchronization

/// A signed-in user, as the server and the command line see them.
public struct StudioUser: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: StudioRole
}

/// Everything the studio keeps, behind the rules of who may see and change what. The HTTP API,
/// the pages and the command line all go through this type, so the rules are written once.
///
/// Label submissions and queue claims go through a `GroupCommitWriter`; administrative changes
/// are rare and write directly. Projects and sessions are cached in memory (this process is the
/// only writer of its database).
public final class StudioStore: Sendable {
    public let database: StudioDatabase
    let writer: GroupCommitWriter
    let throttle = LoginThrottle()
    private let projectCache = Mutex<[Int64: ProjectInfo]>([:])
    /// Live sessions by token, in memory only (the database stores the token's hash).
    let sessionCache = Mutex<[String: StudioSession]>([:])
    let agreementCache = Mutex<[AgreementCacheKey: StudioAgreement]>([:])

    public init(database: StudioDatabase) {
        self.database = database
        writer = GroupCommitWriter(pool: database.pool)
    }

    /// Hands the WAL checkpoints to a `WALCheckpointer` (the server's mode), so label commits
    /// no longer pay for them; stop the returned checkpointer when serving ends.
    func checkpointInBackground() throws -> WALCheckpointer {
        try database.writeSync { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        return try WALCheckpointer(path: database.path, onLongLog: { [writer] in writer.requestCatchUpCheckpoint() })
    }

    /// The project, from the cache or the database; 404 when there is none.
    public func project(_ id: Int64) throws -> ProjectInfo {
        if let cached = projectCache.withLock({ $0[id] }) { return cached }
        guard let info = try database.readSync({ try ProjectInfo.fetch($0, id: id) }) else {
            throw StudioError(.notFound, "no project \(id)")
        }
        projectCache.withLock { $0[id] = info }
        return info
    }

    /// Forgets a cached project after an administrative change.
    func invalidate(_ id: Int64) {
        _ = projectCache.withLock { $0.removeValue(forKey: id) }
    }

    public func projects() throws -> [ProjectInfo] {
        try database.readSync { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM projects ORDER BY id").compactMap { try ProjectInfo.fetch(db, id: $0) }
        }
    }

    /// The project with this name or id (the command line takes either).
    public func project(named reference: String) throws -> ProjectInfo {
        if let id = Int64(reference) { return try project(id) }
        guard let id = try database.readSync({ try Int64.fetchOne($0, sql: "SELECT id FROM projects WHERE name = ?", arguments: [reference]) }) else {
            throw StudioError(.notFound, "no project named \"\(reference)\"")
        }
        return try project(id)
    }
}

/// A project's settings and state.
public struct ProjectInfo: Sendable {
    public var id: Int64
    public var name: String
    public var spec: LabelSpec
    public var textField: String?
    public var source: String
    public var phase: ProjectPhase
    public var pilotRound: Int
    public var overlap: Double
    public var goldRate: Double
    public var seed: UInt64
    public var createdAt: Double
    /// The guideline version labels are made under now (0: no guidelines published).
    public var guidelineVersion: Int
    public var hasPilot: Bool
    public var hasGold: Bool

    public var isReview: Bool { spec == .review }
    /// A blind pilot: annotators see neither each other's labels nor agreement.
    public var isBlindPilot: Bool { phase == .pilot }

    static func fetch(_ db: Database, id: Int64) throws -> ProjectInfo? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM projects WHERE id = ?", arguments: [id]) else { return nil }
        let specText: String = row["spec"]
        let spec = try LabelSpec(json: try JSONParser.parse(specText))
        let version = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM guidelines WHERE project_id = ?", arguments: [id]) ?? 0
        let pilot = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pilot_members WHERE project_id = ?)", arguments: [id]) ?? false
        let gold = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM items WHERE project_id = ? AND pool = 'gold')", arguments: [id]) ?? false
        return ProjectInfo(
            id: id, name: row["name"], spec: spec, textField: row["text_field"], source: row["source"],
            phase: ProjectPhase(rawValue: row["phase"]) ?? .scale, pilotRound: row["pilot_round"], overlap: row["overlap"],
            goldRate: row["gold_rate"], seed: UInt64(bitPattern: row["seed"]), createdAt: row["created_at"],
            guidelineVersion: version, hasPilot: pilot, hasGold: gold)
    }

    public var json: JSONValue {
        [
            "id": .integer(Int(id)), "name": .string(name), "kind": .string(spec.kind), "labels": .array(spec.options.map(JSONValue.string)),
            "multi": .bool(spec.isMulti), "phase": .string(phase.rawValue), "pilot_round": .integer(pilotRound),
            "guideline_version": .integer(guidelineVersion), "overlap": .double(overlap), "gold": .bool(hasGold), "source": .string(source),
        ]
    }
}
