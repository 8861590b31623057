import Testing
import SiftCore
@testable import SiftLearn

@Suite struct ConfidentLearningTests {
    @Test func roundPreservingSumFollowsNumpyRounding() {
        // Half to even gives 2, 2, 1 (sum 5); the total rounds to 4, so the smallest remainder
        // (the first 1.5, stable order) loses one.
        #expect(ConfidentLearning.roundPreservingSum([1.5, 1.5, 1.0]) == [1, 2, 1])
        // 0.4 * 3 rounds to 0s (sum 0) but the total 1.2 rounds to 1: the largest remainder gains,
        // the last of equal remainders first (numpy's argsort reversed).
        #expect(ConfidentLearning.roundPreservingSum([0.4, 0.4, 0.4]) == [0, 0, 1])
        #expect(ConfidentLearning.roundPreservingSum([2.5, 3.5]) == [2, 4])
    }

    @Test("numpy's pairwise sum, bit for bit (values from numpy 1.26's np.sum)")
    func numpySum() {
        // Sequential addition loses the 1.0 after 1e16 differently: Python's sum gives 19.001.
        let cancelling = [1e16, 1.0, -1e16, 1.0, 3.0, 1e-3, 7.0, 2.0, 5.0, 1.0]
        #expect(NumpySum.sum(cancelling) == 18.000999999999998)
        #expect(NumpySum.sum([]) == 0)
        #expect(NumpySum.mean([0.25, 0.5]) == 0.375)
    }

    @Test("calibration sums the joint in cleanlab's memory order (a case where row order gives 13/2 and cleanlab 14/1)")
    func calibrationOrder() {
        // From a failing random parity case (n = 102, k = 7): the total is 102.0 summed row by row
        // and 101.99999999999999 summed column by column, as numpy does on cleanlab's
        // Fortran-ordered joint; row 1 (13.5, 1.5) then rounds to cleanlab's 14 and 1.
        let joint = [[8, 0, 0, 0, 0, 2, 0], [0, 9, 0, 0, 0, 1, 0], [0, 0, 8, 0, 1, 0, 0], [1, 0, 0, 8, 0, 0, 0],
                     [0, 1, 1, 0, 9, 0, 0], [0, 1, 0, 0, 1, 7, 1], [0, 0, 0, 0, 1, 0, 8]]
        let counts = [15, 15, 15, 15, 14, 14, 14]
        #expect(ConfidentLearning.calibrate(joint, counts: counts, columnMajor: true)[1] == [0, 14, 0, 0, 0, 1, 0])
        #expect(ConfidentLearning.calibrate(joint, counts: counts, columnMajor: false)[1] == [0, 13, 0, 0, 0, 2, 0])
    }

    @Test func flagsTheConfidentlyMislabelledRecord() {
        var labels: [Int] = []
        var probabilities: [[Double]] = []
        for i in 0..<20 {
            labels.append(i % 2)
            probabilities.append(i % 2 == 0 ? [0.9, 0.1] : [0.15, 0.85])
        }
        labels.append(0)
        probabilities.append([0.05, 0.95])   // labelled 0, the model is sure it is 1
        labels.append(1)
        probabilities.append([0.55, 0.45])   // labelled 1, mildly disputed: below class 0's threshold
        let result = ConfidentLearning.findLabelIssues(labels: labels, probabilities: probabilities, classCount: 2)
        #expect(result.ranked == [20])
        #expect(result.suggested[20] == 1)
        #expect(result.confidentJoint.flatMap { $0 }.reduce(0, +) == labels.count)
        #expect(result.confidentJoint[0][1] >= 1)
    }

    @Test func neverFlagsARecordWhosePredictionIsItsLabel() {
        var generator = SplitMix64(seed: 5)
        let n = 300, k = 4
        var labels: [Int] = [], probabilities: [[Double]] = []
        for i in 0..<n {
            labels.append(i % k)
            let raw = (0..<k).map { _ in Double(generator.next() % 1000 + 1) }
            let total = raw.reduce(0, +)
            probabilities.append(raw.map { $0 / total })
        }
        for rule in ConfidentLearning.FilterBy.allCases {
            let result = ConfidentLearning.findLabelIssues(labels: labels, probabilities: probabilities, classCount: k, filterBy: rule)
            #expect(result.ranked.allSatisfy { result.suggested[$0] != labels[$0] }, "\(rule)")
            #expect(result.ranked.count == result.flagged.filter { $0 }.count)
            let scores = result.ranked.map { result.selfConfidence[$0] }
            #expect(scores == scores.sorted())
        }
        let both = ConfidentLearning.findLabelIssues(labels: labels, probabilities: probabilities, classCount: k, filterBy: .both).flagged
        let noise = ConfidentLearning.findLabelIssues(labels: labels, probabilities: probabilities, classCount: k, filterBy: .pruneByNoiseRate).flagged
        #expect(zip(both, noise).allSatisfy { !$0 || $1 })
    }

    /// The hidden truth: flip 5% of the labels of a clean generated set; the flips are what
    /// confident learning on out-of-fold probabilities must find.
    @Test func findsMostFlippedLabels() {
        let data = GeneratedTexts(count: 1200, classes: 3, signal: 3, filler: 10, seed: 21)
        var generator = SplitMix64(seed: 99)
        var given = data.labels
        var flipped = Set<Int>()
        while flipped.count < 60 {
            let i = Int(generator.next() % UInt64(given.count))
            guard flipped.insert(i).inserted else { continue }
            given[i] = (given[i] + 1 + Int(generator.next() % 2)) % 3
        }
        let dataset = LabeledDataset(kind: .classification, classNames: ["a", "b", "c"], labels: given, features: data.features,
                                     references: given.indices.map { "r\($0)" }, locations: [], sketches: [])
        let probabilities = CrossValidation.outOfFoldProbabilities(dataset, folds: 5, seed: 1, options: .init(threads: 2))
        let result = ConfidentLearning.findLabelIssues(labels: given, probabilities: probabilities, classCount: 3)
        let found = Set(result.ranked)
        let recall = Double(found.intersection(flipped).count) / Double(flipped.count)
        let precision = Double(found.intersection(flipped).count) / Double(max(found.count, 1))
        #expect(recall >= 0.8, "recall \(recall)")
        #expect(precision >= 0.7, "precision \(precision)")
        #expect(result.ranked.allSatisfy { flipped.contains($0) ? result.suggested[$0] == data.labels[$0] : true })
    }

    /// Folds train side by side; each fold's model must not depend on which thread trained it.
    @Test func outOfFoldProbabilitiesAreIdenticalOnOneAndTwoThreads() {
        let data = GeneratedTexts(count: 600, classes: 3, seed: 8)
        let dataset = LabeledDataset(kind: .classification, classNames: ["a", "b", "c"], labels: data.labels, features: data.features,
                                     references: data.labels.indices.map { "r\($0)" }, locations: [], sketches: [])
        let one = CrossValidation.outOfFoldProbabilities(dataset, folds: 5, seed: 3, options: .init(threads: 1))
        let two = CrossValidation.outOfFoldProbabilities(dataset, folds: 5, seed: 3, options: .init(threads: 2))
        #expect(one == two)
        #expect(one.allSatisfy { $0.count == 3 && abs($0.reduce(0, +) - 1) < 1e-9 })
    }
}
