#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-driven progress bar on standard error, shown only on an interactive terminal and only for
/// work large enough to wait for (more than a few megabytes), redrawn at most ten times a second.
public final class ProgressBar {
    private let label: String
    private let total: Int?
    private let enabled: Bool
    private var lastDraw: Double = 0
    private let start: Double
    private var drawn = false

    public static let threshold = 8 << 20

    public init(label: String, total: Int?, force: Bool = false) {
        self.label = label
        self.total = total
        enabled = force || (Terminal.isInteractive(2) && (total ?? Int.max) >= ProgressBar.threshold)
        start = Self.now()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public func update(_ done: Int) {
        guard enabled else { return }
        let now = Self.now()
        guard now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now - start, 1e-6)
        let rate = Format.bytes(Int(Double(done) / elapsed)) + "/s"
        var line: String
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += Format.fixed(fraction * 100, digits: 0) + "%  \(Format.bytes(done)) / \(Format.bytes(total))  \(rate)"
        } else {
            line = "\(label) \(Format.bytes(done))  \(rate)"
        }
        writeToStandardError("\r\u{1B}[2K" + line)
        drawn = true
    }

    /// Clears the bar so the summary that follows starts on a clean line.
    public func finish() {
        if drawn { writeToStandardError("\r\u{1B}[2K") }
        drawn = false
    }
}
