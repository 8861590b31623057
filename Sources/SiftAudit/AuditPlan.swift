import SiftCore

/// The checks an audit runs, in report order. This list is the one place to add a check: a type
/// conforming to `AuditCheck` (see `docs/audit.md`, "Adding a check").
public enum AuditPlan {
    /// Checks that run only when asked for (`sift audit --check NAME`): each costs what the
    /// streaming audit otherwise avoids. `label_noise` trains models on every labelled record.
    public static let optionalChecks = ["label_noise"]

    /// `kinds`: the kinds of the files audited (one, unless files of several kinds are audited together).
    public static func standard(kinds: Set<DatasetKind>, options: AuditOptions) -> [any AuditCheck] {
        var checks: [any AuditCheck] = [
            // accuracy
            EmptyResponseCheck(),
            RefusalCheck(),
            TruncationCheck(),
            PlaceholderCheck(),
        ]
        if let labels = options.labels { checks.append(UnknownLabelCheck(declared: Set(labels))) }
        if options.optionalChecks.contains("label_noise") { checks.append(LabelNoiseCheck()) }
        checks += [
            // completeness (malformed_record is counted by the auditor, which sees unreadable lines)
            MissingFieldCheck(),
            EmptyValueCheck(),
            LabelBalanceCheck(declared: options.labels),
            // consistency
            ConflictingLabelsCheck(),
            LabelCaseVariantCheck(declared: Set(options.labels ?? [])),
            SchemaDriftCheck(),
        ] as [any AuditCheck]
        if kinds.contains(.chat) || kinds.contains(.sharegpt) { checks.append(RoleOrderCheck()) }
        checks += [
            DateFormatCheck(),
            // diversity
            LexicalDiversityCheck(),
            RepeatedOpeningCheck(),
            LengthOutlierCheck(),
            LanguageMixCheck(),
            TopicConcentrationCheck(),
            // freshness
            FreshnessCheck(asOf: options.asOf, maxAgeDays: options.maxAgeDays),
            // uniqueness
            ExactDuplicateCheck(),
        ] as [any AuditCheck]
        if let threshold = options.nearDuplicateThreshold { checks.append(NearDuplicateCheck(threshold: threshold)) }
        checks += [
            PIICheck(),
            // provenance
            SyntheticShareCheck(),
        ] as [any AuditCheck]
        return checks
    }
}
