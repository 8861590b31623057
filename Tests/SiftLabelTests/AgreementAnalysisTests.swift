import Foundation
import SiftCore
import Testing
@testable import SiftLabel

@Suite("agreement analysis")
struct AgreementAnalysisTests {
    static let rows: [[String?]] = [
        ["pos", "pos", "neg"], ["neg", "neg", "neg"], ["neu", "pos", "neg"],
        ["pos", "pos", nil], ["neu", "neu", "neu"], [nil, "neg", "pos"],
    ]

    func report(_ rows: [[String?]] = rows, annotators: [String] = ["alice", "bob", "carol"], gold: GoldStandard? = nil,
                _ configure: (inout AgreementOptions) -> Void = { _ in }) throws -> AgreementReport {
        let table = try AnnotationTable.matrix(rows, annotators: annotators)
        var options = AgreementOptions()
        options.bootstrap = 200
        configure(&options)
        return try AgreementAnalysis.run(table, input: AnnotationInput(files: ["test"], layout: .wide), gold: gold, options: options)
    }

    @Test("the headline is the mean pairwise kappa, judged against the threshold")
    func verdict() throws {
        let r = try report()
        let mean = r.coefficients.pairs.compactMap(\.kappa.value).reduce(0, +) / 3
        #expect(abs(r.headline.value! - mean) < 1e-15)
        #expect(!r.passed)
        let lenient = try report { $0.threshold = 0.3 }
        #expect(lenient.passed)
        let alpha = try report { $0.metric = .krippendorffAlpha; $0.threshold = 0.3 }
        #expect(alpha.headline == alpha.coefficients.alpha[.nominal])
    }

    @Test("the bootstrap is deterministic for a seed and brackets the estimate")
    func bootstrap() throws {
        let a = try report { $0.seed = 7 }
        let b = try report { $0.seed = 7 }
        let c = try report { $0.seed = 8 }
        #expect(a.intervals == b.intervals)
        #expect(a.intervals != c.intervals)
        let interval = try #require(a.intervals[.percentAgreement])
        #expect(interval.lower <= a.coefficients.percentAgreement.value! && a.coefficients.percentAgreement.value! <= interval.upper)
        #expect(interval.replicates == 200)
        let none = try report { $0.bootstrap = 0 }
        #expect(none.intervals.isEmpty)
    }

    @Test("resampling draws whole items: a perfectly agreeing study has a degenerate interval at 1")
    func bootstrapPerfect() throws {
        let r = try report([["a", "a"], ["b", "b"], ["a", "a"], ["c", "c"]], annotators: ["x", "y"])
        #expect(r.intervals[.percentAgreement] == ConfidenceInterval(lower: 1, upper: 1, replicates: 200))
    }

    @Test("undefined metrics carry reasons, never NaN")
    func undefined() throws {
        let r = try report([["a", "a"], ["a", "a"], ["a", nil]], annotators: ["x", "y"])
        #expect(r.coefficients.cohenKappa.value == nil)
        #expect(r.coefficients.pairs[0].kappa.reason?.contains("chance agreement is 1") == true)
        #expect(r.coefficients.alpha[.nominal]?.reason?.contains("at least two distinct labels") == true)
        #expect(r.coefficients.value(of: .gwetAC1, level: .nominal).value == nil)
        #expect(r.coefficients.percentAgreement.value == 1)
        // Foundation's parser rejects NaN and infinity: the document must parse.
        let json = JSONWriter().string(r.json)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
        #expect(r.json["reasons"]?["cohen_kappa"]?.stringValue != nil)
        #expect(r.json["verdict"] == "fail")
    }

    @Test("one annotator is an error")
    func oneAnnotator() throws {
        #expect(throws: SiftError.self) { _ = try report([["a", nil], ["b", nil]], annotators: ["x", "y"]) }
    }

    @Test("per-label specific agreement matches 2 n_kk / (n_k. + n_.k) for two annotators")
    func specificAgreement() throws {
        let r = try report([["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"], ["a", "a"]], annotators: ["x", "y"])
        // n_aa = 2, row a = 3, column a = 2: 4 / 5. n_bb = 2, row b = 2, column b = 3: 4 / 5.
        #expect(r.perLabel.map { $0.specificAgreement.value! } == [0.8, 0.8])
        #expect(r.confusions.map(\.count) == [1])
    }

