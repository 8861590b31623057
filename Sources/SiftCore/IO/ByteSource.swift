#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CompressNIO
import NIOCore

/// Something that yields a file's bytes in chunks, so that no reader ever needs the whole file.
protocol ByteSource: AnyObject {
    /// Appends up to `maxCount` bytes to `buffer`; returns how many were appended, 0 at the end.
    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int
    /// Bytes consumed from disk so far (compressed bytes for a compressed file), for progress.
    var bytesConsumed: Int { get }
}

/// Reads a file (or standard input) with plain POSIX reads: fast, and no Foundation buffering.
///
/// A file's descriptor can be given back between reads (`suspend()`) and is reopened at the same
/// offset on the next read, and it is closed at the end of the file: a stream of thousands of
/// shards checks and sniffs every file up front but holds one descriptor at a time, never the
/// process's limit.
final class FileByteSource: ByteSource {
    private var fd: Int32
    private let ownsDescriptor: Bool
    private let path: String
    private(set) var bytesConsumed = 0
    private var ended = false
    /// Where reading starts and the offset it must not pass (a shard's byte range).
    private let start: Int
    private let end: Int?

    init(path: String, range: FileByteRange? = nil) throws {
        self.path = path
        start = range?.start ?? 0
        end = range?.end
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SiftError("\(path): no such file", status: .noInput)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw SiftError("\(path): is a directory; pass the dataset files inside it (e.g. \(path)/*.jsonl)", status: .noInput)
        }
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SiftError("\(path): cannot open (\(String(cString: strerror(errno))))", status: .noInput)
        }
        ownsDescriptor = true
        if start > 0 { try resume(reopen: false) }
    }

    deinit {
        if ownsDescriptor, fd >= 0 { close(fd) }
        scratch.deallocate()
    }

    /// Closes the descriptor until the next read (files only; standard input stays open).
    func suspend() {
        guard ownsDescriptor, fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    private func resume(reopen: Bool = true) throws {
        if reopen { fd = open(path, O_RDONLY) }
        guard fd >= 0 else {
            throw SiftError("\(path): cannot reopen (\(String(cString: strerror(errno))))", status: .ioError)
        }
        let offset = start + bytesConsumed
        guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else {
            throw SiftError("\(path): cannot seek to byte \(offset) (\(String(cString: strerror(errno))))", status: .ioError)
        }
    }

    /// For reads that extend a long line: a buffer allocated once, whose bytes are appended.
    private var scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 16)

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        if ended { return 0 }
        if fd < 0 { try resume() }
        let maxCount = end.map { min(maxCount, $0 - start - bytesConsumed) } ?? maxCount
        if maxCount <= 0, end != nil {
            ended = true
            suspend()
            return 0
        }
        var n = 0
        if buffer.count <= maxCount {
            // The usual read: the kept bytes (a partial line) and then the file's bytes, read
            // straight into a new array. Reading into scratch and appending copied every chunk
            // once more (6% of `sift stats`, issue 20).
            let kept = buffer
            buffer = [UInt8](unsafeUninitializedCapacity: kept.count + maxCount) { storage, count in
                _ = storage.initialize(from: kept)
                n = readRetrying(into: UnsafeMutableRawPointer(storage.baseAddress! + kept.count), maxCount)
                count = kept.count + max(n, 0)
            }
        } else {
            // A line longer than a chunk is growing: appending keeps its copies amortised.
            if scratch.count < maxCount {
                scratch.deallocate()
                scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: maxCount, alignment: 16)
            }
            n = readRetrying(into: scratch.baseAddress!, maxCount)
            if n > 0 { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<n])) }
        }
        if n < 0 {
            throw SiftError("\(path): read error (\(String(cString: strerror(errno))))", status: .ioError)
        }
        bytesConsumed += n
        if n == 0, maxCount > 0, ownsDescriptor {
            ended = true
            suspend()
        }
        return n
    }

    /// `read(2)`, retried when a signal interrupts it; negative on error (with `errno` set).
    private func readRetrying(into destination: UnsafeMutableRawPointer, _ count: Int) -> Int {
        var n: Int
        repeat {
            n = Glibc.read(fd, destination, count)
        } while n < 0 && errno == EINTR
        return n
    }
}

/// Inflates a gzip stream as it is read. Concatenated gzip members (as `cat a.gz b.gz` or pigz
/// produce) are read one after another, as `gzip -d` does.
final class GzipByteSource: ByteSource {
    private let file: FileByteSource
    private let path: String
    private let decompressor: ZlibDecompressor
    private var input = ByteBuffer()
    private var compressed: [UInt8] = []
    private var output: ByteBuffer
    private var fileEnded = false

    init(file: FileByteSource, path: String) throws {
        self.file = file
        self.path = path
        decompressor = try ZlibDecompressor(algorithm: .gzip)
        output = ByteBufferAllocator().buffer(capacity: 1 << 20)
    }

    var bytesConsumed: Int { file.bytesConsumed }

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        while true {
            if output.readableBytes > 0 {
                let n = min(maxCount, output.readableBytes)
                output.withUnsafeReadableBytes { buffer.append(contentsOf: $0.prefix(n)) }
                output.moveReaderIndex(forwardBy: n)
                return n
            }
            output.clear()
            if input.readableBytes == 0 {
                if fileEnded { return 0 }
                compressed.removeAll(keepingCapacity: true)
                if try file.read(into: &compressed, maxCount: 1 << 18) == 0 {
                    fileEnded = true
                    return 0
                }
                input.clear()
                input.writeBytes(compressed)
            }
            let before = input.readableBytes
            do {
                try decompressor.inflate(from: &input, to: &output)
            } catch let error as CompressNIOError where error == .bufferOverflow || error == .inputBufferOverflow {
                // The window is full or this chunk is used up: hand out what we have, read more.
            } catch {
                throw SiftError("\(path): corrupt gzip data after \(file.bytesConsumed - input.readableBytes) compressed bytes", status: .dataError)
            }
            if output.readableBytes == 0 && input.readableBytes == before && input.readableBytes > 0 {
                // The member ended and more input follows: start the next gzip member.
                try decompressor.reset()
            }
        }
    }
}
