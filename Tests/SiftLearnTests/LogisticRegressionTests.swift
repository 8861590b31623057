import Testing
import SiftCore
@testable import SiftLearn

@Suite struct LogisticRegressionTests {
    /// The analytic gradient against central differences, on every parameter of a small problem
    /// with three classes (weights and intercepts).
    @Test func gradientMatchesNumericalDerivative() {
        let data = GeneratedTexts(count: 30, classes: 3, signal: 1, filler: 3, seed: 7)
        let matrix = FeatureMatrix(data.features)
        let objective = SoftmaxObjective(matrix: matrix, labels: data.labels, classCount: 3, c: 0.7, threads: 1)
        var generator = SplitMix64(seed: 3)
        let theta = (0..<objective.parameterCount).map { _ in Double(generator.next() % 2001) / 1000 - 1 }
        let (_, gradient) = objective.evaluate(theta)
        let h = 1e-6
        var worst = 0.0
        for i in 0..<objective.parameterCount {
            var plus = theta, minus = theta
            plus[i] += h
            minus[i] -= h
            let numerical = (objective.evaluate(plus).0 - objective.evaluate(minus).0) / (2 * h)
            worst = max(worst, abs(numerical - gradient[i]) / max(1, abs(numerical)))
        }
        #expect(worst < 1e-6)
    }

    static let solvers: [LogisticRegression.Solver] = [.sgd(SGD()), .lbfgs(LBFGS())]

    @Test(arguments: solvers)
    func separableToyIsLearnedPerfectly(solver: LogisticRegression.Solver) {
        // Each class has its own words and no others: linearly separable.
        let texts = ["red apple cherry", "apple red", "cherry red ruby", "blue sky ocean", "ocean blue", "sky sapphire blue",
                     "green grass leaf", "leaf green", "grass emerald green"]
        let labels = [0, 0, 0, 1, 1, 1, 2, 2, 2]
        let rows = texts.map(TextFeatures().vector)
        let model = LogisticRegression.fit(rows: rows, labels: labels, classCount: 3, options: .init(c: 100, solver: solver))
        #expect(rows.map(model.predict) == labels)
        let unseen = ["ruby cherry", "sapphire ocean", "emerald leaf"].map(TextFeatures().vector)
        #expect(unseen.map(model.predict) == [0, 1, 2])
        #expect(model.converged)
    }

    @Test(arguments: solvers)
    func oneAndTwoThreadsGiveIdenticalModels(solver: LogisticRegression.Solver) {
        // Enough rows and columns for several blocks of each, so two threads really split the work.
        let data = GeneratedTexts(count: 1500, classes: 4, seed: 11)
        let rows = data.features
        let one = LogisticRegression.fit(rows: rows, labels: data.labels, classCount: 4, options: .init(solver: solver, threads: 1))
        let two = LogisticRegression.fit(rows: rows, labels: data.labels, classCount: 4, options: .init(solver: solver, threads: 2))
        #expect(one.weights == two.weights)
        #expect(one.bias == two.bias)
        #expect(one.iterations == two.iterations)
        #expect(one.probabilities(rows, threads: 1) == two.probabilities(rows, threads: 2))
    }

    /// SGD minimises the same objective as L-BFGS: in its default schedule it ends close to the
    /// optimum L-BFGS reaches (relative gap in the objective), and predicts held-out rows alike.
    @Test func sgdEndsNearTheOptimum() {
        let data = GeneratedTexts(count: 1200, classes: 4, seed: 5)
        let train = Array(data.features[..<1000]), trainLabels = Array(data.labels[..<1000])
        let held = Array(data.features[1000...])
        let sgd = LogisticRegression.fit(rows: train, labels: trainLabels, classCount: 4)
        let exact = LogisticRegression.fit(rows: train, labels: trainLabels, classCount: 4,
                                           options: .init(solver: .lbfgs(LBFGS(maxIterations: 500, gradientTolerance: 1e-7))))
        #expect(exact.converged)
        let objective = SoftmaxObjective(matrix: FeatureMatrix(train), labels: trainLabels, classCount: 4, c: 1, threads: 1)
        let optimum = objective.evaluate(exact.weights + exact.bias).0
        let reached = objective.evaluate(sgd.weights + sgd.bias).0
        #expect(reached >= optimum - 1e-9)
        #expect((reached - optimum) / optimum < 0.01)
        // A few epochs or a wrong gradient sign would land far from it.
        let short = LogisticRegression.fit(rows: train, labels: trainLabels, classCount: 4, options: .init(solver: .sgd(SGD(epochs: 1, initialStep: 0.01))))
        #expect((objective.evaluate(short.weights + short.bias).0 - optimum) / optimum > 0.05)
        let agree = zip(held.map(sgd.predict), held.map(exact.predict)).filter { $0 == $1 }.count
        #expect(Double(agree) / Double(held.count) > 0.95)
    }

    @Test func classesAbsentFromTrainingGetZeroProbability() {
        let rows = ["alpha beta", "gamma delta"].map(TextFeatures().vector)
        let model = LogisticRegression.fit(rows: rows, labels: [0, 2], classCount: 3)
        let p = model.probabilities(rows[0])
        #expect(p.count == 3 && p[1] == 0 && abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(model.predict(rows[0]) == 0 && model.predict(rows[1]) == 2)
        let single = LogisticRegression.fit(rows: rows, labels: [1, 1], classCount: 3)
        #expect(single.probabilities(rows[0]) == [0, 1, 0])
    }

    @Test func lbfgsMinimisesAQuadratic() {
        // f(x) = Σ (i+1)(x_i - i)^2: minimum at x_i = i.
        let result = LBFGS(maxIterations: 100, gradientTolerance: 1e-6).minimize(start: [0, 0, 0, 0]) { x in
            var f = 0.0
            var g = [Double](repeating: 0, count: x.count)
            for i in x.indices {
                let d = x[i] - Double(i)
                f += Double(i + 1) * d * d
                g[i] = 2 * Double(i + 1) * d
            }
            return (f, g)
        }
        #expect(result.converged)
        for i in 0..<4 { #expect(abs(result.x[i] - Double(i)) < 1e-6) }
    }
}
