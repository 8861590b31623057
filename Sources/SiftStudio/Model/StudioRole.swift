/// Who a studio user is. Annotators label the items assigned to them and see only their own
/// labels; reviewers review synthetic data and see agreement and per-annotator figures; admins
/// also manage users, projects, guidelines and phases.
public enum StudioRole: String, Sendable, CaseIterable {
    case admin, annotator, reviewer

    /// Agreement, disagreements and everybody's labels (outside a blind pilot for annotators, never).
    public var seesEveryone: Bool { self != .annotator }
}

/// The phase of a labelling project (the seed's workflow): a blind pilot with a fixed set of
/// annotators on the same items, then scaling up with one annotator per item plus overlap and
/// gold for QA.
public enum ProjectPhase: String, Sendable, CaseIterable {
    case pilot, scale
}
