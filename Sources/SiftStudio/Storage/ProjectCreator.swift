import Foundation
import GRDB
import SiftCore
import SiftSynth

/// How to make a project (`sift studio project create`, or the admin page).
public struct ProjectSettings: Sendable {
    public var name: String
    /// The items: any input Sift reads (JSON Lines, JSON, CSV/TSV, gzip); for a review project,
    /// a `sift synth review` file.
    public var data: String
    public var textField: String?
    public var spec: LabelSpec
    /// Guideline Markdown, published as version 1.
    public var guidelines: String?
    /// Items in the blind pilot, labelled by every pilot annotator.
    public var pilot = 0
    public var pilotAnnotators: [String] = []
    /// Share of the other items given to two annotators instead of one.
    public var overlap = 0.0
    /// Items with known answers, mixed unannounced into every annotator's queue.
    public var gold: String?
    /// Share of an annotator's items that are gold, until they have seen every gold item.
    public var goldRate = 0.1
    public var seed: UInt64 = 1

    public init(name: String, data: String, spec: LabelSpec) {
        self.name = name
        self.data = data
        self.spec = spec
    }
}

/// An input record that did not become an item, with where it was and why.
public struct ImportReject: Sendable {
    public var file: String
    public var line: Int
    public var reason: String
    public var raw: String

    public var description: String { "\(file):\(line): \(reason)" }
    public var json: JSONValue { ["file": .string(file), "line": .integer(line), "reason": .string(reason)] }
}

/// What creating a project did. Counts add up: every record read from the data is an item or a
/// reject (malformed lines are rejects too), and the same for the gold file.
public struct ProjectCreation: Sendable {
    public var id: Int64
    public var name: String
    public var records: Int
    public var items: Int
    public var pilotItems: Int
    public var overlapItems: Int
    public var goldRecords: Int
    public var goldItems: Int
    public var rejects: [ImportReject]

    public var json: JSONValue {
        [
            "id": .integer(Int(id)), "name": .string(name), "records": .integer(records), "items": .integer(items),
            "pilot_items": .integer(pilotItems), "overlap_items": .integer(overlapItems),
            "gold_records": .integer(goldRecords), "gold_items": .integer(goldItems),
            "rejected": .integer(rejects.count), "rejects": .array(rejects.prefix(1000).map(\.json)),
        ]
    }
}

/// One record read into an item.
struct ImportedItem {
    var key: String
    var content: ItemContent
    var fields: String
    var gold: JSONValue?
}

extension StudioStore {
    /// Reads the data (and gold) files, then creates the project, its items, the pilot's
    /// assignments and guideline version 1 in one transaction: a project exists whole or not at
    /// all. Malformed lines and unusable records are kept as rejects with their reason; the good
    /// items are imported.
    public func createProject(_ settings: ProjectSettings) throws -> ProjectCreation {
        let name = settings.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw ParameterError("name", "{name} must be 1 to 200 characters") }
        guard (0...1).contains(settings.overlap) else { throw ParameterError("overlap", "{overlap} must be between 0 and 1") }
        guard (0...1).contains(settings.goldRate) else { throw SiftError("the gold rate must be between 0 and 1", status: .usage) }
        guard settings.pilot >= 0 else { throw ParameterError("pilot", "{pilot} must be 0 or more") }
        if settings.spec == .review && settings.pilot > 0 { throw ParameterError("pilot", "a review project has no pilot ({pilot})") }
        if settings.spec == .review && settings.gold != nil { throw ParameterError("gold", "a review project has no gold items ({gold})") }
        if settings.pilot > 0 && Set(settings.pilotAnnotators).count < 2 {
            throw ParameterError("pilot_annotators", "{pilot} needs at least two {pilot_annotators} (three or more is the usual pilot)")
        }
        if settings.pilot == 0 && !settings.pilotAnnotators.isEmpty {
            throw ParameterError("pilot_annotators", "{pilot_annotators} needs {pilot} (the number of pilot items)")
        }
        var pilotUsers: [StudioUser] = []
        for member in settings.pilotAnnotators where !pilotUsers.contains(where: { $0.name == member }) {
            guard let user = try user(named: member) else {
                throw ParameterError("pilot_annotators", "{pilot_annotators}: no user named \"\(member)\" (add it with `sift studio user add`)")
            }
            pilotUsers.append(user)
        }

