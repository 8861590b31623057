import Foundation

/// Reads CSV (RFC 4180) and TSV: a header row, then one record per row. Quoted fields may hold the
/// delimiter, doubled quotes and newlines. Like Python's `csv` module, a stray quote inside an
/// unquoted field is kept as text; a row whose field count differs from the header's is malformed,
/// as is a quoted field still open at the end of the file.
struct DelimitedSplitter: RecordSplitter {
    private var source: any ByteSource
    private let file: String
    private let delimiter: UInt8
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private var buffer: [UInt8]
    private var pos = 0
    private var ended = false
    private var line = 1
    private var header: [String]?
    private(set) var diagnostics: [ReadDiagnostic] = []
    private(set) var itemsSeen = 0
    private(set) var blankLines = 0

    // The row being read.
    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var afterQuote = false
    private var fieldWasQuoted = false
    private var rowStartLine = 1
    private var rowBytes = 0

    init(source: any ByteSource, file: String, prefix: [UInt8], delimiter: UInt8, chunkSize: Int, maxRecordBytes: Int) {
        self.source = source
        self.file = file
        self.buffer = prefix
        self.delimiter = delimiter
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        if buffer.starts(with: utf8BOM) {
            pos = 3
            diagnostics.append(ReadDiagnostic(file: file, line: 1, message: "UTF-8 byte-order mark at the start of the file was skipped"))
        }
    }

    mutating func nextBatch() throws -> RawBatch? {
        var items: [RawItem] = []
        var produced = 0
        while produced < chunkSize {
            if pos >= buffer.count || needMore {
                needMore = false
                if ended {
                    if let item = endRow(atEOF: true) { items.append(item) }
                    if header == nil && !reportedEmpty {
                        reportedEmpty = true
                        diagnostics.append(ReadDiagnostic(file: file, message: "file is empty (no header row)"))
                    }
                    break
                }
                buffer.removeFirst(pos)
                pos = 0
                if try source.read(into: &buffer, maxCount: chunkSize) == 0 { ended = true }
                continue
            }
            let before = pos
            if let item = scanRow() { items.append(item) }
            produced += pos - before
        }
        if items.isEmpty && ended { return nil }
        return RawBatch(bytes: [], items: items)
    }

    private var needMore = false
    private var reportedEmpty = false

    /// Consumes bytes until a row ends or more input is needed (then sets `needMore`); returns the
    /// finished row's item, if the row was a record.
    private mutating func scanRow() -> RawItem? {
        let count = buffer.count
        while pos < count {
            let byte = buffer[pos]
            pos += 1
            rowBytes += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if pos < count {
                        if buffer[pos] == UInt8(ascii: "\"") { field.append(byte); pos += 1; rowBytes += 1; continue }
                        inQuotes = false
                        afterQuote = true
                        continue
                    }
                    if ended {
                        inQuotes = false
                        afterQuote = true
                        continue
                    }
                    // The next byte decides between a closing and a doubled quote: read more first.
                    pos -= 1
                    rowBytes -= 1
                    needMore = true
                    return nil
                }
                if byte == 0x0A { line += 1 }
                if rowBytes <= maxRecordBytes { field.append(byte) }
                continue
            }
            switch byte {
            case delimiter:
                fields.append(field)
                field = []
                afterQuote = false
                fieldWasQuoted = false
            case 0x0A:
                line += 1
                return endRow(atEOF: false)
            case 0x0D:
                continue
            case UInt8(ascii: "\""):
                if field.isEmpty && !afterQuote && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                } else {
                    field.append(byte)
                }
            default:
                if rowBytes <= maxRecordBytes { field.append(byte) }
            }
        }
        return nil
    }

    private mutating func endRow(atEOF: Bool) -> RawItem? {
        defer {
            fields = []
            field = []
            inQuotes = false
            afterQuote = false
            fieldWasQuoted = false
            rowStartLine = line
            rowBytes = 0
        }
        let startLine = rowStartLine
        if inQuotes {
            itemsSeen += 1
            fields.append(field)
            return .malformed(MalformedRecord(file: file, line: startLine,
                error: "quoted field opened on this row is never closed (the file ends inside it)",
                raw: fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: String(UnicodeScalar(delimiter)))))
        }
        if atEOF && fields.isEmpty && field.isEmpty && !fieldWasQuoted { return nil }
        fields.append(field)
        if fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted {
            blankLines += 1
            return nil
        }
        let raw = { [fields, delimiter] in fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: String(UnicodeScalar(delimiter))) }
        var values: [String] = []
        values.reserveCapacity(fields.count)
        for (i, bytes) in fields.enumerated() {
            guard let value = String(validating: bytes, as: UTF8.self) else {
                itemsSeen += 1
                let name = header.flatMap { i < $0.count ? $0[i] : nil } ?? "column \(i + 1)"
                return .malformed(MalformedRecord(file: file, line: startLine, error: "invalid UTF-8 in field \"\(name)\" (column \(i + 1))", raw: raw()))
            }
            values.append(value)
        }
        guard let header else {
            header = Self.uniqueNames(values, file: file, diagnostics: &diagnostics)
            return nil
        }
        itemsSeen += 1
        if rowBytes > maxRecordBytes {
            return .malformed(MalformedRecord(file: file, line: startLine, error: "row is longer than the record limit of \(maxRecordBytes) bytes; skipped", raw: String(raw().prefix(200)) + "…"))
        }
        guard values.count == header.count else {
            return .malformed(MalformedRecord(file: file, line: startLine,
                error: "row has \(values.count) fields, the header has \(header.count)", raw: raw()))
        }
        return .row(fields: Array(zip(header, values)), line: startLine)
    }

    /// Header names made unique (`text`, `text_2`), since records are keyed by them.
    private static func uniqueNames(_ names: [String], file: String, diagnostics: inout [ReadDiagnostic]) -> [String] {
        var seen: [String: Int] = [:]
        return names.enumerated().map { i, raw in
            var name = raw.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { name = "column_\(i + 1)" }
            let n = seen[name, default: 0] + 1
            seen[name] = n
            if n > 1 {
                diagnostics.append(ReadDiagnostic(file: file, line: 1, message: "duplicate header \"\(name)\" renamed to \"\(name)_\(n)\""))
                return "\(name)_\(n)"
            }
            return name
        }
    }
}
