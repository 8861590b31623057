import SiftCore

/// How annotations are laid out in the input.
public enum AnnotationLayout: String, Sendable, CaseIterable {
    /// One row per (item, annotator, label).
    case long
    /// One row per item, one column per annotator.
    case wide
    /// Label Studio's JSON export: tasks with their `annotations`.
    case labelstudio
}

/// What reading the input found, so that the counts add up: every row read is a label used, a
/// label replaced by a later duplicate, or a skip (empty label, cancelled annotation).
public struct AnnotationInput: Sendable {
    public var files: [String]
    public var layout: AnnotationLayout
    public var formats: [DatasetFormat] = []
    /// The fields used, e.g. `["item": "id", "annotator": "annotator", "label": "sentiment"]`.
    public var fields: [(role: String, name: String)] = []
    /// Rows (long), rows x annotator columns (wide) or annotations (Label Studio) read.
    public var entries = 0
    /// Entries with no label: an empty cell, a blank label, an annotation without a result for
    /// the label field.
    public var emptyLabels = 0
    /// Label Studio annotations marked `was_cancelled` (skipped tasks).
    public var cancelled = 0
    /// Labels replaced by a later label of the same annotator on the same item.
    public var duplicateCount = 0
    public var duplicates: [DuplicateLabel] = []
    public var diagnostics: [ReadDiagnostic] = []
    /// Item texts for the reports (Label Studio task data, or `--items`), by item.
    public var texts: [String: String] = [:]

    public init(files: [String], layout: AnnotationLayout) {
        self.files = files
        self.layout = layout
    }

    /// Labels read (used plus replaced).
    public var labelsRead: Int { entries - emptyLabels - cancelled }
}
