import Testing
import Foundation
import SiftCore
import SiftTestSupport
import SiftDedup
@testable import SiftLearn

@Suite struct LearningCurveTests {
    func options(sizes: [Int], repeats: Int = 3, threads: Int = 2) -> CurveOptions {
        var options = CurveOptions()
        options.sizes = sizes
        options.repeats = repeats
        options.learner = .init(threads: threads)
        return options
    }

    @Test func curveRisesAndIsIdenticalOnOneAndTwoThreads() throws {
        let directory = try TemporaryDirectory()
        let train = try directory.write("train.jsonl", GeneratedTexts(count: 1500, classes: 3, signal: 1, filler: 12, seed: 1).jsonLines())
        let eval = try directory.write("eval.jsonl", GeneratedTexts(count: 300, classes: 3, signal: 1, filler: 12, seed: 2).jsonLines())
        let trainSet = try LabeledDataset.read(paths: [train], labelField: "label", detector: NearDuplicateDetector())
        let evalSet = try LabeledDataset.read(paths: [eval], labelField: "label", classNames: trainSet.classNames, detector: NearDuplicateDetector())
        let one = try LearningCurve.run(train: trainSet, eval: evalSet, options: options(sizes: [30, 100, 300, 1000], threads: 1))
        let two = try LearningCurve.run(train: trainSet, eval: evalSet, options: options(sizes: [30, 100, 300, 1000], threads: 2))
        #expect(one.points == two.points)
        #expect(one.fit == two.fit)
        #expect(one.forecast == two.forecast)
        let means = one.points.map(\.mean)
        #expect(means.first! < means.last!)
        #expect(means.last! > 0.8)
        #expect(one.points.allSatisfy { $0.low <= $0.mean && $0.mean <= $0.high && $0.scores.count == 3 })
        #expect(one.leakageExcluded == [0, 0, 0])
        #expect(one.fit != nil)
    }

    /// A curve whose truth is known: a learner that can only get 70% right (30% of the eval
    /// labels are noise) must flatten near 0.7, and a 0.95 target is then out of reach.
    @Test func noisyEvaluationFlattensTheCurve() throws {
        let data = GeneratedTexts(count: 2000, classes: 2, signal: 3, filler: 8, seed: 3)
        let evalData = GeneratedTexts(count: 400, classes: 2, signal: 3, filler: 8, seed: 4)
        var generator = SplitMix64(seed: 8)
        let noisyLabels = evalData.labels.map { generator.next() % 10 < 3 ? 1 - $0 : $0 }
        let train = LabeledDataset(kind: .classification, classNames: ["a", "b"], labels: data.labels, features: data.features,
                                   references: [], locations: [], sketches: Array(repeating: nil, count: 2000))
        let eval = LabeledDataset(kind: .classification, classNames: ["a", "b"], labels: noisyLabels, features: evalData.features,
                                  references: [], locations: [], sketches: Array(repeating: nil, count: 400))
        var settings = options(sizes: [50, 200, 800, 1600])
        settings.target = 0.95
        let report = try LearningCurve.run(train: train, eval: eval, options: settings)
        let ceiling = Double(zip(noisyLabels, evalData.labels).filter { $0 == $1 }.count) / 400
        #expect(abs(report.points.last!.mean - ceiling) < 0.03)
        #expect(report.forecast.verdict == .flattened)
        #expect(report.forecast.text.contains("the curve has flattened"))
    }

