import Testing
@testable import SiftLabel

/// Values published with the methods themselves, independent of the fixtures.
@Suite("published values")
struct PublishedValueTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4-coder example with
    /// missing values (also the `krippendorff` package's doctest): ordinal 0.815, ratio 0.797 and,
    /// as text labels, nominal 0.743.
    static let coders: [[Double?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]

    static func table(_ coders: [[Double?]]) throws -> AnnotationTable {
        let rows = coders[0].indices.map { unit in coders.map { $0[unit].map { String(Int($0)) } } }
        return try AnnotationTable.matrix(rows, annotators: coders.indices.map { "coder\($0)" })
    }

    @Test("Krippendorff's worked example")
    func krippendorffExample() throws {
        let table = try Self.table(Self.coders)
        let patterns = RatingPatterns.grouping(table).patterns
        func alpha(_ level: MeasurementLevel) -> Double { KrippendorffAlpha.compute(patterns, level: level, domain: table.domain).value ?? .nan }
        #expect(abs(alpha(.ordinal) - 0.815) < 0.0005)
        #expect(abs(alpha(.ratio) - 0.797) < 0.0005)
        #expect(abs(alpha(.interval) - 0.849) < 0.0005)
        #expect(abs(alpha(.nominal) - 0.743) < 0.0005)
    }

    /// The `krippendorff` package's first doctest: nominal 0.691358, interval 0.810845.
    @Test("krippendorff package doctest")
    func packageExample() throws {
        let coders: [[Double?]] = [
            [nil, nil, nil, nil, nil, 3, 4, 1, 2, 1, 1, 3, 3, nil, 3],
            [1, nil, 2, 1, 3, 3, 4, 3, nil, nil, nil, nil, nil, nil, nil],
            [nil, nil, 2, 1, 3, 4, 4, nil, 2, 1, 1, 3, 3, nil, 4],
        ]
        let table = try Self.table(coders)
        let patterns = RatingPatterns.grouping(table).patterns
        #expect(abs(KrippendorffAlpha.compute(patterns, level: .nominal, domain: table.domain).value! - 0.691358) < 5e-7)
        #expect(abs(KrippendorffAlpha.compute(patterns, level: .interval, domain: table.domain).value! - 0.810845) < 5e-7)
    }

    /// Fleiss (1971) as worked on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters,
    /// 5 categories; P-bar = 0.378, P_e = 0.213, kappa = 0.210.
    @Test("Fleiss' kappa worked example")
    func fleissExample() throws {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let rows: [[String?]] = counts.map { row in row.enumerated().flatMap { k, n in Array(repeating: "c\(k + 1)", count: n) } }
        let table = try AnnotationTable.matrix(rows, annotators: (0..<14).map { "r\($0)" })
        let result = FleissKappa.compute(RatingPatterns.grouping(table).patterns)
        #expect(abs(result.kappa.value! - 0.210) < 0.0005)
        #expect(result.items == 10 && result.labelsPerItem == 14)
    }

    /// scikit-learn's `cohen_kappa_score` docstring example: 0.6875.
    @Test("scikit-learn docstring example")
    func sklearnExample() throws {
        let y1 = ["negative", "positive", "negative", "neutral", "positive"]
        let y2 = ["negative", "positive", "negative", "neutral", "negative"]
        let table = try AnnotationTable.matrix(zip(y1, y2).map { [$0, $1] }, annotators: ["y1", "y2"])
        let patterns = RatingPatterns.grouping(table).patterns
        let pair = PairwiseAgreement(patterns).compute(patterns.weights, kappa: .none, allLabels: false)
        #expect(pair.count == 1)
        #expect(abs(pair[0].kappa.value! - 0.6875) < 1e-12)
    }
}
