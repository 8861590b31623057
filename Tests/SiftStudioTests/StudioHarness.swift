import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SiftCore
import SiftTestSupport
@testable import SiftStudio

/// A real studio for one test: a SQLite file in a temporary directory, users with their generated
/// passwords, and the real server on 127.0.0.1 at a free port. Requests go over loopback HTTP.
final class StudioHarness: @unchecked Sendable {
    let directory: TemporaryDirectory
    let dbPath: String
    var store: StudioStore
    var passwords: [String: String] = [:]
    private var serverTask: Task<Void, any Error>?
    private(set) var port = 0
    let http: HTTPClient

    /// The people every test starts with. Hashing their passwords (scrypt, 32 MiB each) is done
    /// once per test run into a template database, which each test copies (`VACUUM INTO`).
    static let people: [(String, StudioRole)] = [("admin", .admin), ("alice", .annotator), ("bob", .annotator), ("carol", .annotator), ("rita", .reviewer)]
    private static let template: (database: StudioDatabase, passwords: [String: String]) = {
        let directory = templateDirectory
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: StudioHarness.templateDirectory) }
        let store = StudioStore(database: try! StudioDatabase(path: directory + "/template.sqlite", create: true))
        var passwords: [String: String] = [:]
        for (name, role) in people { passwords[name] = try! store.addUser(name: name, role: role) }
        return (store.database, passwords)
    }()

    static var templateDirectory: String { FileManager.default.temporaryDirectory.path + "/sift-studio-template-\(getpid())" }

    init() throws {
        directory = try TemporaryDirectory()
        dbPath = directory.path("studio.sqlite")
        let path = dbPath
        try Self.template.database.pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        store = StudioStore(database: try StudioDatabase(path: dbPath))
        passwords = Self.template.passwords
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    }

    deinit {
        serverTask?.cancel()
        try? http.syncShutdown()
    }

    /// Starts the server and waits until it listens.
    func start() async throws {
        var server = StudioServer(store: store, host: "127.0.0.1", port: 0)
        server.logLevel = .critical
        let ready = AsyncStream<Int>.makeStream()
        serverTask = Task { try await server.run(handleSignals: false) { port in ready.continuation.yield(port) } }
        for await found in ready.stream {
            port = found
            break
        }
    }

    /// Stops the server and opens the database afresh (a restart).
    func restart() async throws {
        serverTask?.cancel()
        _ = await serverTask?.result
        serverTask = nil
        store = StudioStore(database: try StudioDatabase(path: dbPath))
        try await start()
    }

    func items(_ name: String, _ records: [JSONValue]) throws -> String {
        try directory.write(name, records.map { JSONWriter().string($0) }.joined(separator: "\n") + "\n")
    }

    /// A client with its own cookie jar: a separate browser session.
    func client() -> StudioClient { StudioClient(http: http, base: "http://127.0.0.1:\(port)") }

    func signedIn(_ name: String) async throws -> StudioClient {
        let client = client()
        let response = try await client.login(name, passwords[name]!)
        precondition(response.status == 200, "sign-in of \(name) failed: \(response.status)")
        return client
    }
}

struct StudioResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var json: JSONValue? { try? JSONParser.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

final class StudioClient: @unchecked Sendable {
    let http: HTTPClient
    let base: String
    var cookie: String?
    var csrf: String?

    init(http: HTTPClient, base: String) {
        self.http = http
        self.base = base
    }

    func login(_ name: String, _ password: String) async throws -> StudioResponse {
        let response = try await send("POST", "/api/login", json: ["name": .string(name), "password": .string(password)])
        if response.status == 200 {
            let setCookie = response.headers["set-cookie"].first ?? ""
            cookie = String(setCookie.split(separator: ";").first ?? "")
            csrf = response.json?["csrf"]?.stringValue
        }
        return response
    }

    /// A request; state-changing ones carry the CSRF token unless `csrf` is false.
    func send(_ method: String, _ path: String, json: JSONValue? = nil, csrf sendToken: Bool = true, headers extra: [(String, String)] = []) async throws -> StudioResponse {
        var request = HTTPClientRequest(url: base + path)
        request.method = HTTPMethod(rawValue: method)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if method != "GET", sendToken, let csrf { request.headers.add(name: "X-CSRF-Token", value: csrf) }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONWriter().bytes(json)))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        return StudioResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
    }

    func get(_ path: String) async throws -> StudioResponse { try await send("GET", path) }

    func label(_ project: Int64, _ item: String, _ label: JSONValue, extra: JSONObject = [:]) async throws -> StudioResponse {
        var body: JSONObject = ["label": label]
        for (k, v) in extra { body[k] = v }
        return try await send("POST", "/api/projects/\(project)/items/\(item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? item)/labels", json: .object(body))
    }

    func next(_ project: Int64) async throws -> JSONValue? {
        let response = try await get("/api/projects/\(project)/next")
        if response.status == 204 { return nil }
        precondition(response.status == 200, "next: \(response.status) \(response.text)")
        return response.json
    }
}
