import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import SiftCore
import SiftLabel

/// The JSON API (docs/studio.md has the contract). The pages call the same endpoints with the
/// same rules, so what a browser may do and what a script may do are one thing.
struct APIRoutes {
    let store: StudioStore

    func register(on router: Router<StudioContext>) {
        let api = router.group("api")
        api.post("login", use: login)
        api.post("logout", use: logout)
        api.get("me", use: me)
        api.get("users", use: users)
        api.post("users", use: addUser)
        api.get("projects", use: projects)
        api.post("projects", use: createProject)
        api.get("projects/:id", use: project)
        api.get("projects/:id/next", use: next)
        api.get("projects/:id/items/:item", use: item)
        api.post("projects/:id/items/:item/labels", use: submit)
        api.delete("projects/:id/items/:item/labels", use: withdraw)
        api.get("projects/:id/labels", use: labels)
        api.get("projects/:id/progress", use: progress)
        api.get("projects/:id/agreement", use: agreement)
        api.get("projects/:id/monitor", use: monitor)
        api.get("projects/:id/export", use: export)
        api.get("projects/:id/guidelines", use: guidelines)
        api.post("projects/:id/guidelines", use: publishGuidelines)
        api.post("projects/:id/phase", use: phase)
        api.post("projects/:id/repilot", use: repilot)
    }

    @Sendable func login(_ request: Request, context: StudioContext) async throws -> Response {
        let body = try await request.jsonObject(limit: 64 << 10)
        guard let name = body["name"]?.stringValue, let password = body["password"]?.stringValue else {
            throw StudioError(.badRequest, "send {\"name\": ..., \"password\": ...}")
        }
        let (token, session) = try await store.login(name: name, password: password, client: context.client)
        var response = Reply.json(["csrf": .string(session.csrf), "user": userJSON(session.user)])
        response.headers[.setCookie] = "\(SessionMiddleware.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(StudioStore.sessionLifetime))"
        return response
    }

    @Sendable func logout(_ request: Request, context: StudioContext) async throws -> Response {
        if let token = context.token { try await store.logout(token: token) }
        var response = Reply.empty(.noContent)
        response.headers[.setCookie] = "\(SessionMiddleware.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        return response
    }

    @Sendable func me(_ request: Request, context: StudioContext) async throws -> Response {
        let user = try context.user()
        return Reply.json(["user": userJSON(user), "csrf": .string(context.session!.csrf)])
    }

    @Sendable func users(_ request: Request, context: StudioContext) async throws -> Response {
        try store.requireAdmin(try context.user())
        return Reply.json(.array(try store.users().map(userJSON)))
    }

    @Sendable func addUser(_ request: Request, context: StudioContext) async throws -> Response {
        try store.requireAdmin(try context.user())
        let body = try await request.jsonObject()
        guard let name = body["name"]?.stringValue, let role = body["role"]?.stringValue.flatMap(StudioRole.init) else {
            throw StudioError(.invalid, "send {\"name\": ..., \"role\": \"admin\" | \"annotator\" | \"reviewer\"}")
        }
        let password = try await blocking { try store.addUser(name: name, role: role) }
        return Reply.json(["name": .string(name), "role": .string(role.rawValue), "password": .string(password)], status: .created)
    }

    @Sendable func projects(_ request: Request, context: StudioContext) async throws -> Response {
        _ = try context.user()
        return Reply.json(.array(try store.projects().map(\.json)))
    }

    @Sendable func project(_ request: Request, context: StudioContext) async throws -> Response {
        let user = try context.user()
        let project = try store.project(try context.projectID())
        var json = project.json.objectValue!
        if user.role.seesEveryone {
            json["items"] = .object(JSONObject((try await store.itemCounts(project: project.id)).map { ($0.key, JSONValue.integer($0.value)) },
                                               uniquingKeysWith: { a, _ in a }))
            json["pilot_annotators"] = .array(try await store.pilotMembers(project: project.id).map(JSONValue.string))
        }
        return Reply.json(.object(json))
    }

