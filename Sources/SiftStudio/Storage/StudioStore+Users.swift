import Dispatch
import Foundation
import GRDB
import SiftCore

/// A signed-in browser or API client: the user, and the token every state-changing request must
/// echo in `X-CSRF-Token` (a page of another site cannot read it, so cannot forge the request).
public struct StudioSession: Sendable {
    public var user: StudioUser
    public var csrf: String
    public var expires: Double
}

extension StudioStore {
    /// Sessions last a working week; signing in again starts a new one.
    static let sessionLifetime = 7 * 86_400.0
    /// Hashing runs here, one at a time: scrypt takes 32 MiB and tens of milliseconds, and must
    /// not hold the server's event loops or Swift's cooperative threads.
    private static let kdfQueue = DispatchQueue(label: "sift.studio.kdf")

    /// Adds a user with a generated password, returned once (only its hash is stored).
    public func addUser(name: String, role: StudioRole) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw ParameterError("name", "{name} must be 1 to 100 printable characters")
        }
        let password = SecureRandom.password()
        let hash = try PasswordHasher.hash(password)
        try database.writeSync { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?)", arguments: [trimmed]) == true {
                throw SiftError("a user named \"\(trimmed)\" already exists", status: .usage)
            }
            try db.execute(sql: "INSERT INTO users (name, role, password, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [trimmed, role.rawValue, hash, now()])
        }
        return password
    }

    public func users() throws -> [StudioUser] {
        try database.readSync { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role FROM users ORDER BY id").map(Self.user)
        }
    }

    public func user(named name: String) throws -> StudioUser? {
        try database.readSync { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role FROM users WHERE name = ?", arguments: [name]).map(Self.user)
        }
    }

    static func user(_ row: Row) -> StudioUser {
        StudioUser(id: row["id"], name: row["name"], role: StudioRole(rawValue: row["role"]) ?? .annotator)
    }

    /// Checks a password and opens a session. Wrong name and wrong password are the same 401
    /// after the same work (an unknown name is checked against a decoy hash); repeated failures
    /// for a name or from an address are refused with 429 before any hashing.
    public func login(name: String, password: String, client: String) async throws -> (token: String, session: StudioSession) {
        let keys = ["name:" + name, "client:" + client]
        if let wait = throttle.retryAfter(keys) {
            let seconds = Int(wait.rounded(.up))
            throw StudioError(.tooManyRequests, "too many failed sign-ins; try again in \(seconds) s", retryAfter: seconds)
        }
        let row = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role, password FROM users WHERE name = ?", arguments: [name]).map {
                (user: Self.user($0), password: $0["password"] as String?)
            }
        }
        let stored = row?.password
        let valid = await withCheckedContinuation { continuation in
            Self.kdfQueue.async {
                let matches = PasswordHasher.verify(password, encoded: stored ?? PasswordHasher.decoy)
                continuation.resume(returning: matches && stored != nil)
            }
        }
        guard valid, let row else {
            throttle.failed(keys)
            throw StudioError(.unauthenticated, "wrong name or password")
        }
        throttle.succeeded(keys[0])
        let user = row.user
        let token = SecureRandom.token()
        let session = StudioSession(user: user, csrf: SecureRandom.token(), expires: now() + Self.sessionLifetime)
        let tokenHash = token.sha256Hex
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [now()])
            try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [tokenHash, user.id, session.csrf, now(), session.expires])
        }
        sessionCache.withLock { $0[token] = session }
        return (token, session)
    }

    /// The session a cookie names, if it is live. Sessions are stored by the hash of their
    /// token and survive a restart of the server.
    public func session(token: String) async throws -> StudioSession? {
        if let cached = sessionCache.withLock({ $0[token] }) {
            return cached.expires > now() ? cached : nil
        }
        let tokenHash = token.sha256Hex
        let found = try await database.read { db -> StudioSession? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT u.id, u.name, u.role, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = ?
                """, arguments: [tokenHash]) else { return nil }
            return StudioSession(user: Self.user(row), csrf: row["csrf"], expires: row["expires_at"])
        }
        guard let found, found.expires > now() else { return nil }
        sessionCache.withLock { $0[token] = found }
        return found
    }

    public func logout(token: String) async throws {
        let tokenHash = token.sha256Hex
        _ = sessionCache.withLock { $0.removeValue(forKey: token) }
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }
}
