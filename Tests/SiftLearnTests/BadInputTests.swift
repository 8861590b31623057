import Testing
import Foundation
import SiftCore
import SiftTestSupport
import SiftDedup
@testable import SiftLearn

/// The issue's bad inputs, each a clear message naming the problem and what to do, with exit
/// status 65 (data) or 64 (usage), never a crash.
@Suite struct BadInputTests {
    func dataset(_ labels: [Int], classNames: [String]) -> LabeledDataset {
        let data = GeneratedTexts(count: labels.count, classes: 2, seed: 21)
        return LabeledDataset(kind: .classification, classNames: classNames, labels: labels, features: data.features,
                              references: [], locations: [], sketches: Array(repeating: nil, count: labels.count))
    }

    func expectError(status: SiftCore.ExitStatus, containing parts: [String], _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error containing \(parts)")
        } catch let error as SiftError {
            #expect(error.status == status, "\(error.message)")
            for part in parts { #expect(error.message.contains(part), "\(error.message)") }
        } catch {
            Issue.record("expected a SiftError, got \(error)")
        }
    }

    @Test func oneClassIsADataErrorForCurveAndLabelErrors() throws {
        let single = dataset(Array(repeating: 0, count: 40), classNames: ["spam"])
        expectError(status: .dataError, containing: ["only 1 class (spam)", "at least 2 classes"]) {
            _ = try LabelIssues.run(single, probabilitiesFile: nil, folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
        }
        var options = CurveOptions()
        options.sizes = [10, 20]
        expectError(status: .dataError, containing: ["at least 2 classes"]) {
            _ = try LearningCurve.run(train: single, eval: nil, options: options)
        }
    }

    @Test func classSmallerThanTheFoldsIsADataError() throws {
        var labels = (0..<40).map { $0 % 2 }
        labels[0] = 2; labels[1] = 2; labels[3] = 2
        let data = dataset(labels, classNames: ["a", "b", "c"])
        expectError(status: .dataError, containing: ["class \"c\" has 3 records, fewer than 5, the number of folds", "use fewer folds"]) {
            _ = try LabelIssues.run(data, probabilitiesFile: nil, folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
        }
        var options = CurveOptions()
        options.sizes = [10, 20]
        expectError(status: .dataError, containing: ["fewer than 5, the number of folds"]) {
            _ = try LearningCurve.run(train: data, eval: nil, options: options)
        }
    }

    @Test func sizesBeyondTheDataAreDroppedWithAWarningOrRefused() throws {
        let data = dataset((0..<60).map { $0 % 2 }, classNames: ["a", "b"])
        var options = CurveOptions()
        options.sizes = [10, 30, 5000]
        options.repeats = 1
        var warnings: [String] = []
        let report = try LearningCurve.run(train: data, eval: nil, options: options, warn: { warnings.append($0) })
        #expect(report.droppedSizes == [5000] && report.points.map(\.size) == [10, 30])
        #expect(warnings.count == 1 && warnings[0].contains("5000") && warnings[0].contains("dropped"))
        options.sizes = [5000, 10000]
        do {
            _ = try LearningCurve.run(train: data, eval: nil, options: options)
            Issue.record("sizes beyond the data must fail")
        } catch let error as ParameterError {
            let message = error.message(naming: ParameterError.flag)
            #expect(message.contains("no --sizes value fits") && message.contains("sizes between 2 and"), "\(message)")
        }
    }

    @Test func emptyTextsAndMissingLabelsNameFileLineAndField() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("empty.jsonl", "{\"text\": \"fine words\", \"label\": \"x\"}\n{\"text\": \"  ...  \", \"label\": \"y\"}\n")
        expectError(status: .dataError, containing: ["empty.jsonl:2", "empty (no words)"]) {
            _ = try LabeledDataset.read(paths: [empty], labelField: "label")
        }
        let field = try directory.write("field.jsonl", "{\"body\": \"fine words\", \"label\": \"x\"}\n{\"label\": \"y\"}\n")
        expectError(status: .dataError, containing: ["field.jsonl:2", "field \"body\" is missing or has no words", "choose another text field"]) {
            _ = try LabeledDataset.read(paths: [field], labelField: "label", textField: "body")
        }
        for (name, line) in [("null", "{\"text\": \"b\", \"label\": null}"), ("blank", "{\"text\": \"b\", \"label\": \"\"}"), ("absent", "{\"text\": \"b\"}")] {
            let path = try directory.write("\(name).jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n\(line)\n")
            expectError(status: .dataError, containing: ["\(name).jsonl:2", "field \"label\" is missing or empty", "every record needs a label"]) {
                _ = try LabeledDataset.read(paths: [path], labelField: "label")
            }
        }
    }

    @Test func predictedProbabilitiesOfTheWrongShapeAreRefused() throws {
        let directory = try TemporaryDirectory()
        let data = dataset([0, 1, 0, 1], classNames: ["a", "b"])
        let columns = try directory.write("columns.jsonl", "[0.5, 0.5]\n[0.2, 0.3, 0.5]\n[1, 0]\n[0, 1]\n")
        expectError(status: .dataError, containing: ["columns.jsonl:2", "expected an array of 2 probabilities"]) {
            _ = try LabelIssues.run(data, probabilitiesFile: columns, folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
        }
        let rows = try directory.write("rows.jsonl", "[0.5, 0.5]\n[1, 0]\n")
        expectError(status: .dataError, containing: ["2 rows of probabilities for 4 records"]) {
            _ = try LabelIssues.run(data, probabilitiesFile: rows, folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
        }
        expectError(status: .noInput, containing: ["cannot read"]) {
            _ = try LabelIssues.run(data, probabilitiesFile: directory.path("absent.jsonl"), folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
        }
    }
}
