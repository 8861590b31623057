import SiftCore

/// Reads Parquet rows' stats from their columns (issue 16), as `StatsLineReader` does from JSON
/// Lines bytes: text is measured in the decoded pages, and no record, object or string is built
/// for the text columns and the conversation. Fields it has no view for are read as records carry
/// them (`ColumnarRows.values(ofField:)`).
///
/// It mirrors `RecordContent` for the kinds `StatsLineReader.supports` and declines rows it cannot
/// vouch for: a conversation that is not a list of structs of text (`role`/`from`,
/// `content`/`value`), or columns that do not assemble. The caller then adds `rows.events()`,
/// the records every other command reads. Tests compare both ways.
struct StatsColumnReader {
    let kind: DatasetKind
    private let conversationKey: String
    private let roleKeys: [String]
    private let contentKey: String

    init(kind: DatasetKind) {
        self.kind = kind
        // RecordContent: chat reads messages' role/content, ShareGPT conversations' from/value;
        // a role is `message[roleKey] ?? message["role"] ?? message["from"]`.
        if kind == .sharegpt {
            (conversationKey, roleKeys, contentKey) = ("conversations", ["from", "role"], "value")
        } else {
            (conversationKey, roleKeys, contentKey) = ("messages", ["role", "from"], "content")
        }
    }

    /// One field's values for the batch, in the form it is read.
    private enum FieldColumn: Sendable {
        case text(ColumnarText)
        case values([JSONValue])
        case conversation(Conversation)
    }

    /// A conversation's elements with their role and content columns (nil where the struct has no
    /// such child, which records read as an empty role or content).
    private struct Conversation: Sendable {
        var list: ColumnarStructList
        var roles: [ColumnarText]
        var content: ColumnarText?
    }

    /// The stats of `rows`, one accumulator per part read in parallel (to be merged in order), or
    /// nil when the rows are not ones the reader can vouch for.
    func partials(_ rows: ColumnarRows, threads: Int) -> [StatsAccumulator]? {
        let names = rows.fieldNames
        let isConversation = kind == .chat || kind == .sharegpt
        let conversation = isConversation ? names.firstIndex(of: conversationKey) : nil
        var columns: [FieldColumn] = []
        columns.reserveCapacity(names.count)
        for i in names.indices {
            if i == conversation {
                guard let list = rows.textStructList(ofField: i), let read = self.conversation(list) else { return nil }
                columns.append(.conversation(read))
            } else if let text = rows.text(ofField: i) {
                columns.append(.text(text))
            } else {
                guard let values = try? rows.values(ofField: i) else { return nil }
                columns.append(.values(values))
            }
        }
        // FieldLayout's roles: the document is the most preferred text field holding a string,
        // the label the most preferred label field present.
        let documents: [Int] = isConversation ? [] : RecordSchema.documentTextFields.compactMap { names.firstIndex(of: $0) }
        let label = RecordSchema.labelFields.lazy.compactMap { names.firstIndex(of: $0) }.first

        let parts = max(1, min(threads, rows.rowCount / 512))
        let columnsRead = columns
        return parallelMap(count: parts, threads: parts, minimumPerSlice: 1) { part in
            var partial = StatsAccumulator(kind: kind)
            for name in names where partial.fields[name] == nil { partial.fields[name] = FieldStats() }
            let range = rows.rowCount * part / parts..<rows.rowCount * (part + 1) / parts
            add(Part(columnsRead, range, label: label), documents: documents, label: label, names: names, to: &partial)
            return partial
        }
    }

    private func conversation(_ list: ColumnarStructList) -> Conversation? {
        // A role or content child that is not text is left to the records.
        for name in roleKeys + [contentKey] where list.childNames.contains(name) && list.texts[name] == nil { return nil }
        return Conversation(list: list, roles: roleKeys.compactMap { list.texts[$0] }, content: list.texts[contentKey])
    }

    /// What a range of rows holds, read column by column: each text column's measures, the label's
    /// strings, the conversation's turns.
    private struct Part {
        let rows: Range<Int>
        let columns: [FieldColumn]
        var measures: [[TextMeasure?]] = []
        var labels: [String?] = []
        /// Per row of the range, its turns in `turns`.
        var turnRanges: [Range<Int>] = []
        var turns: [TurnMeasure] = []

        init(_ columns: [FieldColumn], _ rows: Range<Int>, label: Int?) {
            self.rows = rows
            self.columns = columns
            for (position, column) in columns.enumerated() {
                switch column {
                case .text(let text):
                    measures.append(text.measures(rows))
                    if position == label { labels = text.strings(rows) }
                case .values:
                    measures.append([])
                case .conversation(let conversation):
                    measures.append([])
                    readTurns(conversation)
                }
            }
        }

        private mutating func readTurns(_ conversation: Conversation) {
            let list = conversation.list
            guard let first = rows.first.map({ Int(list.firstElement[$0]) }) else { return }
            let end = rows.last.map { Int(list.firstElement[$0]) + max(Int(list.rows[$0]), 0) } ?? first
            let contents = conversation.content?.measures(first..<end)
            // `message[roleKey] ?? message["role"] ?? message["from"]`: the first role holding a value.
            let roles = conversation.roles.map { $0.strings(first..<end) }
            turnRanges.reserveCapacity(rows.count)
            for row in rows {
                let start = turns.count
                let elements = Int(list.firstElement[row])..<Int(list.firstElement[row]) + max(Int(list.rows[row]), 0)
                for element in elements where list.elementIsDefined[element] {
                    let k = element - first
                    let role = roles.lazy.compactMap { $0[k] }.first.map(Turn.normalizedRole) ?? ""
                    turns.append(TurnMeasure(role: role, measure: contents?[k] ?? TextMeasure(characters: 0, words: 0)))
                }
                turnRanges.append(start..<turns.count)
            }
        }
    }

    private func add(_ part: Part, documents: [Int], label labelPosition: Int?, names: [String], to accumulator: inout StatsAccumulator) {
        for (k, row) in part.rows.enumerated() {
            accumulator.records += 1
            var turns = 0..<0
            for (slot, column) in part.columns.enumerated() {
                switch column {
                case .text:
                    let measure = part.measures[slot][k]
                    accumulator.fields.values[slot].add(typeName: measure == nil ? "null" : "string", isEmpty: measure.map { $0.words == 0 } ?? true)
                case .values(let values):
                    accumulator.fields.values[slot].add(values[row])
                case .conversation(let conversation):
                    let count = conversation.list.rows[row]
                    accumulator.fields.values[slot].add(typeName: count < 0 ? "null" : "array", isEmpty: count <= 0)
                    turns = part.turnRanges[k]
                }
            }
            var document: TextMeasure?
            for position in documents {
                switch part.columns[position] {
                case .text: document = part.measures[position][k]
                case .values(let values): if case .string(let s) = values[row] { document = TextMeasure(s) }
                case .conversation: break
                }
                if document != nil { break }
            }
            var label: String?
            if let labelPosition {
                switch part.columns[labelPosition] {
                case .text:
                    label = part.labels[k]
                case .values(let values):
                    label = RecordContent.labelText(values[row])
                case .conversation:
                    break
                }
            }
            let (prompt, response) = part.turns[turns].promptAndResponse()
            accumulator.addContent(prompt: prompt, response: response, document: document, turns: turns.count,
                                   label: label, labelField: labelPosition.map { names[$0] })
        }
    }
}
