/// A chunk of JSON Lines lines cut but not yet decoded, for a command that reads most lines
/// straight from their bytes (with a `JSONCursor`) and hands the rest to `JSONParser` through
/// `event(_:)`, which decodes exactly as `DatasetReader.nextBatch` does.
public struct RawLines: Sendable {
    let batch: RawBatch
    let file: String
    let fileID: Int32
    let maxDepth: Int

    /// Items in the chunk: lines, and lines the splitter already rejected (longer than the limit).
    public var count: Int { batch.items.count }

    /// `body` called on each item in `range` with the bytes of its line (without the line break),
    /// or with nil for an item the splitter rejected. Not generic, and one borrow of the chunk's
    /// bytes for the whole range: a generic per-line call across modules went through value
    /// witnesses, 6% of `sift stats`.
    public func forEachLine(in range: Range<Int>, _ body: (Int, UnsafeBufferPointer<UInt8>?) -> Void) {
        _ = firstLine(in: range) { i, line in
            body(i, line)
            return false
        }
    }

    /// The first item in `range` for which `body` (called as by `forEachLine`) returns true, or
    /// nil: for a consumer that must stop mid-chunk to do work that may throw. One borrow of the
    /// chunk's bytes for the whole range, as `forEachLine`.
    public func firstLine(in range: Range<Int>, where body: (Int, UnsafeBufferPointer<UInt8>?) -> Bool) -> Int? {
        batch.bytes.withUnsafeBufferPointer { bytes in
            for i in range {
                if case .json(let lineRange, _, _) = batch.items[i] {
                    if body(i, UnsafeBufferPointer(rebasing: bytes[lineRange])) { return i }
                } else if body(i, nil) {
                    return i
                }
            }
            return nil
        }
    }

    /// `body` with the bytes of line `i`; nil for an item the splitter rejected.
    public func withLine<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        guard case .json(let lineRange, _, _) = batch.items[i] else { return body(nil) }
        return batch.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[lineRange])) }
    }

    /// Item `i` decoded with `JSONParser`: a record (whose `location.index` is 0: consumers of raw
    /// lines count records themselves) or a malformed item with its position and reason.
    public func event(_ i: Int) -> ReadEvent {
        var keyLists = JSONParser.KeyLists()
        return DatasetReader.decode(batch.items[i], bytes: batch.bytes, file: file, fileID: fileID, maxDepth: maxDepth,
                                    keepsSourceLine: false, keyLists: &keyLists)
    }
}

/// What `DatasetStream.nextChunk()` hands out: decoded events, JSON Lines lines to read, or
/// Parquet rows as columns.
public enum ReadChunk: Sendable {
    case events([ReadEvent])
    case lines(RawLines)
    case columns(ColumnarRows)
}
