/// The on-disk layouts Sift reads. Compression is orthogonal: any of them may be gzip-compressed.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one JSON object per line (`.jsonl`, `.ndjson`).
    case jsonl
    /// One JSON document: a top-level array of objects, or an object holding such an array (`{"data": [...]}`).
    case json
    /// RFC 4180 comma-separated values with a header row.
    case csv
    /// Tab-separated values with a header row (RFC 4180 quoting honoured).
    case tsv
    /// Apache Parquet (`.parquet`, or the `PAR1` magic), read column by column.
    case parquet
    /// Apache Arrow IPC, file or stream format (`.arrow`, `.feather`, Hugging Face `datasets` folders).
    case arrow

    /// The format a file name implies, ignoring a trailing `.gz`; nil when the name says nothing.
    public static func implied(byName path: String) -> DatasetFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".parquet") || name.hasSuffix(".parq") { return .parquet }
        if name.hasSuffix(".arrow") || name.hasSuffix(".feather") || name.hasSuffix(".arrows") || name.hasSuffix(".ipc") { return .arrow }
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".jsonlines") { return .jsonl }
        if name.hasSuffix(".json") { return .json }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".tsv") || name.hasSuffix(".tab") { return .tsv }
        return nil
    }

    /// Whether a format is read column by column (random access, no gzip, no standard input).
    public var isColumnar: Bool { self == .parquet || self == .arrow }

    /// Decides between JSON Lines and a JSON document from the first bytes, because `.json` files
    /// in the wild are often JSON Lines: a document starts with `[`, or with `{` whose first line
    /// is not a complete object.
    static func sniffJSON(_ head: UnsafeBufferPointer<UInt8>) -> DatasetFormat {
        var i = 0
        while i < head.count, head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 { i += 1 }
        guard i < head.count else { return .jsonl }
        if head[i] == UInt8(ascii: "[") { return .json }
        guard head[i] == UInt8(ascii: "{") else { return .jsonl }
        let lineEnd = head[i...].firstIndex(of: 0x0A) ?? head.count
        let firstLine = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: head[i..<lineEnd]))
        if (try? JSONParser.parse(firstLine)) != nil {
            // One complete object per line is JSON Lines, unless that object is all the file holds.
            let rest = head[min(lineEnd + 1, head.count)...]
            return rest.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) ? .jsonl : .json
        }
        // A first line that is only `{` (or ends mid-object) belongs to a pretty-printed document.
        return lineEnd == head.count && head.count < 1 << 16 ? .jsonl : .json
    }

    /// Without a telling extension: tabs in the first line mean TSV, commas with a non-JSON start
    /// mean CSV, anything else is read as JSON (Lines or document).
    static func sniff(_ head: UnsafeBufferPointer<UInt8>) -> DatasetFormat {
        var i = 0
        while i < head.count, head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 { i += 1 }
        if i < head.count, head[i] == UInt8(ascii: "{") || head[i] == UInt8(ascii: "[") { return sniffJSON(head) }
        let lineEnd = head.firstIndex(of: 0x0A) ?? head.count
        let firstLine = head[0..<lineEnd]
        if firstLine.contains(0x09) { return .tsv }
        if firstLine.contains(UInt8(ascii: ",")) { return .csv }
        return .jsonl
    }
}
