import Testing
import Foundation
import SiftCore
import SiftTestSupport
import SiftDedup
@testable import SiftLearn

/// `sift curve --train-command`: real `/bin/sh` commands (awk as the "training script").
@Suite struct ExternalTrainerTests {
    /// A "training run" whose metric is a known function of the subset size, 1 − 2/√n; it also
    /// checks that the evaluation file is there and logs each run to `runs.log`.
    func command(_ directory: TemporaryDirectory) -> String {
        let log = ExternalTrainer.shellQuoted(directory.path("runs.log"))
        return "test -s {eval} && echo run >> \(log) && echo 'training...' && awk 'END { printf \"{\\\"metric\\\": %.6f}\\n\", 1 - 2 / sqrt(NR) }' {train}"
    }

    func data(_ directory: TemporaryDirectory) throws -> (LabeledDataset, LabeledDataset) {
        let train = try directory.write("train.jsonl", GeneratedTexts(count: 600, classes: 3, signal: 2, filler: 10, seed: 11).jsonLines())
        let eval = try directory.write("eval.jsonl", GeneratedTexts(count: 90, classes: 3, signal: 2, filler: 10, seed: 12).jsonLines())
        let trainSet = try LabeledDataset.read(paths: [train], labelField: "label", detector: NearDuplicateDetector(), keepLines: true)
        let evalSet = try LabeledDataset.read(paths: [eval], labelField: "label", classNames: trainSet.classNames,
                                              detector: NearDuplicateDetector(), keepLines: true)
        return (trainSet, evalSet)
    }

    func options(_ sizes: [Int]) -> CurveOptions {
        var options = CurveOptions()
        options.sizes = sizes
        options.repeats = 2
        options.target = 0.99
        return options
    }

    func runs(_ directory: TemporaryDirectory) -> Int {
        ((try? directory.read("runs.log")) ?? "").split(separator: "\n").count
    }

    @Test func commandScoresEachSubsetAndARerunComesFromTheCache() throws {
        let directory = try TemporaryDirectory()
        let (train, eval) = try data(directory)
        let trainer = try ExternalTrainer(template: command(directory), cacheDirectory: directory.path("cache"))
        let first = try LearningCurve.run(train: train, eval: eval, options: options([25, 100, 400]), trainer: trainer)
        #expect(runs(directory) == 6)
        #expect(first.cachedRuns == 0)
        #expect(first.trainCommand != nil)
        // The subsets the command saw had exactly `size` lines: its metric says so.
        for point in first.points {
            let expected = 1 - 2 / Double(point.size).squareRoot()
            #expect(point.scores.allSatisfy { abs($0 - expected) < 1e-6 })
        }
        // The fitted curve recovers the law the command followed: a = 2, b = 0.5, c = 0.
        let fit = try #require(first.fit)
        #expect(abs(fit.a - 2) < 0.01 && abs(fit.b - 0.5) < 0.01 && fit.c < 0.001)
        let second = try LearningCurve.run(train: train, eval: eval, options: options([25, 100, 400]), trainer: trainer)
        #expect(runs(directory) == 6)
        #expect(second.cachedRuns == 6)
        #expect(second.points == first.points)
        // A new size runs only its own subsets.
        let third = try LearningCurve.run(train: train, eval: eval, options: options([25, 100, 200, 400]), trainer: trainer)
        #expect(runs(directory) == 8)
        #expect(third.cachedRuns == 6)
    }

