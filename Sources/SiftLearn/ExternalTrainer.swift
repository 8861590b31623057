import Foundation
import SiftCore

/// `sift curve --train-command 'CMD {train} {eval}'`: the user's own training run (a finetuning
/// script, an eval harness) scores each subset instead of the built-in learner, which makes the
/// curve model-agnostic.
///
/// For each subset Sift writes the records as JSON Lines, runs the command with `/bin/sh -c`, the
/// two paths substituted as single-quoted shell words (the dataset's text only ever goes into the
/// files, never into the command line), and reads the metric from the last line of standard
/// output that is a JSON object with a numeric `"metric"` (higher is better, in [0, 1]; the curve
/// fits error = 1 − metric).
///
/// Results are cached per subset: the key is a hash of the command template, the evaluation file's
/// bytes and the subset's bytes, and a run's result is written (atomically) only once the command
/// has succeeded. A second run, or one after an interruption, re-runs only the subsets without a
/// result. Each run keeps its subset, standard output and standard error under `runs/KEY/`.
public struct ExternalTrainer: Sendable {
    public let template: String
    /// Absolute, so that a command that changes directory still finds the files.
    public let cacheDirectory: String

    public init(template: String, cacheDirectory: String) throws {
        guard template.contains("{train}") else {
            throw SiftError("--train-command must contain {train} (and usually {eval}): Sift puts the paths of the files it writes there", status: .usage)
        }
        self.template = template
        let directory = cacheDirectory.hasPrefix("/") ? cacheDirectory : FileManager.default.currentDirectoryPath + "/" + cacheDirectory
        self.cacheDirectory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory + "/runs", withIntermediateDirectories: true)
        } catch {
            throw SiftError("\(cacheDirectory): cannot create the --train-command cache directory (\(error.localizedDescription))", status: .ioError)
        }
    }

    public struct Outcome: Sendable {
        public var metric: Double
        public var cached: Bool
        public var seconds: Double
    }

    /// POSIX shell quoting: the whole word in single quotes, each `'` in it written `'\''`.
    public static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The template with `{train}` and `{eval}` replaced by the quoted paths, in one pass (so a path
    /// that itself contains `{eval}` is not substituted again).
    public func commandLine(train: String, eval: String) -> String {
        var out = ""
        var rest = Substring(template)
        while let brace = rest.firstIndex(of: "{") {
            out += rest[..<brace]
            let tail = rest[brace...]
            if tail.hasPrefix("{train}") {
                out += Self.shellQuoted(train)
                rest = tail.dropFirst("{train}".count)
            } else if tail.hasPrefix("{eval}") {
                out += Self.shellQuoted(eval)
                rest = tail.dropFirst("{eval}".count)
            } else {
                out += "{"
                rest = tail.dropFirst()
            }
        }
        return out + rest
    }

    static func digest(_ parts: [[UInt8]]) -> String {
        var joined: [UInt8] = []
        for part in parts {
            joined += Array(String(part.count).utf8) + [0x3A]
            joined += part
        }
        return String(format: "%016llx%016llx", XXH64.hash(joined, seed: 1), XXH64.hash(joined, seed: 2))
    }

    /// Writes an evaluation set once (its name is its hash) and returns its path and hash.
    public func writeEvaluation(_ bytes: [UInt8]) throws -> (path: String, digest: String) {
        let digest = Self.digest([bytes])
        let path = cacheDirectory + "/eval-\(digest).jsonl"
        if !FileManager.default.fileExists(atPath: path) { try writeFileAtomically(path, bytes) }
        return (path, digest)
    }

    /// The metric of one subset: from the cache, or by running the command.
    public func score(train bytes: [UInt8], evaluation: (path: String, digest: String), size: Int, repeat round: Int) throws -> Outcome {
        let key = Self.digest([Array(template.utf8), Array(evaluation.digest.utf8), bytes])
        let resultPath = cacheDirectory + "/\(key).json"
        if let data = FileManager.default.contents(atPath: resultPath),
           let metric = (try? Array(data).withUnsafeBytes { try JSONParser.parse($0) })?["metric"]?.doubleValue {
            return Outcome(metric: metric, cached: true, seconds: 0)
        }
        let run = cacheDirectory + "/runs/\(key)"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        let trainPath = run + "/train.jsonl"
        try writeFileAtomically(trainPath, bytes)
        let line = commandLine(train: trainPath, eval: evaluation.path)
        let what = "--train-command on the \(size)-record subset of repeat \(round + 1)"
        let started = ContinuousClock.now
        let status = try Self.run(line, stdout: run + "/stdout.txt", stderr: run + "/stderr.txt")
        let seconds = (ContinuousClock.now - started).seconds
        if status != 0 {
            let described = status < 0 ? "was killed by signal \(-status)" : "exited with status \(status)"
            let tail = Self.lastLines(of: run + "/stderr.txt", count: 20)
            throw SiftError("\(what) \(described): \(line)"
                            + (tail.isEmpty ? " (no standard error)" : "\nlast lines of its standard error:\n" + tail)
                            + "\n(subsets already scored are cached in \(cacheDirectory); rerun to resume)", status: .commandFailed)
        }
        let output = FileManager.default.contents(atPath: run + "/stdout.txt") ?? Data()
        guard let metric = Self.metric(in: Array(output)) else {
            throw SiftError("\(what) printed no JSON line {\"metric\": x} on its standard output (see \(run)/stdout.txt): \(line)", status: .commandFailed)
        }
        guard metric.isFinite, metric >= 0, metric <= 1 else {
            throw SiftError("\(what) reported metric \(metric); the curve needs a score in [0, 1], higher is better (e.g. accuracy)", status: .commandFailed)
        }
        let result: JSONValue = .object(["metric": .double(metric), "size": .integer(size), "repeat": .integer(round + 1),
                                         "command": .string(template), "seconds": .double(seconds)])
        try writeFileAtomically(resultPath, JSONWriter().string(result) + "\n")
        return Outcome(metric: metric, cached: false, seconds: seconds)
    }

    /// The last line of `output` that is a JSON object with a numeric "metric" (a training script
    /// may log other lines first).
    static func metric(in output: [UInt8]) -> Double? {
        for line in output.split(separator: 0x0A).reversed() {
            let bytes = Array(line)
            guard bytes.contains(0x7B) else { continue }
            if let value = try? bytes.withUnsafeBytes({ try JSONParser.parse($0) }), let metric = value["metric"]?.doubleValue {
                return metric
            }
        }
        return nil
    }

    /// Runs `/bin/sh -c line` with its output and errors in files; the exit status, or minus the
    /// signal that killed it.
    static func run(_ line: String, stdout: String, stderr: String) throws -> Int32 {
        guard FileManager.default.createFile(atPath: stdout, contents: nil), FileManager.default.createFile(atPath: stderr, contents: nil),
              let out = FileHandle(forWritingAtPath: stdout), let err = FileHandle(forWritingAtPath: stderr) else {
            throw SiftError("\(stdout): cannot write the command's output", status: .ioError)
        }
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw SiftError("cannot start /bin/sh for --train-command (\(error))", status: .ioError)
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    static func lastLines(of path: String, count: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        return lines.suffix(count).map { "  " + $0 }.joined(separator: "\n")
    }
}
