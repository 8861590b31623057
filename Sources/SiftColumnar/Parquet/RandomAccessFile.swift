#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read by offset (`pread`). It holds a descriptor only between `open` and `close`, so a
/// dataset of thousands of part files opened up front does not exhaust descriptors.
public final class RandomAccessFile {
    public let path: String
    public let size: Int
    private var fd: Int32 = -1

    public init(path: String) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw ColumnarError("cannot open (\(String(cString: strerror(errno))))") }
        size = Int(info.st_size)
    }

    deinit { close() }

    public func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    /// Reads exactly `count` bytes at `offset` (the range was checked against the file size).
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ColumnarError("read of \(count) bytes at \(offset) is outside the \(size)-byte file")
        }
        if fd < 0 {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw ColumnarError("cannot open (\(String(cString: strerror(errno))))") }
        }
        var failure: Error?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ColumnarError("read failed (\(String(cString: strerror(errno))))")
                    break
                }
                if n == 0 {
                    failure = ColumnarError("file shrank while being read (\(done) of \(count) bytes at \(offset))")
                    break
                }
                done += n
            }
            initialized = failure == nil ? count : 0
        }
        if let failure { throw failure }
        return bytes
    }
}
