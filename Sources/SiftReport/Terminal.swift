#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal on the other end can show. Colour follows the `NO_COLOR` convention and is
/// off when output is not a terminal, so piped and CI output stays plain text.
public struct Terminal: Sendable {
    public var useColor: Bool
    public var width: Int

    public static let standardOutput = Terminal(fd: 1)
    public static let standardError = Terminal(fd: 2)

    public init(useColor: Bool, width: Int = 100) {
        self.useColor = useColor
        self.width = width
    }

    init(fd: Int32) {
        let tty = isatty(fd) == 1
        let noColor = getenv("NO_COLOR") != nil || (getenv("TERM").map { String(cString: $0) } == "dumb")
        useColor = tty && !noColor
        var size = winsize()
        if tty, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            width = Int(size.ws_col)
        } else {
            width = 100
        }
    }

    public static func isInteractive(_ fd: Int32) -> Bool { isatty(fd) == 1 && getenv("CI") == nil }

    public enum Color: String, Sendable {
        case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", gray = "90"
    }

    public func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    public func dim(_ text: String) -> String { useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    public func color(_ text: String, _ color: Color) -> String { useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text }
}

/// Writes to standard error without buffering surprises: progress and diagnostics go there so that
/// standard output stays clean for piping.
public func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    writeToStandardError(line)
}

/// Unbuffered write to file descriptor 2 (C's `stderr` is global mutable state Swift 6 rejects).
public func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}
