/// Records split out of a file but not yet decoded: a contiguous chunk of bytes and the items in
/// it. Splitting is sequential (it must follow newlines, quotes and brackets); decoding the items
/// is independent work that `DatasetReader` spreads over all cores.
struct RawBatch: Sendable {
    var bytes: [UInt8] = []
    var items: [RawItem] = []
}

enum RawItem: Sendable {
    /// A JSON text at `range` of the batch's bytes, starting on `line`. `unterminated` marks a last
    /// line without a final newline, so that a parse failure can say the file looks truncated.
    case json(range: Range<Int>, line: Int, unterminated: Bool)
    /// A CSV/TSV row already split into fields (in header order).
    case row(fields: [(String, String)], line: Int)
    case malformed(MalformedRecord)
}

/// Something that cuts a byte stream into raw records.
protocol RecordSplitter {
    mutating func nextBatch() throws -> RawBatch?
    var diagnostics: [ReadDiagnostic] { get }
    /// Physical lines (JSON Lines), rows (CSV/TSV) or array elements seen, blank lines excluded.
    var itemsSeen: Int { get }
    var blankLines: Int { get }
}

/// Converts a byte offset inside a text into a line offset and a 1-based column counted in
/// characters (Unicode scalars), which is what an editor shows.
func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (lineDelta: Int, column: Int) {
    var lineDelta = 0
    var column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
        let byte = bytes[i]
        if byte == 0x0A {
            lineDelta += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        i += 1
    }
    return (lineDelta, column)
}

/// The raw text of a malformed item, for rejects files: kept whole, with invalid UTF-8 repaired.
func rawText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
}

let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
