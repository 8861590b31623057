#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes records as JSON Lines through a large buffer.
///
/// `.replace` writes to a temporary file next to the target and renames it into place on `close()`,
/// so a crash never leaves a half-written output under the real name. `.append` adds whole lines to
/// an existing file and flushes after each, so a killed run leaves only complete lines behind (the
/// mode for resumable, slow producers such as model calls).
public final class JSONLinesWriter {
    public enum Mode: Sendable { case replace, append }

    public let path: String
    private let mode: Mode
    private let writePath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let writer = JSONWriter()
    private var closed = false
    public private(set) var count = 0

    public init(path: String, mode: Mode = .replace) throws {
        self.path = path
        // A device or pipe (`/dev/stdout`) is written in place: renaming over it would replace it.
        let special = isSpecialFile(path)
        self.mode = special ? .append : mode
        writePath = mode == .replace && !special ? "\(path).tmp-\(getpid())" : path
        let flags = self.mode == .replace ? (O_WRONLY | O_CREAT | O_TRUNC) : (O_WRONLY | O_CREAT | O_APPEND)
        fd = open(writePath, flags, 0o644)
        guard fd >= 0 else {
            throw SiftError("\(path): cannot write (\(String(cString: strerror(errno))))", status: .ioError)
        }
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !closed {
            Glibc.close(fd)
            if mode == .replace { unlink(writePath) }
        }
    }

    public func write(_ record: Record) throws {
        try write(.object(record.fields))
    }

    public func write(_ value: JSONValue) throws {
        writer.write(value, into: &buffer)
        buffer.append(0x0A)
        count += 1
        if mode == .append || buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes a batch of values, one line each, serialised on `threads` cores: the same bytes as
    /// writing them one by one, without leaving serialisation to a single core.
    public func write(contentsOf values: [JSONValue], threads: Int = siftThreadCount) throws {
        for part in JSONLinesEncoding.encode(values, threads: threads) { buffer.append(contentsOf: part) }
        count += values.count
        if mode == .append || buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes records in order, one line each: a record that kept its source line
    /// (`ReadOptions.keepsSourceLines`) as that line, byte for byte; the others serialised, on
    /// `threads` cores when none kept one.
    public func write(records: [Record], threads: Int = siftThreadCount) throws {
        if records.allSatisfy({ $0.sourceLine == nil }) {
            return try write(contentsOf: records.map { .object($0.fields) }, threads: threads)
        }
        for record in records {
            if let line = record.sourceLine {
                buffer.append(contentsOf: line)
                buffer.append(0x0A)
            } else {
                writer.write(.object(record.fields), into: &buffer)
                buffer.append(0x0A)
            }
        }
        count += records.count
        if mode == .append || buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SiftError("\(path): write failed (\(String(cString: strerror(errno))))", status: .ioError)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, in `.replace` mode, moves the finished file into place.
    public func close() throws {
        guard !closed else { return }
        try flush()
        closed = true
        Glibc.close(fd)
        if mode == .replace, rename(writePath, path) != 0 {
            throw SiftError("\(path): cannot move output into place (\(String(cString: strerror(errno))))", status: .ioError)
        }
    }
}

/// Writes a whole text file atomically (temporary file, then rename): reports and manifests.
/// A device or pipe (`--json /dev/null`, `/dev/stdout`) is written in place: renaming over it would
/// replace the device with a regular file, and for root that breaks `/dev/null` machine-wide.
public func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
    let inPlace = isSpecialFile(path)
    let temporary = inPlace ? path : "\(path).tmp-\(getpid())"
    let fd = open(temporary, inPlace ? (O_WRONLY | O_APPEND) : (O_WRONLY | O_CREAT | O_TRUNC), 0o644)
    guard fd >= 0 else { throw SiftError("\(path): cannot write (\(String(cString: strerror(errno))))", status: .ioError) }
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
        if n < 0 {
            if errno == EINTR { continue }
            close(fd)
            if !inPlace { unlink(temporary) }
            throw SiftError("\(path): write failed (\(String(cString: strerror(errno))))", status: .ioError)
        }
        offset += n
    }
    close(fd)
    guard inPlace || rename(temporary, path) == 0 else {
        unlink(temporary)
        throw SiftError("\(path): cannot move output into place (\(String(cString: strerror(errno))))", status: .ioError)
    }
}

public func writeFileAtomically(_ path: String, _ text: String) throws {
    try writeFileAtomically(path, Array(text.utf8))
}

/// Whether `path` names something other than a regular file or a missing one (a device, a pipe, a
/// socket, after following symbolic links): outputs go there in place, never by rename.
public func isSpecialFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
}