    @Test("confusions count annotator pairs; disagreements are ordered, majority found")
    func disagreements() throws {
        let r = try report()
        // neg/pos: item 1 (2 pairs), item 3 (1), item 6 (1); neg/neu: item 3; neu/pos: item 3.
        #expect(r.confusions.map { [r.label($0.first), r.label($0.second), "\(Int($0.count))"] }
            == [["neg", "pos", "4"], ["neg", "neu", "1"], ["neu", "pos", "1"]])
        #expect(r.disagreements.map { r.table.items[$0.item] } == ["2", "5", "0"])
        #expect(r.disagreements.map(\.majority) == [nil, nil, 2])
        #expect(r.noMajority.count == 2)
    }

    @Test("gold: accuracy and kappa per annotator, gold-only labels join the domain")
    func gold() throws {
        var gold = GoldStandard()
        for (item, label) in [("0", "pos"), ("1", "neg"), ("2", "other"), ("9", "pos")] {
            try gold.add(item: item, label: label, at: RecordLocation(file: "gold.csv", line: 2, index: 0))
        }
        let r = try report(gold: gold)
        let result = try #require(r.gold)
        #expect(result.itemsLabelled == 3 && result.itemsUnlabelled == 1)
        let alice = result.annotators[0]
        #expect(alice.items == 3)
        #expect(alice.accuracy.value! == 2.0 / 3.0)
        #expect(alice.kappa.value != nil)
        #expect(throws: SiftError.self) { try gold.add(item: "0", label: "neg", at: RecordLocation(file: "gold.csv", line: 9, index: 0)) }
    }

    @Test("windows group items by the week of their first label, Monday first")
    func windows() throws {
        var builder = try AnnotationTableBuilder()
        // 2024-03-03 is a Sunday, 2024-03-04 a Monday.
        let days: [(String, Double)] = [("a", 19_785), ("b", 19_786), ("c", 19_792)]
        for (item, day) in days {
            for (annotator, label) in [("x", "p"), ("y", item == "c" ? "q" : "p")] {
                try builder.add(item: item, annotator: annotator, label: label, time: day * 86_400 + 3600,
                                at: RecordLocation(file: "t", line: 1, index: 0))
            }
        }
        let table = try builder.build(duplicates: .fail).table
        var options = AgreementOptions()
        options.bootstrap = 0
        options.metric = .percentAgreement
        let r = try AgreementAnalysis.run(table, input: AnnotationInput(files: ["t"], layout: .long), options: options)
        let windows = try #require(r.windows)
        #expect(windows.map { TimeWindows.date($0.start) } == ["2024-02-26", "2024-03-04"])
        #expect(windows.map(\.items) == [1, 2])
        #expect(windows.map(\.value) == [.value(1), .value(0.5)])
        #expect(TimeWindows.date(TimeWindows.start(of: 19_792 * 86_400, .month)) == "2024-03-01")
    }

    @Test("the JSON contract has every key the issue lists")
    func contract() throws {
        let json = try report().json
        for key in ["items", "annotators", "labels", "percent_agreement", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha",
                    "scott_pi", "gwet_ac1", "ci", "per_label", "confusions", "disagreements", "threshold", "verdict"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let pair = try #require(json["cohen_kappa"]?["pairs"]?.arrayValue?.first)
        #expect(pair["a"] == "alice" && pair["b"] == "bob" && pair["n"] == 5 && pair["kappa"]?.doubleValue != nil)
        #expect(json["cohen_kappa"]?["mean"]?.doubleValue != nil)
        #expect(json["confusions"]?.arrayValue?.first == ["labels": ["neg", "pos"], "count": 4])
        #expect(json["disagreements"]?.arrayValue?.first?["labels"] == ["alice": "neu", "bob": "pos", "carol": "neg"])
        #expect(json["ci"]?["cohen_kappa"]?.arrayValue?.count == 2)
    }
}

@Suite("annotator departures")
struct DepartureTests {
    @Test("a departure is counted against the majority of the other annotators")
    func departures() throws {
        let rows: [[String?]] = [
            ["neu", "neu", "neg"], ["neu", "neu", "neg"], ["pos", "pos", "pos"],
            ["neg", "pos", "neu"], ["neu", "neu", nil],
        ]
        let table = try AnnotationTable.matrix(rows, annotators: ["a", "b", "c"])
        let found = ItemReview.departures(table)
        let (neg, neu) = (table.domain.names.firstIndex(of: "neg")!, table.domain.names.firstIndex(of: "neu")!)
        // c read neutral as negative twice; on item 3 nobody has a majority of the others; item 4
        // has one other label only.
        #expect(found[2] == [Departure(majority: neu, label: neg, count: 2)])
        #expect(found[0].isEmpty && found[1].isEmpty)
    }
}
