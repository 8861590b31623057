/// A coefficient's value, or the reason it has none.
///
/// Agreement coefficients are ratios that are undefined for some data: kappa when both annotators
/// used one label only (chance agreement is 1), alpha when no item has two labels. Reference tools
/// answer NaN there (scikit-learn, the `krippendorff` package) or raise; Sift carries the reason
/// so that reports say why, and JSON gets `null` instead of a NaN no parser accepts.
public enum MetricValue: Sendable, Equatable {
    case value(Double)
    case undefined(String)

    public var value: Double? {
        if case .value(let v) = self { return v }
        return nil
    }

    public var reason: String? {
        if case .undefined(let r) = self { return r }
        return nil
    }

    /// `1 - observed / expected` style ratios: undefined (with `reason`) when the ratio is not a
    /// finite number, which is exactly when the reference implementations return NaN or infinity.
    static func finite(_ x: Double, else reason: @autoclosure () -> String) -> MetricValue {
        x.isFinite ? .value(x) : .undefined(reason())
    }
}
