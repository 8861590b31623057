import Collections

/// Where the fields that `RecordContent` reads sit in one list of keys: for each `RecordSchema`
/// role (the id, the label, the date...), the positions of the names present, in the schema's
/// order of preference.
///
/// Records of a file nearly always share one key list, so a reader that keeps a
/// `FieldLayout.Cache` finds each record's fields by position after comparing its keys with the
/// previous record's, instead of searching for some thirty candidate names in every record.
public struct FieldLayout: Sendable {
    /// The field names a content view asks for, one list per role, in order of preference.
    enum Role: Int, CaseIterable {
        case id, label, timestamp, source, title, document, evalInput, evalExpected, completion
        case messages, conversations, instruction, input, output, prompt, annotation, metadata

        var names: [String] {
            switch self {
            case .id: return RecordSchema.idFields
            case .label: return RecordSchema.labelFields
            case .timestamp: return RecordSchema.timestampFields
            case .source: return RecordSchema.sourceFields
            case .title: return RecordSchema.titleFields
            case .document: return RecordSchema.documentTextFields
            case .evalInput: return RecordSchema.evalInputFields
            case .evalExpected: return RecordSchema.evalExpectedFields
            case .completion: return RecordSchema.completionFields
            case .messages: return ["messages"]
            case .conversations: return ["conversations"]
            case .instruction: return ["instruction"]
            case .input: return ["input"]
            case .output: return ["output"]
            case .prompt: return ["prompt"]
            case .annotation: return [RecordSchema.annotationKey]
            case .metadata: return ["metadata"]
            }
        }
    }

    /// The positions of every role, back to back; role `r` owns `positions[ends[r - 1]..<ends[r]]`
    /// (flat, so that reading a role retains no inner array).
    private var positions: [Int32] = []
    private var ends: [Int32] = []

    public init(_ fields: JSONObject) {
        for role in Role.allCases {
            for name in role.names {
                if let position = fields.index(forKey: name) { positions.append(Int32(position)) }
            }
            ends.append(Int32(positions.count))
        }
    }

    /// The positions of `role`'s names present in the record, most preferred first.
    func positions(_ role: Role) -> ArraySlice<Int32> {
        let r = role.rawValue
        return positions[Int(r == 0 ? 0 : ends[r - 1])..<Int(ends[r])]
    }

    /// The layout of the previous key list seen, reused while records keep the same keys.
    public struct Cache: Sendable {
        private var keys: OrderedSet<String>?
        private var layout: FieldLayout?

        public init() {}

        public mutating func layout(of fields: JSONObject) -> FieldLayout {
            if let layout, let keys, keys == fields.keys { return layout }
            let layout = FieldLayout(fields)
            keys = fields.keys
            self.layout = layout
            return layout
        }
    }
}
