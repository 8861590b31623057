import SiftCore

/// Reference labels for some items (gold or honeypot items), read from `--gold`.
public struct GoldStandard: Sendable {
    public var labels: [String: String] = [:]
    public var locations: [String: RecordLocation] = [:]

    public init() {}

    /// Adds an item's gold label; an item given twice is an error naming both rows.
    public mutating func add(item: String, label: String, at location: RecordLocation) throws {
        if let first = locations[item] {
            throw SiftLabelError.row(location, "gold item \"\(item)\" already has a gold label (at \(first))")
        }
        labels[item] = label
        locations[item] = location
    }
}

/// One annotator measured against gold.
public struct GoldAgreement: Sendable {
    public var annotator: Int
    /// Gold items this annotator labelled.
    public var items: Int
    public var accuracy: MetricValue
    /// Cohen's kappa between gold and the annotator (same weights and label rules as between
    /// annotators, gold as the first rater).
    public var kappa: MetricValue
}

/// Accuracy and kappa of every annotator against gold: the QA view once labelling scales.
public enum GoldComparison {
    public struct Result: Sendable {
        public var annotators: [GoldAgreement]
        /// Gold items that some annotator labelled.
        public var itemsLabelled: Int
        /// Gold items nobody labelled (left out of every figure).
        public var itemsUnlabelled: Int
    }

    public static func compare(_ table: AnnotationTable, gold: GoldStandard, weights: KappaWeights) throws -> Result {
        // Gold may use labels the annotators never did: extend the domain as scikit-learn's
        // `labels=None` would (the union, in the same order rules).
        var domain = table.domain
        var studyToCombined = Array(0..<Int32(domain.count))
        var goldIds: [String: Int32] = [:]
        if domain.isExplicit {
            for (item, label) in gold.labels {
                guard let id = domain.id(of: label) else {
                    throw SiftLabelError.row(gold.locations[item]!, "gold label \"\(label)\" is not one of --labels (\(domain.names.joined(separator: ", ")))")
                }
                goldIds[label] = Int32(id)
            }
        } else {
            let extra = Set(gold.labels.values).filter { label in
                !domain.names.contains(label) && !(domain.values != nil && LabelDomain.number(label).map { domain.values!.contains($0) } == true)
            }.sorted(by: LabelDomain.codePointLess)
            let all = domain.names + extra
            let (combined, mapping) = LabelDomain.inferred(from: all)
            studyToCombined = Array(mapping.prefix(domain.count))
            for label in Set(gold.labels.values) {
                if let k = all.firstIndex(of: label) { goldIds[label] = mapping[k] }
                else if let id = domain.id(of: label) { goldIds[label] = studyToCombined[id] }
            }
            domain = combined
        }
        let L = domain.count
        var confusions = [[Double]](repeating: [Double](repeating: 0, count: L * L), count: table.annotators.count)
        var labelled = 0
        for item in 0..<table.itemCount {
            guard let goldLabel = gold.labels[table.items[item]], let g = goldIds[goldLabel] else { continue }
            labelled += 1
            for r in table.ratings(of: item) {
                confusions[Int(r.annotator)][Int(g) * L + Int(studyToCombined[Int(r.label)])] += 1
            }
        }
        let annotators = confusions.enumerated().map { a, confusion in
            var n = 0.0
            var correct = 0.0
            for i in 0..<L {
                for j in 0..<L { n += confusion[i * L + j] }
                correct += confusion[i * L + i]
            }
            let kappa = CohenKappa.fromConfusion(confusion, labelCount: L, weights: weights, allLabels: domain.isExplicit)
            return GoldAgreement(annotator: a, items: Int(n),
                                 accuracy: n > 0 ? .value(correct / n) : .undefined("labelled no gold item"),
                                 kappa: n > 0 ? kappa : .undefined("labelled no gold item"))
        }
        return Result(annotators: annotators, itemsLabelled: labelled, itemsUnlabelled: gold.labels.count - labelled)
    }
}
