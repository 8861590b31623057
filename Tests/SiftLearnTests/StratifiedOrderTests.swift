import Testing
@testable import SiftLearn

@Suite struct StratifiedOrderTests {
    @Test func prefixesKeepClassProportionsAndNest() {
        // 600 of class 0, 300 of class 1, 100 of class 2.
        let labels = (0..<1000).map { $0 < 600 ? 0 : $0 < 900 ? 1 : 2 }
        let order = StratifiedOrder.nested(Array(0..<1000), labels: labels, classCount: 3, seed: 4)
        #expect(Set(order).count == 1000)
        for n in [10, 100, 500] {
            let counts = (0..<3).map { c in order.prefix(n).filter { labels[$0] == c }.count }
            let expected = [0.6, 0.3, 0.1].map { $0 * Double(n) }
            for c in 0..<3 { #expect(abs(Double(counts[c]) - expected[c]) <= 1, "n=\(n) class \(c)") }
        }
        #expect(StratifiedOrder.nested(Array(0..<1000), labels: labels, classCount: 3, seed: 5) != order)
        #expect(StratifiedOrder.nested(Array(0..<1000), labels: labels, classCount: 3, seed: 4) == order)
    }

    @Test func foldsAreStratifiedAndBalanced() {
        let labels = (0..<103).map { $0 % 3 == 0 ? 1 : 0 }
        let folds = StratifiedOrder.folds(count: 103, labels: labels, classCount: 2, folds: 5, seed: 1)
        let sizes = (0..<5).map { f in folds.filter { $0 == f }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        for f in 0..<5 {
            let ones = folds.indices.filter { folds[$0] == f && labels[$0] == 1 }.count
            #expect(ones == 6 || ones == 7 || ones == 8)
        }
    }
}
