import SiftCore

extension SplitMix64 {
    /// The generator of bootstrap resample `replicate`: its own stream, seeded from the study's
    /// seed and the resample's number, so resamples can run on any thread in any order.
    static func resample(_ replicate: Int, seed: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(replicate) &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire 2019, "Fast random integer
    /// generation in an interval", *ACM TOMACS* 29(1)). Spelled out rather than
    /// `Int.random(in:using:)`, whose algorithm the standard library may change: the same seed
    /// must give the same resamples in every Swift version.
    mutating func below(_ bound: Int) -> Int {
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }
}
