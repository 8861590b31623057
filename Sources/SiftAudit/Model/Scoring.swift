import SiftCore

/// Turns a level's findings into its 0-100 score.
///
///     score = round(100 × Π over findings (1 − weight(severity) × √rate))
///
/// with weight 1 for errors, 0.5 for warnings and 0.1 for notes, and `rate` the affected share of
/// the dataset. The square root makes small rates visible (1% of empty responses costs 10 points,
/// 25% costs 50) while 100% of records with an error gives 0. The score can only fall when a rate
/// or a severity rises, or a finding is added: it is monotone in each, which the tests check.
public enum Scoring {
    public static func weight(_ severity: Severity) -> Double {
        switch severity {
        case .error: return 1
        case .warning: return 0.5
        case .info: return 0.1
        }
    }

    public static func score(_ findings: [AuditFinding]) -> Int {
        var product = 1.0
        for finding in findings {
            product *= 1 - weight(finding.severity) * finding.rate.squareRoot()
        }
        return Int((100 * max(0, product)).rounded())
    }
}
