import OrderedCollections
import SiftCore

/// How generated instruction data is laid out on disk.
public enum RecordShape: String, Sendable, CaseIterable {
    /// `{"messages": [{"role": "user", ...}, {"role": "assistant", ...}]}`
    case chat
    /// `{"instruction", "input": "", "output"}`
    case alpaca
    /// `{"prompt", "completion"}`
    case promptCompletion = "prompt_completion"
}

/// Builds the records the generators write: an id derived from the work item (so a re-run gives
/// the same id), the content in the chosen shape, and Sift's annotations: `_sift.provenance` and
/// `_sift.synth` (the work key that makes resume possible, the finish reason, technique details).
public enum GeneratedRecord {
    public static func id(technique: String, key: String) -> String {
        "\(technique)-\(SHA256Digest.hex(key).prefix(16))"
    }

    public static func make(key: String, technique: String, context: [ChatMessage] = [], prompt: String, response: String,
                            shape: RecordShape, provenance: Provenance, details: JSONObject = [:]) -> JSONObject {
        var fields: JSONObject = ["id": .string(id(technique: technique, key: key))]
        switch shape {
        case .chat:
            let messages = context + [ChatMessage(role: "user", content: prompt), ChatMessage(role: "assistant", content: response)]
            fields["messages"] = .array(messages.map(ChatRequest.json))
        case .alpaca:
            fields["instruction"] = .string(prompt)
            fields["input"] = ""
            fields["output"] = .string(response)
        case .promptCompletion:
            fields["prompt"] = .string(prompt)
            fields["completion"] = .string(response)
        }
        return annotated(fields, key: key, provenance: provenance, details: details)
    }

    /// Adds `_sift.provenance` and `_sift.synth` to fields of any shape (documents, paraphrases).
    public static func annotated(_ fields: JSONObject, key: String, provenance: Provenance, details: JSONObject) -> JSONObject {
        var record = Record(fields: fields, location: RecordLocation(file: "", line: 0, index: 0))
        record.annotate("provenance", provenance.json)
        var synth: JSONObject = ["key": .string(key)]
        for (name, value) in details { synth[name] = value }
        record.annotate("synth", .object(synth))
        return record.fields
    }

    /// The work key of a record this pipeline wrote.
    public static func key(of fields: JSONObject) -> String? {
        fields[RecordSchema.annotationKey]?["synth"]?["key"]?.stringValue
    }
}
