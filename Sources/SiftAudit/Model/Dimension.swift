/// The six levels of the data quality pyramid (Huyen, *AI Engineering*, ch. 8), base first:
/// accuracy, completeness, consistency, diversity, freshness, uniqueness. `provenance` is not a
/// level: it holds where the data came from (the synthetic share), which the pyramid does not score
/// but a team must see, because training on mostly synthetic data risks model collapse.
public enum Dimension: String, Sendable, CaseIterable, Hashable {
    case accuracy, completeness, consistency, diversity, freshness, uniqueness, provenance

    /// The scored levels, from the base of the pyramid to its apex (the order of the source diagram).
    public static let pyramid: [Dimension] = [.accuracy, .completeness, .consistency, .diversity, .freshness, .uniqueness]

    /// The question each level answers, as the source diagram puts it.
    public var question: String {
        switch self {
        case .accuracy: return "Is the data correct?"
        case .completeness: return "Are all cases covered?"
        case .consistency: return "Are labels uniform?"
        case .diversity: return "Does it cover edge cases?"
        case .freshness: return "Is it up to date?"
        case .uniqueness: return "Are duplicates removed?"
        case .provenance: return "Where does it come from?"
        }
    }
}
