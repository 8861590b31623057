/// Confident learning (Northcutt, Jiang and Chuang, "Confident Learning: Estimating Uncertainty in
/// Dataset Labels", JAIR 70, 2021), with the definitions of cleanlab 2.x's
/// `cleanlab.filter.find_label_issues(labels, pred_probs)` so that, given the same predicted
/// probabilities, the flagged set is the same:
///
/// 1. Per-class threshold t_k: the mean self-confidence p(k | x) over the records labelled k
///    (`count.get_confident_thresholds`).
/// 2. Confident joint C[given][true] (`count.compute_confident_joint`): a record counts when some
///    p(j | x) >= t_j - 1e-6; its true-label guess is that class, or the argmax when several
///    classes qualify. The diagonal is raised to at least 1, then calibrated: each row scaled to
///    its label count, the whole to n, and rounded keeping row totals (`calibrate_confident_joint`,
///    `round_preserving_row_totals`, numpy's round-half-to-even).
/// 3. The prune counts (`_keep_at_least_n_per_class` with n = 1, `frac_noise` = 1): C transposed,
///    each diagonal raised to 1 taking the difference evenly from the column's non-zero entries,
///    truncated to integers.
/// 4. `prune_by_noise_rate` (default): among records labelled k, for each other class j, the
///    P[j][k] records with the largest margin p(j | x) - p(k | x) are flagged;
///    `prune_by_class`: the (count_k - P[k][k]) records labelled k with the smallest p(k | x);
///    `both`: flagged by both; `confident_learning`: the off-diagonal records of step 2;
///    `predicted_neq_given`: argmax differs from the label.
/// 5. A record whose argmax is its given label is never flagged.
///
/// Ties in a margin, a probability or a rounding remainder are broken by index order; numpy's
/// default sort leaves tie order unspecified (and CPU-dependent), so there cleanlab's choice is too.
public enum ConfidentLearning {
    public enum FilterBy: String, Sendable, CaseIterable {
        case pruneByNoiseRate = "prune_by_noise_rate"
        case pruneByClass = "prune_by_class"
        case both
        case confidentLearning = "confident_learning"
        case predictedNeqGiven = "predicted_neq_given"
    }

    public struct Result: Sendable {
        public var thresholds: [Double]
        /// Calibrated confident joint, rows = given label, columns = true label.
        public var confidentJoint: [[Int]]
        public var flagged: [Bool]
        /// Flagged record indices, lowest self-confidence first (ties by record order).
        public var ranked: [Int]
        public var selfConfidence: [Double]
        /// The most probable class of each record (numpy argmax).
        public var suggested: [Int]

        /// The share of wrong labels the calibrated confident joint estimates (off-diagonal mass).
        public var estimatedNoiseRate: Double {
            var total = 0, diagonal = 0
            for (i, row) in confidentJoint.enumerated() {
                total += row.reduce(0, +)
                diagonal += row[i]
            }
            return total == 0 ? 0 : Double(total - diagonal) / Double(total)
        }
    }

