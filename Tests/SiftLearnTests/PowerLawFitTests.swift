import Testing
import Foundation
@testable import SiftLearn

@Suite struct PowerLawFitTests {
    @Test func recoversAKnownCurve() throws {
        let sizes: [Double] = [100, 300, 1000, 3000, 10000]
        let errors = sizes.map { 2.0 * pow($0, -0.5) + 0.05 }
        let fit = try #require(PowerLawFit.fit(sizes: sizes, errors: errors))
        #expect(abs(fit.a - 2) < 1e-3 && abs(fit.b - 0.5) < 1e-4 && abs(fit.c - 0.05) < 1e-5)
        // error 0.07 needs (2 / 0.02)^2 = 10,000 examples.
        let n = try #require(fit.size(forError: 0.07))
        #expect(abs(n - 10_000) < 10)
        #expect(fit.size(forError: 0.04) == nil)
    }

    @Test func needsThreeSizes() {
        #expect(PowerLawFit.fit(sizes: [100, 200], errors: [0.3, 0.2]) == nil)
    }

    @Test func roughCountsHaveTwoSignificantDigits() {
        #expect(CurveText.roughCount(12_345) == "12,000")
        #expect(CurveText.roughCount(987) == "990")
        #expect(CurveText.roughCount(42) == "42")
    }
}