        var rejects: [ImportReject] = []
        let (items, records) = try Self.readItems(settings.data, review: settings.spec == .review, textField: settings.textField,
                                                  gold: nil, rejects: &rejects)
        var goldItems: [ImportedItem] = []
        var goldRecords = 0
        if let gold = settings.gold {
            (goldItems, goldRecords) = try Self.readItems(gold, review: false, textField: settings.textField, gold: settings.spec, rejects: &rejects)
            let keys = Set(items.map(\.key))
            goldItems.removeAll { item in
                guard keys.contains(item.key) else { return false }
                rejects.append(ImportReject(file: gold, line: 0, reason: "gold item \"\(item.key)\" has the id of a data item; gold items must be separate items", raw: item.fields))
                return true
            }
        }
        guard !items.isEmpty else {
            let first = rejects.first.map { " (first problem: \($0.description))" } ?? ""
            throw SiftError("\(settings.data): no usable items\(first)", status: .dataError)
        }

        var random = SplitMix64(seed: settings.seed, 1)
        let pilotIndices = Set(settings.pilot > 0 ? Array(items.indices).sample(settings.pilot, using: &random) : [])
        let scaleIndices = items.indices.filter { !pilotIndices.contains($0) }
        let overlapIndices = Set(scaleIndices.sample(Int((settings.overlap * Double(scaleIndices.count)).rounded()), using: &random))
        let seed = settings.seed
        let spec = settings.spec

