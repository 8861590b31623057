#if canImport(Glibc)
import Glibc
#endif

/// Cuts JSON Lines into lines, a few megabytes at a time. A line longer than the record limit is
/// reported as malformed and skipped without being held in memory.
struct JSONLinesSplitter: RecordSplitter {
    private var source: any ByteSource
    private let file: String
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private var buffer: [UInt8]
    private var ended = false
    private var nextLine = 1
    private var atFileStart = true
    /// How much of `buffer` is known to hold no newline, so a long line is not rescanned per read.
    private var scannedWithoutNewline = 0
    private(set) var diagnostics: [ReadDiagnostic] = []
    private(set) var itemsSeen = 0
    private(set) var blankLines = 0

    init(source: any ByteSource, file: String, prefix: [UInt8], chunkSize: Int, maxRecordBytes: Int, range: FileByteRange? = nil) {
        self.source = source
        if let range {
            nextLine = range.firstLine
            atFileStart = range.start == 0
        }
        self.file = file
        self.buffer = prefix
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
    }

    mutating func nextBatch() throws -> RawBatch? {
        while true {
            if atFileStart, buffer.count >= 3 || ended {
                atFileStart = false
                if buffer.starts(with: utf8BOM) {
                    buffer.removeFirst(3)
                    diagnostics.append(ReadDiagnostic(file: file, line: 1, message: "UTF-8 byte-order mark at the start of the file was skipped"))
                }
            }
            if let lastNewline = buffer[min(scannedWithoutNewline, buffer.count)...].lastIndex(of: 0x0A) {
                scannedWithoutNewline = 0
                // Hand out every complete line; keep the partial last one for the next read.
                let rest = Array(buffer[(lastNewline + 1)...])
                buffer.removeSubrange((lastNewline + 1)...)
                var batch = RawBatch()
                batch.bytes = buffer
                buffer = rest
                buffer.reserveCapacity(chunkSize + rest.count)
                cutLines(into: &batch, unterminatedTail: false)
                if !batch.items.isEmpty { return batch }
                continue
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                var batch = RawBatch()
                batch.bytes = buffer
                buffer = []
                cutLines(into: &batch, unterminatedTail: true)
                return batch.items.isEmpty ? nil : batch
            }
            scannedWithoutNewline = buffer.count
            if buffer.count > maxRecordBytes {
                scannedWithoutNewline = 0
                return try skipOverlongLine()
            }
            if try source.read(into: &buffer, maxCount: chunkSize) == 0 { ended = true }
        }
    }

    /// Splits `batch.bytes` (whole lines, the last possibly without newline) into items.
    private mutating func cutLines(into batch: inout RawBatch, unterminatedTail: Bool) {
        let count = batch.bytes.count
        var items: [RawItem] = []
        batch.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < count {
                let newline = Self.find(0x0A, in: bytes, from: start) ?? count
                var end = newline
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                let line = nextLine
                nextLine += 1
                if Self.isBlank(bytes, start, end) {
                    blankLines += 1
                } else {
                    itemsSeen += 1
                    items.append(.json(range: start..<end, line: line, unterminated: unterminatedTail && newline == count))
                }
                start = newline + 1
            }
        }
        batch.items = items
    }

    private mutating func skipOverlongLine() throws -> RawBatch {
        let line = nextLine
        nextLine += 1
        itemsSeen += 1
        var skipped = buffer.count
        let preview = rawText(buffer.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0.prefix(200)) })
        buffer.removeAll(keepingCapacity: true)
        while true {
            if try source.read(into: &buffer, maxCount: chunkSize) == 0 {
                ended = true
                skipped += buffer.count
                buffer.removeAll()
                break
            }
            if let newline = buffer.firstIndex(of: 0x0A) {
                skipped += newline
                buffer.removeSubrange(...newline)
                break
            }
            skipped += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        let message = "line is \(skipped) bytes, longer than the record limit of \(maxRecordBytes) bytes (raise it with --max-record-bytes); skipped"
        return RawBatch(bytes: [], items: [.malformed(MalformedRecord(file: file, line: line, error: message, raw: preview + "…"))])
    }

    @inline(__always)
    static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            default: return false
            }
        }
        return true
    }
}
