import Foundation

/// When to try a request again and how long to wait first.
///
/// Retried: HTTP 408, 429 and every 5xx, timeouts, dropped connections, and 200 responses whose
/// body is cut short or not a chat completion (proxies and overloaded servers produce all of
/// these). Not retried: other 4xx, which say the request itself is wrong.
///
/// The wait is exponential backoff with "equal jitter" (Brooker, "Exponential Backoff and Jitter",
/// AWS Architecture Blog 2015): half of `min(maxDelay, baseDelay · 2^attempt)` plus a uniformly
/// random share of the other half, so that parallel workers that failed together do not return
/// together, yet none retries immediately. When the server says how long to wait (`retry-after-ms`,
/// as OpenAI sends, or `Retry-After` in seconds or as an HTTP date, RFC 9110 §10.2.3) that wait is
/// used instead, capped at `maxRetryAfter`, plus up to 10 % jitter.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var baseDelay: Double
    public var maxDelay: Double
    public var maxRetryAfter: Double

    public init(maxRetries: Int = 6, baseDelay: Double = 0.5, maxDelay: Double = 30, maxRetryAfter: Double = 120) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// Seconds to wait before retry number `attempt + 1` (attempt 0 is the first retry).
    public func delay(attempt: Int, retryAfter: Double?, using generator: inout some RandomNumberGenerator) -> Double {
        if let retryAfter {
            let wait = min(max(0, retryAfter), maxRetryAfter)
            return wait + Double.random(in: 0...0.1, using: &generator) * wait
        }
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(min(attempt, 30))))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2), using: &generator)
    }
}

/// Reads how long the server asked us to wait, in seconds.
public enum RetryAfter {
    /// `headers` as (name, value) pairs; names compare case-insensitively. `retry-after-ms` wins
    /// over `retry-after`; fractional seconds are accepted although RFC 9110 writes integers.
    public static func seconds(in headers: [(String, String)], now: Date = Date()) -> Double? {
        func value(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name }?.1.trimmingCharacters(in: .whitespaces)
        }
        if let ms = value("retry-after-ms").flatMap(Double.init), ms.isFinite, ms >= 0 { return ms / 1000 }
        guard let raw = value("retry-after") else { return nil }
        if let seconds = Double(raw), seconds.isFinite, seconds >= 0 { return seconds }
        if let date = httpDate(raw) { return max(0, date.timeIntervalSince(now)) }
        return nil
    }

    /// IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
