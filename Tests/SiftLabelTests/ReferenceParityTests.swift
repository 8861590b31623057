import Foundation
import Testing
@testable import SiftLabel

/// Every coefficient against the values scikit-learn, statsmodels, krippendorff and irrCAC
/// computed for the same random studies (Tests/Fixtures/agreement/parity.json, written by
/// scripts/agreement_parity.py). CI also reruns the script on fresh random studies.
@Suite("reference parity")
struct ReferenceParityTests {
    struct Case {
        var name: String
        var annotators: [String]
        var labels: [String]?
        var matrix: [[String?]]
        var expected: [String: Any]
    }

    static let tolerance = 1e-9

    static func loadCases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/agreement/parity.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(document["cases"] as? [[String: Any]])
        return try cases.map { c in
            Case(name: try #require(c["name"] as? String),
                 annotators: try #require(c["annotators"] as? [String]),
                 labels: c["labels"] as? [String],
                 matrix: try #require(c["matrix"] as? [[Any]]).map { row in row.map { $0 as? String } },
                 expected: try #require(c["expected"] as? [String: Any]))
        }
    }

    /// `expected` is a number, null (undefined) or "skip" (no reference available).
    static func check(_ actual: MetricValue, _ expected: Any?, _ what: String) {
        if expected is String { return }
        if let number = expected as? NSNumber {
            guard let value = actual.value else {
                Issue.record("\(what): expected \(number), got undefined (\(actual.reason ?? ""))")
                return
            }
            #expect(abs(value - number.doubleValue) <= tolerance, "\(what): expected \(number), got \(value)")
        } else {
            #expect(actual.value == nil, "\(what): expected undefined, got \(String(describing: actual.value))")
            #expect(actual.reason?.isEmpty == false, "\(what): an undefined value needs a reason")
        }
    }

    @Test("fixtures cover every kind of study")
    func coverage() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 50)
        #expect(Set(cases.map { $0.name.split(separator: "_").last! }) == ["text", "ordinal", "interval", "ratio"])
        #expect(cases.contains { $0.labels != nil })
        #expect(cases.contains { $0.matrix.contains { $0.contains { $0 == nil } } })
        #expect(Set(cases.map(\.annotators.count)) == [2, 3, 4, 5])
    }

    @Test("Cohen's kappa per pair equals scikit-learn (none, linear, quadratic)", arguments: KappaWeights.allCases)
    func cohen(weights: KappaWeights) throws {
        for c in try Self.loadCases() {
            let table = try AnnotationTable.matrix(c.matrix, annotators: c.annotators, labels: c.labels)
            let (patterns, _) = RatingPatterns.grouping(table)
            let pairs = PairwiseAgreement(patterns).compute(patterns.weights, kappa: weights, allLabels: table.domain.isExplicit)
            let expected = try #require((c.expected["cohen"] as? [String: Any])?[weights.rawValue] as? [[String: Any]])
            #expect(pairs.count == expected.count, "\(c.name): pairs")
            for e in expected {
                let a = try #require(c.annotators.firstIndex(of: e["a"] as! String))
                let b = try #require(c.annotators.firstIndex(of: e["b"] as! String))
                let pair = try #require(pairs.first { $0.a == a && $0.b == b })
                #expect(pair.items == (e["n"] as! NSNumber).doubleValue)
                Self.check(pair.kappa, e["kappa"], "\(c.name) \(weights) kappa \(a)/\(b)")
            }
        }
    }

    @Test("Fleiss' kappa equals statsmodels on the items with the most common number of labels")
    func fleiss() throws {
        for c in try Self.loadCases() {
            let table = try AnnotationTable.matrix(c.matrix, annotators: c.annotators, labels: c.labels)
            let result = FleissKappa.compute(RatingPatterns.grouping(table).patterns)
            let expected = try #require(c.expected["fleiss"] as? [String: Any])
            Self.check(result.kappa, expected["kappa"], "\(c.name) fleiss")
            #expect(result.items == (expected["items"] as! NSNumber).doubleValue, "\(c.name) fleiss items")
            #expect(result.labelsPerItem == (expected["labels_per_item"] as! NSNumber).intValue, "\(c.name) fleiss m")
        }
    }

    @Test("Krippendorff's alpha equals the krippendorff package", arguments: MeasurementLevel.allCases)
    func alpha(level: MeasurementLevel) throws {
        for c in try Self.loadCases() {
            let table = try AnnotationTable.matrix(c.matrix, annotators: c.annotators, labels: c.labels)
            let alpha = KrippendorffAlpha.compute(RatingPatterns.grouping(table).patterns, level: level, domain: table.domain)
            Self.check(alpha, (c.expected["alpha"] as? [String: Any])?[level.rawValue], "\(c.name) alpha \(level)")
        }
    }

    @Test("Scott's pi, Gwet's AC1 and percent agreement equal irrCAC")
    func gwet() throws {
        for c in try Self.loadCases() {
            let table = try AnnotationTable.matrix(c.matrix, annotators: c.annotators, labels: c.labels)
            let patterns = RatingPatterns.grouping(table).patterns
            Self.check(ScottPi.compute(patterns), c.expected["scott_pi"], "\(c.name) scott")
            Self.check(GwetAC1.compute(patterns), c.expected["gwet_ac1"], "\(c.name) ac1")
            Self.check(PercentAgreement.observed(patterns), c.expected["percent_agreement"], "\(c.name) pa")
        }
    }
}
