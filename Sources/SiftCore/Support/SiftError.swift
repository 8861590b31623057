/// Exit statuses follow BSD `sysexits.h` where one fits, so shell scripts and CI gates can tell a
/// failed quality gate (1) from bad data (65) from a missing file (66).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A gate the user asked for (`--fail-on`, `--threshold`, `--min-accept`) was not met.
    case gateFailed = 1
    case usage = 64
    /// The input data is malformed (`--strict`) or unusable for the request.
    case dataError = 65
    case noInput = 66
    /// A command Sift ran for the user (`sift curve --train-command`) failed (sysexits' EX_SOFTWARE).
    case commandFailed = 70
    case ioError = 74
    case config = 78
}

/// An error meant for the person running Sift: the message names the file, and where known the
/// line, column and field, and says what is wrong in dataset terms.
public struct SiftError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var status: ExitStatus

    public init(_ message: String, status: ExitStatus = .dataError) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
