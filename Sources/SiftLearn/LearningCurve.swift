import Foundation
import SiftCore
import SiftDedup

/// What `sift curve` measures: the metric of the built-in learner trained on nested, stratified
/// subsets of growing size, repeated with different seeds, on a held-out set never drawn into
/// training, and a power-law forecast of how much more data a target needs.
public struct CurveOptions: Sendable {
    public var sizes: [Int] = [100, 500, 1000, 5000]
    public var repeats = 3
    /// Without an evaluation file, repeat r holds out stratified fold r mod `folds`.
    public var folds = 5
    public var metric: CurveMetric = .accuracy
    public var target = 0.9
    public var seed: UInt64 = 42
    public var bootstrapSamples = 500
    /// Jaccard threshold of the near-duplicate leakage check.
    public var leakageThreshold = 0.8
    public var learner = LogisticRegression.Options()

    public init() {}
}

public struct CurvePoint: Sendable, Equatable {
    public var size: Int
    /// The metric of each repeat.
    public var scores: [Double]
    public var mean: Double
    /// 95% Student-t interval of the mean over repeats, clipped to [0, 1] (the mean itself with one repeat).
    public var low: Double
    public var high: Double
}

public struct CurveForecast: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// The fitted ceiling is below the target: more of the same data will not reach it.
        case flattened
        /// Still rising, but the target lies beyond `LearningCurve.horizon` times the largest size.
        case beyondHorizon = "beyond_horizon"
        case reached, needs, insufficient
    }
    public var verdict: Verdict
    public var examples: Int?
    /// 5th and 95th percentiles over bootstrap refits; `high` nil means unbounded (some refits
    /// never reach the target).
    public var low: Int?
    public var high: Int?
    public var text: String
}

public struct CurveReport: Sendable {
    public var records: Int
    public var evaluation: String
    public var evalRecords: Int
    public var classNames: [String]
    public var metric: CurveMetric
    public var target: Double
    public var repeats: Int
    public var points: [CurvePoint]
    public var droppedSizes: [Int]
    public var trainingPool: Int
    /// Training records left out of every subset because they are near-duplicates of an
    /// evaluation record (per repeat).
    public var leakageExcluded: [Int]
    public var fit: PowerLawFit?
    public var forecast: CurveForecast
    public var fits: Int
    public var secondsPerFit: Double
    /// The `--train-command` template when the user's command scored the subsets, else nil.
    public var trainCommand: String?
    /// Runs whose result came from the `--train-command` cache.
    public var cachedRuns = 0

    /// What the points measure: the metric's name, or "metric" for the user's own command.
    public var metricName: String { trainCommand == nil ? metric.rawValue : "metric" }
}

