/// Limited-memory BFGS (Nocedal and Wright, "Numerical Optimization", 2nd ed., Algorithm 7.4, the
/// two-loop recursion, and Algorithm 3.1, backtracking with the Armijo condition), deterministic:
/// the iterates depend only on the objective, which Sift computes in a fixed order whatever the
/// thread count.
///
/// Settings: memory m = 10; start at zero; first step length 1/|g|, then 1; Armijo constant 1e-4,
/// halving the step up to 40 times; a pair (s, y) is kept only when s·y > 1e-10·y·y (curvature);
/// stop when max|g| <= `gradientTolerance`, after `maxIterations`, or when a step no longer
/// lowers the objective.
public struct LBFGS: Sendable {
    public var memory = 10
    public var maxIterations = 200
    public var gradientTolerance = 1e-5

    public init(maxIterations: Int = 200, gradientTolerance: Double = 1e-5) {
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
    }

    public struct Result: Sendable {
        public var x: [Double]
        public var value: Double
        public var iterations: Int
        public var converged: Bool
    }

    /// Minimises `objective`, which returns the value and the gradient at a point.
    public func minimize(start: [Double], _ objective: ([Double]) -> (Double, [Double])) -> Result {
        var x = start
        var (f, g) = objective(x)
        var sHistory: [[Double]] = []
        var yHistory: [[Double]] = []
        var rhoHistory: [Double] = []
        var iteration = 0
        while iteration < maxIterations {
            if maxAbs(g) <= gradientTolerance { return Result(x: x, value: f, iterations: iteration, converged: true) }
            // Two-loop recursion: d = -H g.
            var q = g
            var alphas = [Double](repeating: 0, count: sHistory.count)
            for i in stride(from: sHistory.count - 1, through: 0, by: -1) {
                alphas[i] = rhoHistory[i] * dot(sHistory[i], q)
                axpy(-alphas[i], yHistory[i], &q)
            }
            if let s = sHistory.last, let y = yHistory.last {
                let gamma = dot(s, y) / dot(y, y)
                for i in q.indices { q[i] *= gamma }
            }
            for i in 0..<sHistory.count {
                let beta = rhoHistory[i] * dot(yHistory[i], q)
                axpy(alphas[i] - beta, sHistory[i], &q)
            }
            var direction = q
            for i in direction.indices { direction[i] = -direction[i] }
            var slope = dot(g, direction)
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                direction = g.map { -$0 }
                slope = dot(g, direction)
            }
            var step = sHistory.isEmpty ? 1 / max(dot(g, g).squareRoot(), 1e-12) : 1
            var accepted: (x: [Double], f: Double, g: [Double])?
            for _ in 0..<40 {
                var candidate = x
                axpy(step, direction, &candidate)
                let (fc, gc) = objective(candidate)
                if fc <= f + 1e-4 * step * slope {
                    accepted = (candidate, fc, gc)
                    break
                }
                step /= 2
            }
            guard let next = accepted else { break }
            let (xNew, fNew, gNew) = (next.x, next.f, next.g)
            iteration += 1
            var s = xNew
            axpy(-1, x, &s)
            var y = gNew
            axpy(-1, g, &y)
            let sy = dot(s, y)
            if sy > 1e-10 * dot(y, y) {
                if sHistory.count == memory {
                    sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst()
                }
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
            }
            let decrease = f - fNew
            x = xNew; f = fNew; g = gNew
            if decrease <= 1e-12 * max(abs(f), 1) { break }
        }
        return Result(x: x, value: f, iterations: iteration, converged: maxAbs(g) <= gradientTolerance)
    }
}

// Unchecked loops (buffer pointers): on a model of a million parameters these run 40 times per
// iteration. Same operations in the same order as the plain loops.
func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            var sum = 0.0
            for i in 0..<a.count { sum += a[i] * b[i] }
            return sum
        }
    }
}

func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    precondition(x.count == y.count)
    x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
            for i in 0..<y.count { y[i] += alpha * x[i] }
        }
    }
}

func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
