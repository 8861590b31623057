/// Measures a study: the coefficients, their bootstrap intervals, where annotators disagree,
/// gold accuracy, drift over time and the verdict.
public enum AgreementAnalysis {
    public static func run(_ table: AnnotationTable, input: AnnotationInput, gold: GoldStandard? = nil,
                           options: AgreementOptions) throws -> AgreementReport {
        var labelsByAnnotator = [Int](repeating: 0, count: table.annotators.count)
        for r in table.ratings { labelsByAnnotator[Int(r.annotator)] += 1 }
        let active = labelsByAnnotator.indices.filter { labelsByAnnotator[$0] > 0 }
        guard !table.ratings.isEmpty else {
            throw SiftLabelError.data("\(input.files.joined(separator: ", ")): no labels found (\(input.entries) entries read, \(input.emptyLabels) empty)")
        }
        guard active.count >= 2 else {
            throw SiftLabelError.data("only one annotator (\"\(table.annotators[active[0]])\") labelled anything; agreement needs at least two annotators")
        }

        let (patterns, itemPattern) = RatingPatterns.grouping(table)
        let pairwise = PairwiseAgreement(patterns)
        let coefficients = AgreementCoefficients.compute(patterns, pairwise: pairwise, domain: table.domain, options: options)
        let headline = coefficients.value(of: options.metric, level: options.level)
        let pairConfusions = pairwise.pairs.indices.map { pairwise.confusion($0, weights: patterns.weights) }

        var intervals: [AgreementMetric: ConfidenceInterval] = [:]
        if options.bootstrap > 0 {
            let domain = table.domain
            let level = options.level
            let metrics = AgreementReport.intervalMetrics
            let bootstrap = Bootstrap(replicates: options.bootstrap, seed: options.seed, confidence: options.confidence)
            let found = bootstrap.intervals(itemPattern: itemPattern, patternCount: patterns.count) { weights in
                let resample = patterns.reweighted(weights)
                let c = AgreementCoefficients.compute(resample, pairwise: pairwise, domain: domain, options: options, levels: [level])
                return metrics.map { c.value(of: $0, level: level).value }
            }
            for (metric, interval) in zip(metrics, found) where interval != nil { intervals[metric] = interval }
        }

        var windows: [WindowAgreement]?
        if table.itemTimes != nil {
            windows = TimeWindows.group(table, by: options.window).map { start, items in
                let sub = table.subset(items)
                let (subPatterns, _) = RatingPatterns.grouping(sub)
                let subCoefficients = AgreementCoefficients.compute(subPatterns, pairwise: PairwiseAgreement(subPatterns), domain: sub.domain,
                                                                    options: options, levels: [options.level])
                return WindowAgreement(start: start, items: items.count, labels: sub.ratings.count,
                                       value: subCoefficients.value(of: options.metric, level: options.level),
                                       percentAgreement: subCoefficients.percentAgreement)
            }
        }

        return AgreementReport(
            table: table, input: input, options: options, coefficients: coefficients,
            comparedItems: Int(patterns.comparedWeight),
            labelsByAnnotator: labelsByAnnotator,
            intervals: intervals,
            perLabel: LabelAgreement.perLabel(patterns),
            confusions: LabelAgreement.confusions(patterns),
            pairConfusions: pairConfusions,
            disagreements: ItemReview.disagreements(table),
            departures: ItemReview.departures(table),
            gold: try gold.map { try GoldComparison.compare(table, gold: $0, weights: options.weights) },
            windows: windows,
            headline: headline,
            passed: (headline.value ?? -.infinity) >= options.threshold)
    }
}
