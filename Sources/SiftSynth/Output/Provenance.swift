import SiftCore

/// Where a synthetic record came from, written as `_sift.provenance` on every generated record.
///
/// `generation` counts synthetic-from-synthetic depth: a record derived from human data is
/// generation 1; a record derived from a generation-n record is n + 1. It is what `sift mix` checks
/// to warn about training on the outputs of outputs (model collapse: Shumailov et al. 2024,
/// "AI models collapse when trained on recursively generated data", Nature 631).
public struct Provenance: Sendable, Equatable {
    public var technique: String
    public var model: String
    /// SHA-256 of the canonical messages that produced the record's new text.
    public var promptSHA256: String
    /// Ids of the records the prompt was built from (in-context examples, the source record).
    public var seedIDs: [String]
    /// The record this one was derived from, when there is one (evolution, paraphrase).
    public var parentID: String?
    public var generation: Int
    /// Terms under which the model's outputs may be used, as the user stated them.
    public var licenseNote: String?

    public init(technique: String, model: String, promptSHA256: String, seedIDs: [String], parentID: String?, generation: Int, licenseNote: String? = nil) {
        self.technique = technique
        self.model = model
        self.promptSHA256 = promptSHA256
        self.seedIDs = seedIDs
        self.parentID = parentID
        self.generation = generation
        self.licenseNote = licenseNote
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "source": "synthetic", "technique": .string(technique), "model": .string(model),
            "prompt_sha256": .string(promptSHA256), "seed_ids": .array(seedIDs.map(JSONValue.string)),
            "parent_id": parentID.map(JSONValue.string) ?? .null, "generation": .integer(generation),
        ]
        if let licenseNote { object["license_note"] = .string(licenseNote) }
        return .object(object)
    }

    /// The synthetic generation of an input record: 0 for real data.
    public static func generation(of fields: JSONObject) -> Int {
        guard let provenance = fields[RecordSchema.annotationKey]?["provenance"], isSynthetic(fields) else { return 0 }
        return provenance["generation"]?.intValue ?? 1
    }

    public static func isSynthetic(_ fields: JSONObject) -> Bool {
        fields[RecordSchema.annotationKey]?["provenance"]?["source"]?.stringValue == "synthetic"
    }

    public static func technique(of fields: JSONObject) -> String? {
        fields[RecordSchema.annotationKey]?["provenance"]?["technique"]?.stringValue
    }

    /// How a record is named in `seed_ids` and `parent_id`: its id, else `file:line`.
    public static func reference(_ record: Record) -> String {
        if let id = record.id { return id }
        let name = record.location.file.split(separator: "/").last.map(String.init) ?? record.location.file
        return "\(name):\(record.location.line)"
    }
}