public enum LearningCurve {
    /// `eval` nil: folds of `train` are held out in turn. `warn` hears about dropped sizes.
    /// `trainer`: the user's command scores each subset instead of the built-in learner (the
    /// datasets must then be read with `keepLines`); `progress` hears about each of its runs.
    public static func run(train: LabeledDataset, eval: LabeledDataset?, options: CurveOptions, trainer: ExternalTrainer? = nil,
                           warn: (String) -> Void = { _ in }, progress: (String) -> Void = { _ in }) throws -> CurveReport {
        guard options.repeats >= 1 else { throw ParameterError("repeats", "{repeats} must be at least 1") }
        if eval == nil { try CrossValidation.folds.check(options.folds) }
        guard options.target > 0, options.target <= 1 else { throw ParameterError("target", "{target} must be in (0, 1]") }
        try train.requireClasses(minimumPerClass: eval == nil ? options.folds : 1, what: eval == nil ? ", the number of folds" : "")
        let classCount = train.classNames.count
        let n = train.count
        precondition(trainer == nil || (train.lines.count == n && (eval == nil || eval!.lines.count == eval!.count)),
                     "--train-command needs the datasets read with keepLines")

        // Held-out sets and training pools, with near-duplicates of held-out records left out.
        var grouper = NearDuplicateGrouper(detector: NearDuplicateDetector(threshold: options.leakageThreshold))
        for sketch in train.sketches { grouper.add(sketch) }
        if let eval { for sketch in eval.sketches { grouper.add(sketch) } }
        let groups = grouper.groups()
        struct Round: Sendable { var pool: [Int]; var evalRows: [FeatureVector]; var evalLabels: [Int]; var evalLines: [[UInt8]]; var excluded: Int }
        var rounds: [Round] = []
        if let eval {
            guard eval.count > 0 else { throw SiftError("the evaluation set has no records") }
            let held = Set(groups[n...])
            let pool = (0..<n).filter { !held.contains(groups[$0]) }
            let round = Round(pool: pool, evalRows: eval.features, evalLabels: eval.labels, evalLines: eval.lines, excluded: n - pool.count)
            rounds = Array(repeating: round, count: options.repeats)
        } else {
            let fold = StratifiedOrder.folds(count: n, labels: train.labels, classCount: classCount, folds: options.folds, seed: options.seed)
            for r in 0..<options.repeats {
                let f = r % options.folds
                let heldIndices = (0..<n).filter { fold[$0] == f }
                let held = Set(heldIndices.map { groups[$0] })
                let others = (0..<n).filter { fold[$0] != f }
                let pool = others.filter { !held.contains(groups[$0]) }
                rounds.append(Round(pool: pool, evalRows: heldIndices.map { train.features[$0] },
                                    evalLabels: heldIndices.map { train.labels[$0] },
                                    evalLines: trainer == nil ? [] : heldIndices.map { train.lines[$0] }, excluded: others.count - pool.count))
            }
        }
        let poolSize = rounds.map(\.pool.count).min()!
        let requested = Array(Set(options.sizes)).sorted()
        let sizes = requested.filter { $0 >= 2 && $0 <= poolSize }
        let dropped = requested.filter { !sizes.contains($0) }
        if !dropped.isEmpty {
            warn("--sizes \(dropped.map(String.init).joined(separator: ",")) dropped: the training pool has \(poolSize) records (sizes must be 2...\(poolSize))")
        }
        guard !sizes.isEmpty else {
            throw ParameterError("sizes", "no {sizes} value fits the \(poolSize) training records available; use sizes between 2 and \(poolSize)")
        }

        var scores = [[Double]](repeating: [], count: sizes.count)
        var fitSeconds = 0.0
        var ran = 0
        var cached = 0
        let orders = rounds.enumerated().map { r, round in
            StratifiedOrder.nested(round.pool, labels: train.labels, classCount: classCount, seed: options.seed &+ UInt64(r))
        }
        if let trainer {
            for (r, round) in rounds.enumerated() {
                let evaluationFile = try trainer.writeEvaluation(jsonLines(round.evalLines))
                for (s, size) in sizes.enumerated() {
                    let outcome = try trainer.score(train: jsonLines(orders[r].prefix(size).map { train.lines[$0] }), evaluation: evaluationFile,
                                                    size: size, repeat: r)
                    scores[s].append(outcome.metric)
                    if outcome.cached { cached += 1 } else { ran += 1; fitSeconds += outcome.seconds }
                    progress("repeat \(r + 1), \(size) records: metric \(CurveText.metric(outcome.metric))"
                             + (outcome.cached ? " (cached)" : String(format: " (%.1f s)", outcome.seconds)))
                }
            }
        } else {
            // Every (repeat, size) fit is independent and deterministic: they train side by side,
            // one per thread, and land in the same slots whatever the thread count.
            let single = options.learner.singleThreaded
            let rounds = rounds
            let jobs = rounds.indices.flatMap { r in sizes.indices.map { (r, $0) } }
            let outcomes = parallelMap(count: jobs.count, threads: options.learner.threads, minimumPerSlice: 1) { j -> (score: Double, seconds: Double) in
                let (r, s) = jobs[j]
                let subset = orders[r].prefix(sizes[s])
                let clock = ContinuousClock()
                let started = clock.now
                let model = LogisticRegression.fit(rows: subset.map { train.features[$0] }, labels: subset.map { train.labels[$0] },
                                                   classCount: classCount, options: single)
                let seconds = (clock.now - started).seconds
                let predicted = model.probabilities(rounds[r].evalRows, threads: 1).map(argmax)
                return (options.metric.score(truth: rounds[r].evalLabels, predicted: predicted, classCount: classCount), seconds)
            }
            for (j, outcome) in outcomes.enumerated() {
                scores[jobs[j].1].append(outcome.score)
                fitSeconds += outcome.seconds
            }
            ran = jobs.count
        }
        let points = zip(sizes, scores).map { size, values in point(size: size, scores: values) }
        let fit = PowerLawFit.fit(sizes: sizes.map(Double.init), errors: points.map { 1 - $0.mean })
        let forecast = Self.forecast(points: points, scores: scores, sizes: sizes, fit: fit, options: options)
        return CurveReport(records: n, evaluation: eval == nil ? "folds" : "file", evalRecords: rounds[0].evalLabels.count,
                           classNames: train.classNames, metric: options.metric, target: options.target, repeats: options.repeats,
                           points: points, droppedSizes: dropped, trainingPool: poolSize, leakageExcluded: rounds.map(\.excluded),
                           fit: fit, forecast: forecast, fits: sizes.count * rounds.count,
                           secondsPerFit: ran == 0 ? 0 : fitSeconds / Double(ran), trainCommand: trainer?.template, cachedRuns: cached)
    }

