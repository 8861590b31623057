import SiftCore

extension MalformedRecord {
    /// How a malformed item is written to a rejects or removed file: it has no fields to keep, so
    /// the line holds only Sift's annotation with the raw text, which nothing is lost from.
    public var rejectedLine: JSONValue {
        var rejected: JSONObject = ["reason": "malformed", "file": .string(file), "line": .integer(line)]
        if let column { rejected["column"] = .integer(column) }
        rejected["error"] = .string(error)
        rejected["raw"] = .string(raw)
        return [RecordSchema.annotationKey: ["rejected": .object(rejected)]]
    }
}
