import Foundation

/// The learning-curve model error(n) = a·n^(−b) + c (Hestness et al., "Deep Learning Scaling is
/// Predictable, Empirically", 2017; Cortes et al., NeurIPS 1993), fitted by least squares on
/// the mean error at each size with a ≥ 0, b > 0, c ≥ 0.
///
/// For a fixed b the model is linear in (a, c), so it is solved in closed form; b is searched on
/// a log grid of 400 points over [0.01, 4], then refined by golden-section search around the
/// best grid point. Deterministic, no starting guess to tune.
public struct PowerLawFit: Sendable, Equatable {
    public var a: Double
    public var b: Double
    public var c: Double
    /// Sum of squared residuals.
    public var residual: Double

    public func error(at n: Double) -> Double { a * pow(n, -b) + c }

    /// The smallest n with error(n) <= targetError, or nil when the asymptote c is at or above it.
    public func size(forError targetError: Double) -> Double? {
        guard targetError > c, a > 0 else { return nil }
        return pow(a / (targetError - c), 1 / b)
    }

    /// Needs three sizes or more (three parameters).
    public static func fit(sizes: [Double], errors: [Double]) -> PowerLawFit? {
        guard sizes.count >= 3, sizes.count == errors.count else { return nil }
        func solve(_ b: Double) -> PowerLawFit {
            let x = sizes.map { pow($0, -b) }
            let m = Double(x.count)
            let sx = x.reduce(0, +), sy = errors.reduce(0, +)
            let sxx = dot(x, x), sxy = dot(x, errors)
            let determinant = m * sxx - sx * sx
            var a = determinant != 0 ? (m * sxy - sx * sy) / determinant : 0
            var c = (sy - a * sx) / m
            if c < 0 { c = 0; a = sxx > 0 ? sxy / sxx : 0 }
            if a < 0 { a = 0; c = sy / m }
            var residual = 0.0
            for i in x.indices { let r = a * x[i] + c - errors[i]; residual += r * r }
            return PowerLawFit(a: a, b: b, c: c, residual: residual)
        }
        let grid = (0..<400).map { 0.01 * pow(400, Double($0) / 399) }
        var best = grid.map(solve).min { $0.residual < $1.residual }!
        let at = grid.firstIndex(of: best.b)!
        var low = grid[max(at - 1, 0)], high = grid[min(at + 1, grid.count - 1)]
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<60 {
            let m1 = high - ratio * (high - low), m2 = low + ratio * (high - low)
            if solve(m1).residual < solve(m2).residual { high = m2 } else { low = m1 }
        }
        let refined = solve((low + high) / 2)
        if refined.residual < best.residual { best = refined }
        return best
    }
}
