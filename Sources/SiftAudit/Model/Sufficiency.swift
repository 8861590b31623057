/// The minimum and the sweet spot of a purpose, and the unit they count.
public struct SufficiencyThresholds: Sendable, Equatable {
    public enum Unit: String, Sendable {
        case records, documents
        /// Estimated as characters / 4, OpenAI's rule of thumb for English BPE tokenizers.
        case tokens
    }

    public var unit: Unit
    public var minimum: Int
    public var sweetSpot: ClosedRange<Int>
}

/// Whether there is enough data for the purpose. The count is of distinct records (exact
/// duplicates add no information, so they do not make a dataset bigger), or of estimated tokens
/// for pretraining.
public struct Sufficiency: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        case belowMinimum = "below_minimum"
        case adequate
        case sweetSpot = "sweet_spot"
        case aboveSweetSpot = "above_sweet_spot"
    }

    public var purpose: Purpose
    public var count: Int
    public var thresholds: SufficiencyThresholds

    public init(purpose: Purpose, count: Int) {
        self.purpose = purpose
        self.count = count
        thresholds = purpose.thresholds
    }

    /// Below the minimum; from the minimum up to (not including) the sweet spot; inside the sweet
    /// spot, both ends included; beyond it.
    public var verdict: Verdict {
        if count < thresholds.minimum { return .belowMinimum }
        if count < thresholds.sweetSpot.lowerBound { return .adequate }
        if count <= thresholds.sweetSpot.upperBound { return .sweetSpot }
        return .aboveSweetSpot
    }

    /// One sentence for people.
    public var explanation: String {
        let unit = thresholds.unit.rawValue
        let range = "\(thresholds.sweetSpot.lowerBound)-\(thresholds.sweetSpot.upperBound)"
        switch verdict {
        case .belowMinimum:
            return "\(count) \(unit) is below the minimum of \(thresholds.minimum) for \(purpose.rawValue); collect more data before relying on it"
        case .adequate:
            return "\(count) \(unit) meets the minimum of \(thresholds.minimum) for \(purpose.rawValue); the sweet spot is \(range)"
        case .sweetSpot:
            return "\(count) \(unit) is in the sweet spot (\(range)) for \(purpose.rawValue)"
        case .aboveSweetSpot:
            return "\(count) \(unit) is above the sweet spot (\(range)) for \(purpose.rawValue): more data now pays less than better data"
        }
    }
}