    static func jsonLines(_ lines: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines { bytes += line; bytes.append(0x0A) }
        return bytes
    }

    static func point(size: Int, scores: [Double]) -> CurvePoint {
        let m = Double(scores.count)
        let mean = scores.reduce(0, +) / m
        guard scores.count > 1 else { return CurvePoint(size: size, scores: scores, mean: mean, low: mean, high: mean) }
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (m - 1)
        let half = studentT975(degreesOfFreedom: scores.count - 1) * (variance / m).squareRoot()
        // Clipped to [0, 1], the range of every metric here (two repeats give a wide t interval).
        return CurvePoint(size: size, scores: scores, mean: mean, low: max(0, mean - half), high: min(1, mean + half))
    }

    /// The 97.5th percentile of Student's t (two-sided 95%), from the standard table.
    static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        return df <= table.count ? table[df - 1] : 1.96
    }

    /// Forecasts beyond this multiple of the largest size are not given as a number: a power law
    /// extrapolated that far says little.
    static let horizon = 100.0

    static func forecast(points: [CurvePoint], scores: [[Double]], sizes: [Int], fit: PowerLawFit?, options: CurveOptions) -> CurveForecast {
        let target = options.target
        let targetText = CurveText.metric(target)
        if let reached = points.first(where: { $0.mean >= target }) {
            return CurveForecast(verdict: .reached, examples: reached.size, low: nil, high: nil,
                                 text: "the target \(targetText) is already reached with \(reached.size) examples (mean \(CurveText.metric(reached.mean)))")
        }
        guard let fit else {
            return CurveForecast(verdict: .insufficient, examples: nil, low: nil, high: nil,
                                 text: "a forecast needs at least 3 sizes; give more with --sizes")
        }
        let largest = Double(sizes.last!)
        let ceiling = "fitted ceiling \(CurveText.metric(1 - fit.c))"
        guard let needed = fit.size(forError: 1 - target) else {
            return CurveForecast(verdict: .flattened, examples: nil, low: nil, high: nil,
                                 text: "the curve has flattened below \(targetText): more of the same data will not help; look at quality/diversity instead (\(ceiling))")
        }
        guard needed <= largest * horizon else {
            return CurveForecast(verdict: .beyondHorizon, examples: nil, low: nil, high: nil,
                                 text: "still rising, but at the fitted rate \(targetText) needs more than \(CurveText.roughCount(largest * horizon)) examples "
                                     + "(\(Int(horizon))x the largest size): more of the same data is a slow road; look at quality/diversity too (\(ceiling))")
        }
        // Bootstrap over repeats: resample whole repeats, refit, forecast again.
        var generator = SplitMix64(seed: options.seed ^ 0xB00_7578)
        let repeats = scores[0].count
        var forecasts: [Double] = []
        for _ in 0..<(repeats > 1 ? options.bootstrapSamples : 0) {
            let picks = (0..<repeats).map { _ in Int(generator.next() % UInt64(repeats)) }
            let errors = scores.map { values in 1 - picks.reduce(0) { $0 + values[$1] } / Double(repeats) }
            let refit = PowerLawFit.fit(sizes: sizes.map(Double.init), errors: errors)
            forecasts.append(refit?.size(forError: 1 - target) ?? .infinity)
        }
        forecasts.sort()
        let low = forecasts.isEmpty ? needed : forecasts[Int(Double(forecasts.count - 1) * 0.05)]
        let high = forecasts.isEmpty ? needed : forecasts[Int(Double(forecasts.count - 1) * 0.95)]
        let highText = high.isFinite && high <= largest * horizon ? CurveText.roughCount(high) : "more than \(CurveText.roughCount(largest * horizon))"
        return CurveForecast(verdict: .needs, examples: Int(needed.rounded(.up)), low: Int(max(low, largest).rounded(.up)),
                             high: high.isFinite && high <= largest * horizon ? Int(high.rounded(.up)) : nil,
                             text: "to reach \(targetText) you need about \(CurveText.roughCount(needed)) examples (range \(CurveText.roughCount(max(low, largest)))–\(highText)); \(ceiling)")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

enum CurveText {
    static func metric(_ value: Double) -> String { String(format: "%.3f", value) }

    /// A count rounded to two significant digits: a forecast is not precise to the record.
    static func roughCount(_ value: Double) -> String {
        guard value.isFinite, value >= 1 else { return String(Int(max(value, 0).rounded(.up))) }
        let digits = Int(log10(value)) + 1
        let unit = pow(10, Double(max(digits - 2, 0)))
        let rounded = Int((value / unit).rounded() * unit)
        var text = String(rounded)
        var i = text.count - 3
        while i > 0 { text.insert(",", at: text.index(text.startIndex, offsetBy: i)); i -= 3 }
        return text
    }
}
