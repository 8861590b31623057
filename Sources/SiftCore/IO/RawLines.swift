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

    /// `body` applied to the bytes of item `i` (without the line break), or nil for an item the
    /// splitter rejected.
    public func withLine<Result>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard case .json(let range, _, _) = batch.items[i] else { return nil }
        return try batch.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Item `i` decoded with `JSONParser`: a record (whose `location.index` is 0: consumers of raw
    /// lines count records themselves) or a malformed item with its position and reason.
    public func event(_ i: Int) -> ReadEvent {
        var keyLists = JSONParser.KeyLists()
        return DatasetReader.decode(batch.items[i], bytes: batch.bytes, file: file, fileID: fileID, maxDepth: maxDepth,
                                    keepsSourceLine: false, keyLists: &keyLists)
    }
}

/// What `DatasetStream.nextChunk()` hands out: decoded events, or JSON Lines lines to read.
public enum ReadChunk: Sendable {
    case events([ReadEvent])
    case lines(RawLines)
}