    /// An interrupted curve (here: the command fails on the largest subset) keeps what it scored;
    /// the rerun runs only the rest. The failure names the exit status and the end of stderr.
    @Test func failureIsReportedAndTheRerunResumes() throws {
        let directory = try TemporaryDirectory()
        let (train, eval) = try data(directory)
        let blocker = ExternalTrainer.shellQuoted(directory.path("broken"))
        let template = "if [ -e \(blocker) ] && [ $(wc -l < {train}) -gt 300 ]; then echo 'CUDA out of memory' >&2; exit 3; fi; " + command(directory)
        _ = try directory.write("broken", "yes\n")
        let trainer = try ExternalTrainer(template: template, cacheDirectory: directory.path("cache"))
        do {
            _ = try LearningCurve.run(train: train, eval: eval, options: options([25, 100, 400]), trainer: trainer)
            Issue.record("a failing command must stop the curve")
        } catch let error as SiftError {
            #expect(error.status == .commandFailed)
            #expect(error.message.contains("exited with status 3"))
            #expect(error.message.contains("CUDA out of memory"))
            #expect(error.message.contains("400-record subset of repeat 1"))
        }
        #expect(runs(directory) == 2)
        try FileManager.default.removeItem(atPath: directory.path("broken"))
        let report = try LearningCurve.run(train: train, eval: eval, options: options([25, 100, 400]), trainer: trainer)
        #expect(report.cachedRuns == 2)
        #expect(runs(directory) == 6)
    }

    @Test func commandWithoutAMetricLineFails() throws {
        let directory = try TemporaryDirectory()
        let (train, eval) = try data(directory)
        for (template, expected) in [("echo done {train} {eval}", "printed no JSON line"), (": {train}; echo '{\"metric\": 73}'", "needs a score in [0, 1]")] {
            let trainer = try ExternalTrainer(template: template, cacheDirectory: directory.path("cache"))
            #expect {
                _ = try LearningCurve.run(train: train, eval: eval, options: options([25, 100, 400]), trainer: trainer)
            } throws: { error in
                (error as? SiftError).map { $0.status == .commandFailed && $0.message.contains(expected) } ?? false
            }
        }
        #expect(throws: SiftError.self) { try ExternalTrainer(template: "python train.py", cacheDirectory: directory.path("cache")) }
    }

    /// Paths are single-quoted shell words: a cache directory with spaces, quotes, `$(...)` and
    /// `{eval}` in its name reaches the command intact, and nothing in it is executed.
    @Test func pathsAreQuotedNeverInterpolated() throws {
        let directory = try TemporaryDirectory()
        let nasty = directory.path("it's a $(touch pwned) `touch pwned2` {eval} dir")
        let trainer = try ExternalTrainer(template: "printf '%s\\n%s\\n' {train} {eval}", cacheDirectory: nasty)
        let line = trainer.commandLine(train: nasty + "/train.jsonl", eval: nasty + "/eval.jsonl")
        let out = directory.path("out.txt")
        let status = try ExternalTrainer.run(line, stdout: out, stderr: directory.path("err.txt"))
        #expect(status == 0)
        #expect(try directory.read("out.txt") == nasty + "/train.jsonl\n" + nasty + "/eval.jsonl\n")
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/pwned"))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/pwned2"))
    }

    /// Dataset text goes only into the files: a record whose text is shell code is written, not run.
    @Test func datasetTextIsNeverRun() throws {
        let directory = try TemporaryDirectory()
        let marker = directory.path("pwned")
        let generated = GeneratedTexts(count: 60, classes: 2, signal: 3, filler: 12, seed: 13)
        var lines: [String] = []
        for i in 0..<60 {
            let text = generated.texts[i] + " '; touch \(marker); echo ' $(touch \(marker)) `touch \(marker)`"
            lines.append(JSONWriter().string(.object(["id": .string("r\(i)"), "text": .string(text), "label": .string("class\(generated.labels[i])")])))
        }
        let path = try directory.write("train.jsonl", lines.joined(separator: "\n") + "\n")
        let train = try LabeledDataset.read(paths: [path], labelField: "label", detector: NearDuplicateDetector(), keepLines: true)
        let trainer = try ExternalTrainer(template: "cat {train} > /dev/null && echo '{\"metric\": 0.5}'", cacheDirectory: directory.path("cache"))
        var settings = options([10, 20, 30])
        settings.folds = 3
        let report = try LearningCurve.run(train: train, eval: nil, options: settings, trainer: trainer)
        #expect(report.points.allSatisfy { $0.mean == 0.5 })
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
