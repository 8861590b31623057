import Foundation
import SiftCore

/// How an executor starts one task: the `sift` binary itself, with the hidden `run-task`
/// subcommand, in the directory the run started from (recipe paths are relative to it).
public struct TaskCommand: Sendable {
    public var binary: String
    public var workdir: ScaleWorkdir
    public var directory: String

    public init(binary: String, workdir: ScaleWorkdir, directory: String = FileManager.default.currentDirectoryPath) {
        self.binary = binary
        self.workdir = workdir
        self.directory = directory
    }

    public func arguments(stage: String, task: String) -> [String] {
        ["run-task", "--workdir", workdir.path, "--stage", stage, "--task", task]
    }

    /// The path of the running executable (`/proc/self/exe` on Linux), so tasks run the same build.
    public static var currentBinary: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return CommandLine.arguments[0]
    }
}

/// A task that ended without its completion marker.
public struct TaskFailure: Sendable, CustomStringConvertible {
    public var stage: String
    public var task: Int
    /// Exit status, or a scheduler state (`FAILED`, `OUT_OF_MEMORY`, `NODE_FAIL`...).
    public var status: String
    public var log: String

    public var description: String {
        let tail = TaskFailure.tail(of: log, lines: 12)
        return "stage \(stage) task \(task) failed (\(status)); log \(log)" + (tail.isEmpty ? "" : ":\n" + tail)
    }

    /// The last `lines` lines of a log, indented.
    static func tail(of path: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let text = String(decoding: data.suffix(16_384), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
            .filter { !$0.isEmpty }.map { "    | " + $0 }.joined(separator: "\n")
    }
}

/// Runs the pending tasks of one stage and returns those that failed.
public protocol StageExecutor {
    /// Runs every stage of `plan` that has pending tasks, in order; stops at the first stage with a failure.
    func run(plan: ScalePlan, command: TaskCommand, progress: @escaping (String) -> Void) throws -> [TaskFailure]
}