    /// A curve still rising with no floor, but slowly (error = 0.9 n^-0.05): the fit finds no
    /// ceiling below the target, and the target lies far beyond 100x the largest size. That is
    /// not a flattened curve, and no number is forecast.
    @Test func slowRiseIsBeyondTheHorizonNotFlattened() {
        let sizes = [100, 1000, 10000]
        let scores = sizes.map { n in [-0.002, 0, 0.002].map { 1 - 0.9 * pow(Double(n), -0.05) + $0 } }
        let points = zip(sizes, scores).map { LearningCurve.point(size: $0, scores: $1) }
        let fit = PowerLawFit.fit(sizes: sizes.map(Double.init), errors: points.map { 1 - $0.mean })
        #expect(fit != nil && fit!.c < 0.01 && abs(fit!.b - 0.05) < 0.01)
        let forecast = LearningCurve.forecast(points: points, scores: scores, sizes: sizes, fit: fit, options: CurveOptions())
        #expect(forecast.verdict == .beyondHorizon)
        #expect(forecast.examples == nil)
        #expect(forecast.text.contains("still rising") && forecast.text.contains("1,000,000"))
    }

    @Test func nearDuplicatesOfEvaluationRecordsAreLeftOutOfTraining() throws {
        let directory = try TemporaryDirectory()
        let data = GeneratedTexts(count: 400, classes: 2, signal: 2, filler: 14, seed: 5)
        let train = try directory.write("train.jsonl", data.jsonLines())
        // The evaluation set: 20 training texts with one word changed, plus fresh texts.
        var evalTexts = GeneratedTexts(count: 100, classes: 2, signal: 2, filler: 14, seed: 6)
        for i in 0..<20 { evalTexts.texts[i] = data.texts[i * 10] + " extra"; evalTexts.labels[i] = data.labels[i * 10] }
        let eval = try directory.write("eval.jsonl", evalTexts.jsonLines())
        let trainSet = try LabeledDataset.read(paths: [train], labelField: "label", detector: NearDuplicateDetector())
        let evalSet = try LabeledDataset.read(paths: [eval], labelField: "label", classNames: trainSet.classNames, detector: NearDuplicateDetector())
        var warnings: [String] = []
        let report = try LearningCurve.run(train: trainSet, eval: evalSet, options: options(sizes: [50, 100, 390, 1000], repeats: 1)) { warnings.append($0) }
        #expect(report.leakageExcluded == [20])
        #expect(report.trainingPool == 380)
        #expect(report.droppedSizes == [390, 1000])
        #expect(warnings.count == 1 && warnings[0].contains("390,1000"))
    }

    @Test func foldsHoldOutADifferentFoldPerRepeat() throws {
        let data = GeneratedTexts(count: 500, classes: 2, signal: 1, filler: 12, seed: 9)
        let train = LabeledDataset(kind: .classification, classNames: ["a", "b"], labels: data.labels, features: data.features,
                                   references: [], locations: [], sketches: Array(repeating: nil, count: 500))
        let report = try LearningCurve.run(train: train, eval: nil, options: options(sizes: [50, 100, 200, 400]))
        #expect(report.evaluation == "folds" && report.evalRecords == 100 && report.trainingPool == 400)
        #expect(report.points.count == 4)
        // Repeats differ (other folds, other seeds) somewhere along the curve.
        #expect(report.points.contains { Set($0.scores).count > 1 })
    }

    @Test func badRequestsFailWithClearMessages() throws {
        let data = GeneratedTexts(count: 40, classes: 2, seed: 9)
        let one = LabeledDataset(kind: .classification, classNames: ["a"], labels: Array(repeating: 0, count: 40), features: data.features,
                                 references: [], locations: [], sketches: Array(repeating: nil, count: 40))
        #expect(throws: SiftError.self) { try LearningCurve.run(train: one, eval: nil, options: options(sizes: [10])) }
        let two = LabeledDataset(kind: .classification, classNames: ["a", "b"], labels: data.labels, features: data.features,
                                 references: [], locations: [], sketches: Array(repeating: nil, count: 40))
        do {
            _ = try LearningCurve.run(train: two, eval: nil, options: options(sizes: [5000]))
            Issue.record("sizes beyond the data must fail")
        } catch let error as ParameterError {
            // The library names the parameter; the CLI spells it as its flag.
            #expect(error.parameter == "sizes" && error.message(naming: ParameterError.flag).contains("no --sizes value fits the 32 training records"))
        }
    }
}
