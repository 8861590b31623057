/// Where a record came from: the file, its 1-based line (for CSV, the line where the row starts;
/// for Parquet and Arrow, the 1-based row in the file, with its row group or record batch) and its
/// 0-based position in the whole input, which orders records across files.
public struct RecordLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file's interned id (`FileNames`): equal ids are equal paths.
    public let fileID: Int32
    /// The Parquet row group (or Arrow record batch) of a columnar file's row, else -1. It sits in
    /// the padding after `fileID`, so locations stay 24 bytes.
    public var rowGroup: Int32 = -1
    public var line: Int
    public var index: Int

    public init(file: String, line: Int, index: Int) {
        self.init(fileID: FileNames.id(of: file), line: line, index: index)
    }

    /// For readers, which intern their file once rather than once per record.
    public init(fileID: Int32, line: Int, index: Int) {
        self.fileID = fileID
        self.line = line
        self.index = index
    }

    public var file: String { FileNames.name(fileID) }

    public static func fileID(of file: String) -> Int32 { FileNames.id(of: file) }

    public static func < (lhs: RecordLocation, rhs: RecordLocation) -> Bool { lhs.index < rhs.index }

    /// Whether `line` counts rows of a columnar file (Parquet, Arrow) rather than text lines.
    public var isRow: Bool { rowGroup >= 0 }

    public var description: String { isRow ? "\(file): row \(line) (row group \(rowGroup))" : "\(file):\(line)" }
}

/// A line (or CSV row, or JSON array element) that could not be read as a record. It keeps the raw
/// text so that nothing is lost: commands that write outputs put it in their rejects file.
public struct MalformedRecord: Sendable, Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based column (in characters) within `line`, where known.
    public var column: Int?
    public var error: String
    /// The raw text (invalid UTF-8 repaired with U+FFFD for display).
    public var raw: String
    /// For a columnar file: the row group (or record batch) that could not be read, and how many of
    /// its rows, from `line` (the first, 1-based in the file), are lost with it.
    public var rowGroup: Int?
    public var rows: Int?

    public init(file: String, line: Int, column: Int? = nil, error: String, raw: String) {
        self.file = file
        self.line = line
        self.column = column
        self.error = error
        self.raw = raw
    }

    /// Unreadable rows of a Parquet or Arrow file: `rows` rows from row `firstRow` (0 when the
    /// whole file is unreadable) of `rowGroup`; the error names column and page where known.
    public init(file: String, firstRow: Int, rows: Int?, rowGroup: Int?, error: String) {
        self.init(file: file, line: firstRow, error: error, raw: "")
        self.rowGroup = rowGroup
        self.rows = rows
    }

    public var description: String {
        if let rowGroup {
            let span = rows.map { $0 == 1 ? "row \(line)" : "rows \(line)-\(line + $0 - 1)" } ?? "from row \(line)"
            return "\(file): row group \(rowGroup), \(span): \(error)"
        }
        if rows != nil || line == 0 { return "\(file): \(error)" }
        if let column { return "\(file):\(line):\(column): \(error)" }
        return "\(file):\(line): \(error)"
    }
}

/// Something worth telling the user about a file that is not a malformed record: an empty file, a
/// byte-order mark, duplicate CSV headers.
public struct ReadDiagnostic: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

extension MalformedRecord {
    /// The item as a rejects-file record: its raw text and, under `_sift.reject`, why it could not
    /// be read and where it was. Every command that writes rejects writes malformed input this way.
    public var rejectRecord: JSONValue {
        var reject: JSONObject = ["reason": "malformed", "error": .string(error), "file": .string(file), "line": .integer(line)]
        if let column { reject["column"] = .integer(column) }
        if let rowGroup { reject["row_group"] = .integer(rowGroup) }
        if let rows { reject["rows"] = .integer(rows) }
        return .object(["raw": .string(raw), RecordSchema.annotationKey: .object(["reject": .object(reject)])])
    }
}

extension MalformedRecord {
    /// How reports list a malformed item: `{"file", "line", "column"?, "error"}`.
    public var reportJSON: JSONValue {
        var entry: JSONObject = ["file": .string(file), "line": .integer(line)]
        if let column { entry["column"] = .integer(column) }
        if let rowGroup { entry["row_group"] = .integer(rowGroup) }
        if let rows { entry["rows"] = .integer(rows) }
        entry["error"] = .string(error)
        return .object(entry)
    }
}

extension ReadDiagnostic {
    /// How reports list a note about a file: `{"file", "line"?, "message"}`.
    public var reportJSON: JSONValue {
        var entry: JSONObject = ["file": .string(file)]
        if let line { entry["line"] = .integer(line) }
        entry["message"] = .string(message)
        return .object(entry)
    }
}
