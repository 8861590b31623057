import Foundation
import Synchronization

/// Slows down password guessing: after `freeFailures` wrong passwords for one account name, or
/// from one client address, further attempts are refused (HTTP 429) for a delay that doubles with
/// each failure (30 s, 60 s, ... up to 15 minutes). A success clears the account's count. The
/// check happens before the password is hashed, so a locked-out guesser learns nothing.
final class LoginThrottle: Sendable {
    static let freeFailures = 5
    static let baseDelay = 30.0
    static let maximumDelay = 900.0
    /// Failures older than this are forgotten.
    static let memory = 3600.0

    private struct Entry {
        var failures: Int
        var last: Double
        var lockedUntil: Double
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Seconds to wait before `keys` may try again, or nil when they may try now.
    func retryAfter(_ keys: [String], at time: Double = now()) -> Double? {
        entries.withLock { entries in
            let waits = keys.compactMap { key -> Double? in
                guard let entry = entries[key], entry.lockedUntil > time else { return nil }
                return entry.lockedUntil - time
            }
            return waits.max()
        }
    }

    func failed(_ keys: [String], at time: Double = now()) {
        entries.withLock { entries in
            if entries.count > 100_000 { entries = entries.filter { time - $0.value.last < Self.memory } }
            for key in keys {
                var entry = entries[key] ?? Entry(failures: 0, last: time, lockedUntil: 0)
                if time - entry.last > Self.memory { entry.failures = 0 }
                entry.failures += 1
                entry.last = time
                if entry.failures >= Self.freeFailures {
                    let delay = min(Self.maximumDelay, Self.baseDelay * pow(2, Double(entry.failures - Self.freeFailures)))
                    entry.lockedUntil = time + delay
                }
                entries[key] = entry
            }
        }
    }

    func succeeded(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
