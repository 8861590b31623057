/// One example of a dataset: its fields exactly as read (in order, numbers as written) and where
/// it came from. Every Sift module works on `Record`s; what the fields *mean* (which is the prompt,
/// which the label) comes from the dataset's `DatasetKind` through `RecordContent`.
public struct Record: Sendable {
    /// Changing the fields drops `sourceLine`, which no longer spells them.
    public var fields: JSONObject {
        didSet { sourceLine = nil }
    }
    public var location: RecordLocation
    /// The JSON Lines line the record was read from (without its line break), when the read options
    /// asked to keep it (`ReadOptions.keepsSourceLines`).
    public var sourceLine: ArraySlice<UInt8>?

    public init(fields: JSONObject, location: RecordLocation) {
        self.fields = fields
        self.location = location
    }

    /// The record's own identifier, when it has one (`id`, `_id`, `uuid`, ...).
    public var id: String? { RecordSchema.firstScalar(RecordSchema.idFields, in: fields) }

    /// How reports point at this record: its `id` when it has one, else `line:N` (`row:N` for a
    /// Parquet or Arrow row).
    public var reference: String { reference(id: id) }

    /// `reference` for a caller that has already looked the id up (`RecordContent.id`).
    public func reference(id: String?) -> String { id ?? (location.isRow ? "row:\(location.line)" : "line:\(location.line)") }

    /// The record as one line of JSON Lines (without the newline).
    public var jsonLine: [UInt8] { JSONWriter().bytes(.object(fields)) }

    /// The content view under the given dataset kind.
    public func content(as kind: DatasetKind) -> RecordContent { RecordContent(fields, kind: kind) }

    /// The content view, with the field layout from `layouts` (shared by records with the same keys).
    public func content(as kind: DatasetKind, layouts: inout FieldLayout.Cache) -> RecordContent {
        RecordContent(fields, kind: kind, layout: layouts.layout(of: fields))
    }

    /// Sift's annotations live under one reserved key, `_sift`, so that they never collide with the
    /// dataset's own fields and are easy to strip: `_sift.dedup`, `_sift.filter`, `_sift.provenance`.
    public mutating func annotate(_ key: String, _ value: JSONValue) {
        var sift = fields[RecordSchema.annotationKey]?.objectValue ?? [:]
        sift[key] = value
        fields[RecordSchema.annotationKey] = .object(sift)
    }

    public func annotation(_ key: String) -> JSONValue? {
        fields[RecordSchema.annotationKey]?[key]
    }
}
