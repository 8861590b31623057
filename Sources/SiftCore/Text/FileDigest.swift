#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

extension SHA256Digest {
    /// The SHA-256 of a file's bytes, read in 1 MB chunks: manifests record it for every input and
    /// output so that anyone can check they have the same data.
    public static func file(_ path: String) throws -> String {
        let source = try FileByteSource(path: path)
        var hasher = SHA256()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        while true {
            buffer.removeAll(keepingCapacity: true)
            if try source.read(into: &buffer, maxCount: 1 << 20) == 0 { break }
            hasher.update(data: buffer)
        }
        return hasher.finalize().map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }
}