    /// Creates a project from an upload: `{"name", "labels" | "scale" | "review", "data":
    /// {"filename", "base64" | "text"}, ...}` with the options of `sift studio project create`.
    @Sendable func createProject(_ request: Request, context: StudioContext) async throws -> Response {
        try store.requireAdmin(try context.user())
        let body = try await request.jsonObject(limit: 512 << 20)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-studio-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let name = body["name"]?.stringValue else { throw StudioError(.invalid, "a project needs a \"name\"") }
        guard let data = try Self.upload(body["data"], into: directory, field: "data") else { throw StudioError(.invalid, "a project needs \"data\"") }
        let spec: LabelSpec
        if body["review"]?.boolValue == true {
            spec = .review
        } else if let scale = body["scale"]?.stringValue {
            spec = try LabelSpec.parseScale(scale)
        } else if let labels = body["labels"]?.arrayValue?.compactMap(\.stringValue) ?? body["labels"]?.stringValue.map(Self.list) {
            spec = try LabelSpec.parseLabels(labels, multi: body["multi"]?.boolValue ?? false)
        } else {
            throw StudioError(.invalid, "give \"labels\", \"scale\" or \"review\"")
        }
        var settings = ProjectSettings(name: name, data: data, spec: spec)
        settings.textField = body["text_field"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        settings.guidelines = body["guidelines"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        settings.pilot = body["pilot"]?.intValue ?? 0
        settings.pilotAnnotators = body["pilot_annotators"]?.arrayValue?.compactMap(\.stringValue) ?? body["pilot_annotators"]?.stringValue.map(Self.list) ?? []
        settings.overlap = body["overlap"]?.doubleValue ?? 0
        settings.gold = try Self.upload(body["gold"], into: directory, field: "gold")
        if let seed = body["seed"]?.intValue { settings.seed = UInt64(bitPattern: Int64(seed)) }
        let finished = settings
        let created = try await blocking { try store.createProject(finished) }
        return Reply.json(created.json, status: .created)
    }

    /// Writes an uploaded file under its own (sanitised) name, so that formats are detected and
    /// messages name it as the user knows it.
    static func upload(_ value: JSONValue?, into directory: URL, field: String) throws -> String? {
        guard let value, !value.isNull else { return nil }
        let rawName = value["filename"]?.stringValue ?? "\(field).jsonl"
        var name = String(URL(fileURLWithPath: rawName).lastPathComponent.unicodeScalars.map {
            CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) ? Character($0) : "_"
        })
        if name.isEmpty || name.hasPrefix(".") { name = "\(field).jsonl" }
        let bytes: [UInt8]
        if let base64 = value["base64"]?.stringValue {
            guard let data = Data(base64Encoded: base64) else { throw StudioError(.invalid, "\(field).base64 is not base64") }
            bytes = Array(data)
        } else if let text = value["text"]?.stringValue {
            bytes = Array(text.utf8)
        } else {
            throw StudioError(.invalid, "\(field) needs \"base64\" or \"text\"")
        }
        let path = directory.appendingPathComponent(name).path
        try writeFileAtomically(path, bytes)
        return path
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Sendable func next(_ request: Request, context: StudioContext) async throws -> Response {
        let user = try context.user()
        guard let item = try await store.next(project: try context.projectID(), user: user) else { return Reply.empty(.noContent) }
        return Reply.json(item.json)
    }

    @Sendable func item(_ request: Request, context: StudioContext) async throws -> Response {
        Reply.json(try await store.item(project: try context.projectID(), key: try context.parameter("item"), user: try context.user()).json)
    }

    @Sendable func submit(_ request: Request, context: StudioContext) async throws -> Response {
        let user = try context.user()
        let body = try await request.jsonObject(limit: 256 << 10)
        let note = body["note"]
        if let note, !note.isNull, note.stringValue == nil { throw StudioError(.invalid, "\"note\" must be a string") }
        let submission = Submission(label: body["label"], note: note?.stringValue, edit: body["edit"].flatMap { $0.isNull ? nil : $0 })
        let receipt = try await store.submit(project: try context.projectID(), key: try context.parameter("item"), user: user, submission)
        return Reply.json(receipt.json, status: .created)
    }

    @Sendable func withdraw(_ request: Request, context: StudioContext) async throws -> Response {
        try await store.withdraw(project: try context.projectID(), key: try context.parameter("item"), user: try context.user())
        return Reply.empty(.noContent)
    }

    @Sendable func labels(_ request: Request, context: StudioContext) async throws -> Response {
        let user = try context.user()
        let annotator = request.query("annotator") ?? user.name
        let rows = try await store.labels(project: try context.projectID(), of: annotator, caller: user)
        return Reply.json(["annotator": .string(annotator), "labels": .array(rows.map {
            ["item": .string($0.item), "label": $0.label, "time": .string(isoTime($0.time))]
        })])
    }

    @Sendable func progress(_ request: Request, context: StudioContext) async throws -> Response {
        let id = try context.projectID()
        let rows = try await store.progress(project: id, caller: try context.user())
        return Reply.json(["annotators": .array(rows.map(\.json)), "remaining": .integer(try await store.remaining(project: id))])
    }

    @Sendable func agreement(_ request: Request, context: StudioContext) async throws -> Response {
        let window = try Self.window(request)
        do {
            return Reply.json(try await store.agreement(project: try context.projectID(), user: try context.user(), window: window).json)
        } catch let error as SiftError {
            // `sift agree` refuses (no labels yet, one annotator): say so as it would.
            throw StudioError(.conflict, error.message)
        }
    }

    @Sendable func monitor(_ request: Request, context: StudioContext) async throws -> Response {
        let window = try Self.window(request, default: .day)
        do {
            return Reply.json(try await store.monitor(project: try context.projectID(), user: try context.user(), window: window).json)
        } catch let error as SiftError {
            throw StudioError(.conflict, error.message)
        }
    }

    static func window(_ request: Request, default fallback: TimeWindow = .week) throws -> TimeWindow {
        guard let raw = request.query("window") else { return fallback }
        guard let window = TimeWindow(rawValue: raw) else { throw StudioError(.badRequest, "window is day, week or month") }
        return window
    }

    @Sendable func export(_ request: Request, context: StudioContext) async throws -> Response {
        try store.checkExport(try context.user())
        let raw = request.query("format") ?? "long"
        guard let format = ExportFormat(rawValue: raw) else { throw StudioError(.badRequest, "format is long, labelstudio or review") }
        let csv = request.query("as") == "csv"
        let bytes = try await store.export(project: try context.projectID(), format: format, csv: csv)
        return Reply.bytes(bytes, contentType: csv ? "text/csv; charset=utf-8" : (format == .labelstudio ? "application/json" : "application/x-ndjson"))
    }

    @Sendable func guidelines(_ request: Request, context: StudioContext) async throws -> Response {
        _ = try context.user()
        return Reply.json(.array(try await store.guidelines(project: try context.projectID()).map(\.json)))
    }

    @Sendable func publishGuidelines(_ request: Request, context: StudioContext) async throws -> Response {
        let body = try await request.jsonObject(limit: 2 << 20)
        guard let markdown = body["markdown"]?.stringValue else { throw StudioError(.invalid, "send {\"markdown\": ...}") }
        let version = try await store.publishGuidelines(project: try context.projectID(), markdown: markdown, by: try context.user())
        return Reply.json(["version": .integer(version)], status: .created)
    }

    @Sendable func phase(_ request: Request, context: StudioContext) async throws -> Response {
        let body = try await request.jsonObject()
        guard body["phase"]?.stringValue == "scale" else { throw StudioError(.invalid, "send {\"phase\": \"scale\"} (use repilot to pilot again)") }
        try await store.startScale(project: try context.projectID(), by: try context.user())
        return Reply.json(try store.project(try context.projectID()).json)
    }

    @Sendable func repilot(_ request: Request, context: StudioContext) async throws -> Response {
        let round = try await store.repilot(project: try context.projectID(), by: try context.user())
        return Reply.json(["round": .integer(round)])
    }

    func userJSON(_ user: StudioUser) -> JSONValue { ["name": .string(user.name), "role": .string(user.role.rawValue)] }
}

/// Runs blocking work (reading a dataset, hashing a password) on a dispatch queue instead of one
/// of Swift's few cooperative threads.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
