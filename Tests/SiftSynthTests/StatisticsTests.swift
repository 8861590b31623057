import Testing
@testable import SiftSynth

@Suite("review statistics")
struct StatisticsTests {
    /// Reference: the Wilson formula with scipy.stats.norm.ppf (equal to statsmodels'
    /// proportion_confint(method="wilson")).
    @Test("Wilson interval", arguments: [
        (16, 20, 0.95, 0.5839825677481065, 0.9193423374202019),
        (0, 10, 0.95, 0.0, 0.2775327998628892),
        (10, 10, 0.95, 0.7224672001371107, 0.9999999999999999),
        (45, 50, 0.90, 0.8084624858484292, 0.9504709655225548),
        (7, 9, 0.99, 0.36453041217234045, 0.9552670337329567),
    ])
    func wilson(successes: Int, trials: Int, confidence: Double, lower: Double, upper: Double) {
        let interval = WilsonInterval(successes: successes, trials: trials, confidence: confidence)
        #expect(abs(interval.lower - lower) < 1e-9)
        #expect(abs(interval.upper - upper) < 1e-9)
    }

    @Test("normal quantile to double precision")
    func quantile() {
        #expect(abs(NormalQuantile.of(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalQuantile.of(0.995) - 2.5758293035489004) < 1e-12)
        #expect(abs(NormalQuantile.of(0.01) - -2.3263478740408408) < 1e-12)
        #expect(abs(NormalQuantile.of(0.6) - 0.2533471031357997) < 1e-12)
    }

    @Test("stratified sample: seeded, rounded up per stratum, every stratum present")
    func stratifiedSample() {
        let strata = Array(repeating: "self-instruct", count: 47) + Array(repeating: "evol-instruct", count: 12) + ["distill"]
        let first = ReviewSample.select(strata: strata, rate: 0.2, seed: 7)
        #expect(first == ReviewSample.select(strata: strata, rate: 0.2, seed: 7))
        #expect(first != ReviewSample.select(strata: strata, rate: 0.2, seed: 8))
        #expect(first.filter { strata[$0] == "self-instruct" }.count == 10)
        #expect(first.filter { strata[$0] == "evol-instruct" }.count == 3)
        #expect(first.filter { strata[$0] == "distill" }.count == 1)
    }

    @Test("mix cap keeps the share at or below the limit")
    func mixCap() {
        #expect(SyntheticMix.allowedSynthetic(real: 100, available: 500, maxShare: 0.5) == 100)
        #expect(SyntheticMix.allowedSynthetic(real: 100, available: 500, maxShare: 0.3) == 42)
        #expect(SyntheticMix.allowedSynthetic(real: 100, available: 20, maxShare: 0.5) == 20)
        #expect(SyntheticMix.allowedSynthetic(real: 0, available: 20, maxShare: 0.5) == 0)
        #expect(SyntheticMix.allowedSynthetic(real: 7, available: 20, maxShare: 1) == 20)
        for real in [1, 3, 10, 99, 1000] {
            for share in [0.1, 0.25, 1.0 / 3, 0.5, 0.9] {
                let kept = SyntheticMix.allowedSynthetic(real: real, available: 100_000, maxShare: share)
                #expect(Double(kept) / Double(real + kept) <= share + 1e-12)
                #expect(Double(kept + 1) / Double(real + kept + 1) > share)
            }
        }
    }

    @Test("selection sampling takes exactly n, each item equally often")
    func selectionSampling() {
        var counts = [Int](repeating: 0, count: 10)
        for seed in 0..<2000 {
            var sampler = SelectionSampler(select: 3, from: 10, seed: UInt64(seed))
            var taken = 0
            for i in 0..<10 where sampler.next() {
                counts[i] += 1
                taken += 1
            }
            #expect(taken == 3)
        }
        // Each item is taken 600 times in expectation (sd ≈ 20.5); 5 sd either side.
        #expect(counts.allSatisfy { abs($0 - 600) < 103 })
    }
}
