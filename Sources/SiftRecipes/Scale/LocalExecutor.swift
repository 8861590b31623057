import Foundation
import SiftCore

/// `--executor local`: every task is a separate `sift run-task` process on this machine, at most
/// `parallel` at once, each with its output and errors appended to its log. A stage starts when
/// every task of the one before it has its marker.
public struct LocalExecutor: StageExecutor {
    public let parallel: Int

    public init(parallel: Int) {
        self.parallel = max(1, parallel)
    }

    public func run(plan: ScalePlan, command: TaskCommand, progress: @escaping (String) -> Void) throws -> [TaskFailure] {
        let workdir = command.workdir
        var environment = ProcessInfo.processInfo.environment
        // Share the cores among the tasks running at once, unless the user chose (results do not
        // depend on the thread count).
        if environment["SIFT_THREADS"] == nil {
            environment["SIFT_THREADS"] = String(max(1, ProcessInfo.processInfo.activeProcessorCount / parallel))
        }
        for stage in plan.stages {
            let pending = workdir.pending(stage)
            guard !pending.isEmpty else {
                progress("\(stage.name): \(stage.tasks)/\(stage.tasks) tasks done before (resumed)")
                continue
            }
            let started = Date()
            let failures = try runTasks(stage: stage, pending: pending, command: command, environment: environment)
            let done = stage.tasks - workdir.pending(stage).count
            progress("\(stage.name): \(done)/\(stage.tasks) tasks done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
                     + (pending.count < stage.tasks ? " (\(pending.count) run, \(stage.tasks - pending.count) resumed)" : ""))
            if !failures.isEmpty { return failures }
        }
        return []
    }

    private func runTasks(stage: ScalePlan.Stage, pending: [Int], command: TaskCommand, environment: [String: String]) throws -> [TaskFailure] {
        let workdir = command.workdir
        let finished = DispatchSemaphore(value: 0)
        let lock = NSLock()
        nonisolated(unsafe) var statuses: [Int: Int32] = [:]
        var running = 0
        var queue = pending[...]
        while !queue.isEmpty || running > 0 {
            while running < parallel, let task = queue.popFirst() {
                let logPath = workdir.log(stage.name, task)
                if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
                guard let log = FileHandle(forWritingAtPath: logPath) else { throw SiftError("\(logPath): cannot open the task log", status: .ioError) }
                log.seekToEndOfFile()
                log.write(Data("== sift run-task --stage \(stage.name) --task \(task) (pid \(ProcessInfo.processInfo.processIdentifier) started it)\n".utf8))
                let process = Process()
                process.executableURL = URL(fileURLWithPath: command.binary)
                process.arguments = command.arguments(stage: stage.name, task: String(task))
                process.currentDirectoryURL = URL(fileURLWithPath: command.directory)
                process.environment = environment
                process.standardOutput = log
                process.standardError = log
                process.standardInput = FileHandle.nullDevice
                process.terminationHandler = { finishedProcess in
                    lock.lock()
                    statuses[task] = finishedProcess.terminationReason == .uncaughtSignal ? -finishedProcess.terminationStatus : finishedProcess.terminationStatus
                    lock.unlock()
                    try? log.close()
                    finished.signal()
                }
                do { try process.run() } catch {
                    throw SiftError("\(command.binary): cannot start a task (\(error))", status: .ioError)
                }
                running += 1
            }
            finished.wait()
            running -= 1
        }
        return pending.compactMap { task in
            let status = lock.withLock { statuses[task] ?? 0 }
            guard status != 0 || !workdir.isDone(stage.name, task) else { return nil }
            let described = status < 0 ? "killed by signal \(-status)" : status == 0 ? "exit status 0 but no completion marker" : "exit status \(status)"
            return TaskFailure(stage: stage.name, task: task, status: described, log: workdir.log(stage.name, task))
        }
    }
}
