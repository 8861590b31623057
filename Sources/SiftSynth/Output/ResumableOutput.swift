#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiftCore

/// The output of a generator that can be killed at any moment and resumed.
///
/// Records are appended one whole line per `write(2)` and flushed at once, so a kill leaves at most
/// one partial last line (a write cut by a full disk or a crashed kernel). Opening an existing
/// output truncates that partial line, reads the work keys of the complete records, and `write`
/// then skips any work item already on disk: a re-run adds exactly the missing records, never a
/// duplicate. A complete line that is not a record of this pipeline is an error, so a resume never
/// appends to an unrelated file.
public final class ResumableOutput {
    public let path: String
    public private(set) var doneKeys: Set<String> = []
    /// Records already in the file when it was opened.
    public let resumedRecords: Int
    /// Bytes of a partial last line removed on open.
    public let truncatedBytes: Int
    /// Records appended by this run.
    public private(set) var written = 0
    private let writer: JSONLinesWriter

    public init(path: String) throws {
        self.path = path
        var truncated = 0
        var resumed = 0
        var keys = Set<String>()
        if access(path, F_OK) == 0 {
            truncated = try Self.truncatePartialLine(path)
            let stream = try DatasetStream(paths: [path], options: ReadOptions(format: .jsonl))
            try stream.forEach { event in
                switch event {
                case .malformed(let bad):
                    throw SiftError("\(path):\(bad.line): \(bad.error); this output cannot be resumed (choose a new --out)")
                case .record(let record):
                    guard let key = GeneratedRecord.key(of: record.fields) else {
                        throw SiftError("\(path):\(record.location.line): field _sift.synth.key is missing, so this file was not written by `sift synth`; choose a new --out")
                    }
                    keys.insert(key)
                    resumed += 1
                }
            }
        }
        doneKeys = keys
        resumedRecords = resumed
        truncatedBytes = truncated
        writer = try JSONLinesWriter(path: path, mode: .append)
    }

    public func isDone(_ key: String) -> Bool { doneKeys.contains(key) }

    /// Appends the record unless its work item is already in the file; true when written.
    @discardableResult
    public func write(_ fields: JSONObject) throws -> Bool {
        guard let key = GeneratedRecord.key(of: fields) else { preconditionFailure("generated records carry _sift.synth.key") }
        guard doneKeys.insert(key).inserted else { return false }
        try writer.write(.object(fields))
        written += 1
        return true
    }

    public func close() throws { try writer.close() }

    public var total: Int { resumedRecords + written }

    /// Cuts the file back to its last newline; returns the number of bytes removed.
    static func truncatePartialLine(_ path: String) throws -> Int {
        let fd = open(path, O_RDWR)
        guard fd >= 0 else { throw SiftError("\(path): cannot open to resume (\(String(cString: strerror(errno))))", status: .ioError) }
        defer { Glibc.close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return 0 }
        var end = size
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while end > 0 {
            let start = max(0, end - chunk.count)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, end - start, off_t(start)) }
            guard n == end - start else { throw SiftError("\(path): cannot read to resume", status: .ioError) }
            if let last = chunk[0..<n].lastIndex(of: 0x0A) {
                let keep = start + last + 1
                if keep < size, ftruncate(fd, off_t(keep)) != 0 { throw SiftError("\(path): cannot truncate a partial last line", status: .ioError) }
                return size - keep
            }
            end = start
        }
        guard ftruncate(fd, 0) == 0 else { throw SiftError("\(path): cannot truncate a partial last line", status: .ioError) }
        return size
    }
}