        let id = try database.writeSync { db -> Int64 in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM projects WHERE name = ?)", arguments: [name]) == true {
                throw SiftError("a project named \"\(name)\" already exists", status: .usage)
            }
            let created = now()
            try db.execute(sql: """
                INSERT INTO projects (name, spec, text_field, source, phase, pilot_round, overlap, gold_rate, seed, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, JSONWriter().string(spec.json), settings.textField, URL(fileURLWithPath: settings.data).lastPathComponent,
                                 pilotIndices.isEmpty ? "scale" : "pilot", pilotIndices.isEmpty ? 0 : 1, settings.overlap, settings.goldRate,
                                 Int64(bitPattern: seed), created])
            let project = db.lastInsertedRowID
            if let guidelines = settings.guidelines {
                try db.execute(sql: "INSERT INTO guidelines (project_id, version, markdown, created_at, created_by) VALUES (?, 1, ?, ?, NULL)",
                               arguments: [project, guidelines, created])
            }
            let insert = try db.makeStatement(sql: """
                INSERT INTO items (project_id, key, position, pool, text, turns, fields, gold_label, target, needed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var pilotRows: [Int64] = []
            for (index, item) in items.enumerated() {
                let pool = pilotIndices.contains(index) ? "pilot" : "data"
                let target = pool == "pilot" ? 0 : (overlapIndices.contains(index) ? 2 : 1)
                try insert.execute(arguments: [project, item.key, index, pool, item.content.text, item.content.turnsJSON, item.fields, nil, target, target])
                if pool == "pilot" { pilotRows.append(db.lastInsertedRowID) }
            }
            for (index, item) in goldItems.enumerated() {
                try insert.execute(arguments: [project, item.key, items.count + index, "gold", item.content.text, item.content.turnsJSON, item.fields,
                                               item.gold.map { JSONWriter().string($0) }, 0, 0])
            }
            for user in pilotUsers {
                try db.execute(sql: "INSERT INTO pilot_members (project_id, user_id) VALUES (?, ?)", arguments: [project, user.id])
            }
            try Self.assignPilot(db, project: project, round: 1, items: pilotRows, users: pilotUsers.map(\.id), seed: seed)
            let reject = try db.makeStatement(sql: "INSERT INTO import_rejects (project_id, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)")
            for r in rejects { try reject.execute(arguments: [project, r.file, r.line, r.reason, String(r.raw.prefix(100_000))]) }
            return project
        }
        return ProjectCreation(id: id, name: name, records: records, items: items.count, pilotItems: pilotIndices.count,
                               overlapItems: overlapIndices.count, goldRecords: goldRecords, goldItems: goldItems.count, rejects: rejects)
    }

    /// Gives every pilot item to every pilot annotator, each in their own seeded shuffled order, so
    /// that nobody's labels depend on the order others saw.
    static func assignPilot(_ db: Database, project: Int64, round: Int, items: [Int64], users: [Int64], seed: UInt64) throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO assignments (project_id, user_id, round, item_id, position, done, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)
            """)
        let created = now()
        for user in users {
            var random = SplitMix64(seed: seed, 2, Int(user), round)
            for (position, item) in items.sample(items.count, using: &random).enumerated() {
                try insert.execute(arguments: [project, user, round, item, position, created])
            }
        }
    }

    /// Reads one input file into items. `gold` is the project's spec when this is the gold file
    /// (each record then needs a gold label that fits it).
    static func readItems(_ path: String, review: Bool, textField: String?, gold: LabelSpec?,
                          rejects: inout [ImportReject]) throws -> (items: [ImportedItem], records: Int) {
        let stream = try DatasetStream(paths: [path], options: ReadOptions())
        var items: [ImportedItem] = []
        var seen: [String: Int] = [:]
        var records = 0
        try stream.forEach { event in
            switch event {
            case .malformed(let bad):
                records += 1
                rejects.append(ImportReject(file: bad.file, line: bad.line, reason: "malformed: \(bad.column.map { "column \($0): " } ?? "")\(bad.error)", raw: bad.raw))
            case .record(let record):
                records += 1
                func reject(_ reason: String) {
                    rejects.append(ImportReject(file: record.location.file, line: record.location.line, reason: reason,
                                                raw: String(decoding: record.jsonLine, as: UTF8.self)))
                }
                let key: String
                if review {
                    guard let id = record.fields["review_id"]?.scalarText, !id.isEmpty else { return reject("no review_id (not a `sift synth review` row)") }
                    key = id
                } else {
                    key = RecordSchema.firstScalar(itemFields, in: record.fields) ?? record.id
                        ?? (gold != nil ? "gold:line:\(record.location.line)" : "line:\(record.location.line)")
                }
                if let first = seen[key] { return reject("duplicate id \"\(key)\" (first at line \(first))") }
                let content: ItemContent
                switch review ? ItemContent.ofReviewRow(record) : ItemContent.of(record, textField: textField) {
                case .success(let found): content = found
                case .failure(let problem): return reject(problem.reason)
                }
                var goldLabel: JSONValue?
                if let gold {
                    guard let (field, value) = RecordSchema.firstPresent(goldFields, in: record.fields), !value.isNull else {
                        return reject("no gold label (one of \(goldFields.joined(separator: ", ")))")
                    }
                    do { goldLabel = try gold.validate(value) } catch let error as StudioError { return reject("gold label in \"\(field)\": \(error.message)") } catch { return reject("\(error)") }
                }
                seen[key] = record.location.line
                items.append(ImportedItem(key: key, content: content, fields: String(decoding: record.jsonLine, as: UTF8.self), gold: goldLabel))
            }
        }
        return (items, records)
    }

    /// Where an item's id is found: the names `sift agree --items` looks for (so an items file
    /// matches its labels), then the record id fields every Sift command knows.
    static let itemFields = ["id", "item", "item_id", "task_id", "example_id", "doc_id", "uid", "_id"]

    static let goldFields = ["gold_label", "gold", "expected", "label", "labels", "answer", "category", "class", "rating"]
}
