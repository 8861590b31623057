import Foundation
import SiftCore

/// What `sift label-errors` computes: out-of-fold probabilities from the built-in learner (or the
/// user's own), then `ConfidentLearning`.
public struct LabelIssueReport: Sendable {
    public var classNames: [String]
    public var labels: [Int]
    public var references: [String]
    public var locations: [String]
    public var filterBy: ConfidentLearning.FilterBy
    /// "built-in learner, k-fold" or the probabilities file.
    public var probabilitySource: String
    public var probabilities: [[Double]]
    public var result: ConfidentLearning.Result
    public var seconds: Double
    /// The records' lines and texts, when the dataset was read with `keepLines` (for `reviewLines`).
    public var lines: [[UInt8]] = []
    public var texts: [String] = []

    public var records: Int { labels.count }
    public var flaggedCount: Int { result.ranked.count }

    /// Records flagged per given class.
    public var flaggedPerClass: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for i in result.ranked { counts[labels[i]] += 1 }
        return counts
    }
}

public enum LabelIssues {
    public static func run(_ data: LabeledDataset, probabilitiesFile: String?, folds: Int, seed: UInt64,
                           filterBy: ConfidentLearning.FilterBy, learner: LogisticRegression.Options = .init()) throws -> LabelIssueReport {
        let clock = ContinuousClock()
        let started = clock.now
        let probabilities: [[Double]]
        let source: String
        if let probabilitiesFile {
            try data.requireClasses()
            probabilities = try readProbabilities(probabilitiesFile, records: data.count, classCount: data.classNames.count)
            source = probabilitiesFile
        } else {
            try CrossValidation.folds.check(folds)
            try data.requireClasses(minimumPerClass: folds, what: ", the number of folds")
            probabilities = CrossValidation.outOfFoldProbabilities(data, folds: folds, seed: seed, options: learner)
            source = "built-in learner, \(folds)-fold out-of-fold"
        }
        let result = ConfidentLearning.findLabelIssues(labels: data.labels, probabilities: probabilities,
                                                       classCount: data.classNames.count, filterBy: filterBy)
        return LabelIssueReport(classNames: data.classNames, labels: data.labels, references: data.references, locations: data.locations,
                                filterBy: filterBy, probabilitySource: source, probabilities: probabilities, result: result,
                                seconds: (clock.now - started).seconds, lines: data.lines, texts: data.texts)
    }

    /// `--pred-probs`: one JSON array of class probabilities per line, in record order, columns in
    /// the sorted order of the class names.
    public static func readProbabilities(_ path: String, records: Int, classCount: Int) throws -> [[Double]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiftError("\(path): cannot read the predicted probabilities file", status: .noInput)
        }
        var rows: [[Double]] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let value: JSONValue
            do { value = try bytes.withUnsafeBytes { try JSONParser.parse($0) } } catch {
                throw SiftError("\(path):\(lineNumber): not JSON: \(error)")
            }
            guard let items = value.arrayValue, items.count == classCount else {
                throw SiftError("\(path):\(lineNumber): expected an array of \(classCount) probabilities (one per class, classes in sorted order)")
            }
            let row = try items.map { item -> Double in
                guard let p = item.doubleValue, p.isFinite, p >= 0 else {
                    throw SiftError("\(path):\(lineNumber): \(item) is not a probability")
                }
                return p
            }
            rows.append(row)
        }
        guard rows.count == records else {
            throw SiftError("\(path): \(rows.count) rows of probabilities for \(records) records; give one line per record, in record order")
        }
        return rows
    }
}