    public static func findLabelIssues(labels: [Int], probabilities: [[Double]], classCount k: Int,
                                       filterBy: FilterBy = .pruneByNoiseRate) -> Result {
        let n = labels.count
        precondition(probabilities.count == n)
        var counts = [Int](repeating: 0, count: k)
        var selfProbabilities = [[Double]](repeating: [], count: k)
        for i in 0..<n {
            counts[labels[i]] += 1
            selfProbabilities[labels[i]].append(probabilities[i][labels[i]])
        }
        // Classes absent from the labels get a threshold no probability reaches (cleanlab's BIG_VALUE).
        let thresholds = (0..<k).map { counts[$0] > 0 ? max(NumpySum.mean(selfProbabilities[$0]), 2e-6) : 2 }
        let suggested = probabilities.map(argmax)

        // Step 2: confident joint.
        var joint = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var offDiagonal: [Int] = []
        for i in 0..<n {
            var confident = 0, first = -1
            for c in 0..<k where probabilities[i][c] >= thresholds[c] - 1e-6 {
                confident += 1
                if first < 0 { first = c }
            }
            guard confident > 0 else { continue }
            let guess = confident > 1 ? suggested[i] : first
            joint[labels[i]][guess] += 1
            if guess != labels[i] { offDiagonal.append(i) }
        }
        let anyConfident = joint.contains { $0.contains { $0 > 0 } }
        for c in 0..<k { joint[c][c] = max(joint[c][c], 1) }
        let calibrated = calibrate(joint, counts: counts, columnMajor: anyConfident)

        // Step 3: prune counts, P = C^T adjusted.
        var prune = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k { for j in 0..<k { prune[i][j] = Double(calibrated[j][i]) } }
        for column in 0..<k {
            let diagonal = prune[column][column]
            let raised = max(diagonal, 1)
            let nonZero = (0..<k).filter { prune[$0][column] != 0 }.count
            let share = (raised - diagonal) / Double(max(nonZero - 1, 1))
            for row in 0..<k { prune[row][column] = max(prune[row][column] - share, 0) }
            prune[column][column] = raised
        }
        let pruneCounts = prune.map { $0.map { Int($0) } }

        // Step 4: flag.
        var members = [[Int]](repeating: [], count: k)
        for i in 0..<n { members[labels[i]].append(i) }
        func byNoiseRate() -> [Bool] {
            var flagged = [Bool](repeating: false, count: n)
            for given in 0..<k where members[given].count > 1 {
                for other in 0..<k where other != given && pruneCounts[other][given] > 0 {
                    let order = members[given].sorted { a, b in
                        let ma = probabilities[a][other] - probabilities[a][given]
                        let mb = probabilities[b][other] - probabilities[b][given]
                        return ma != mb ? ma > mb : a < b
                    }
                    for i in order.prefix(pruneCounts[other][given]) { flagged[i] = true }
                }
            }
            return flagged
        }
        func byClass() -> [Bool] {
            var flagged = [Bool](repeating: false, count: n)
            for given in 0..<k where members[given].count > 1 {
                let issues = members[given].count - pruneCounts[given][given]
                guard issues >= 1 else { continue }
                let order = members[given].sorted { a, b in
                    probabilities[a][given] != probabilities[b][given] ? probabilities[a][given] < probabilities[b][given] : a < b
                }
                for i in order.prefix(issues) { flagged[i] = true }
            }
            return flagged
        }
        var flagged: [Bool]
        switch filterBy {
        case .pruneByNoiseRate: flagged = byNoiseRate()
        case .pruneByClass: flagged = byClass()
        case .both: flagged = zip(byNoiseRate(), byClass()).map { $0 && $1 }
        case .confidentLearning:
            flagged = [Bool](repeating: false, count: n)
            for i in offDiagonal { flagged[i] = true }
        case .predictedNeqGiven: flagged = (0..<n).map { suggested[$0] != labels[$0] }
        }
        // Step 5.
        for i in 0..<n where suggested[i] == labels[i] { flagged[i] = false }

        let selfConfidence = (0..<n).map { probabilities[$0][labels[$0]] }
        let ranked = (0..<n).filter { flagged[$0] }.sorted { a, b in
            selfConfidence[a] != selfConfidence[b] ? selfConfidence[a] < selfConfidence[b] : a < b
        }
        return Result(thresholds: thresholds, confidentJoint: calibrated, flagged: flagged, ranked: ranked,
                      selfConfidence: selfConfidence, suggested: suggested)
    }

    /// cleanlab's `calibrate_confident_joint`: rows scaled to the label counts, the whole to n,
    /// rounded preserving row totals. `columnMajor`: the order numpy adds the scaled matrix in.
    /// cleanlab builds the joint as a transposed confusion matrix (Fortran order), and `np.sum`
    /// walks memory order, so the total is summed column by column; only an all-zero joint
    /// (`np.zeros`, C order) is summed row by row. The order changes the total's last bit, and with
    /// it which of two x.5 counts rounds up.
    static func calibrate(_ joint: [[Int]], counts: [Int], columnMajor: Bool) -> [[Int]] {
        let k = joint.count
        var scaled = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            let rowSum = max(Double(joint[i].reduce(0, +)), 1e-100)
            for j in 0..<k { scaled[i][j] = Double(joint[i][j]) / rowSum * Double(counts[i]) }
        }
        let memoryOrder = columnMajor ? (0..<k).flatMap { j in (0..<k).map { scaled[$0][j] } } : scaled.flatMap { $0 }
        let total = max(NumpySum.sum(memoryOrder), 1e-100)
        let n = Double(counts.reduce(0, +))
        for i in 0..<k { for j in 0..<k { scaled[i][j] = scaled[i][j] / total * n } }
        return scaled.map(roundPreservingSum)
    }

    /// cleanlab's `round_preserving_sum`: round half to even, then move the largest (or smallest)
    /// remainders one unit until the integers sum to the rounded total.
    static func roundPreservingSum(_ values: [Double]) -> [Int] {
        var ints = values.map { $0.rounded(.toNearestOrEven) }
        let target = NumpySum.sum(values).rounded(.toNearestOrEven)
        var sum = NumpySum.sum(ints)
        while abs(sum - target) > 1e-6 {
            let difference = (target - sum).rounded(.toNearestOrEven)
            let increment = difference < 0 ? -1.0 : 1.0
            let changes = min(Int(abs(difference)), values.count)
            // numpy's argsort of the remainders, reversed when adding. Equal remainders (x.5 counts
            // are common) are taken in index order; numpy leaves their order unspecified, and its
            // AVX-512 sort differs from its introsort there, so cleanlab's own choice on such a tie
            // depends on the CPU (scripts/learn_parity.py compares with stable ties).
            var order = values.indices.sorted { a, b in
                let ra = values[a] - ints[a], rb = values[b] - ints[b]
                return ra != rb ? ra < rb : a < b
            }
            if increment > 0 { order.reverse() }
            for i in order.prefix(changes) { ints[i] += increment }
            sum = NumpySum.sum(ints)
        }
        return ints.map { Int($0) }
    }
}
