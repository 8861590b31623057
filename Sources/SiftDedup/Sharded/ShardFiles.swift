#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiftCore

/// The files the stages of a sharded deduplication hand to each other, all under one directory.
/// Documents are named across shards by `ShardDocument` (shard and position in it), so that a
/// stage never needs to know how many documents the shards before it hold; the merge stage turns
/// them into global positions once every shard is sketched.
public struct ShardFiles: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Per document of a shard: fingerprint (2 × UInt64), keep-policy rank (a Double's bits), signature.
    func documents(_ shard: Int) -> String { "\(directory)/docs-\(shard).bin" }
    /// Per record of a shard: its document's position in the shard, or -1 (no text) / -2 (blank).
    func records(_ shard: Int) -> String { "\(directory)/records-\(shard).bin" }
    /// Per document of a shard: its reference (`id`, else `line:N` of the whole stream), one JSON string a line.
    func references(_ shard: Int) -> String { "\(directory)/refs-\(shard).jsonl" }
    /// Band entries (band, band key, document, whole-signature key) of the bands in `partition`.
    func bands(partition: Int, shard: Int) -> String { "\(directory)/bands-\(partition)-\(shard).bin" }
    /// Fingerprint entries (fingerprint, document) whose fingerprint falls in `partition`.
    func fingerprints(partition: Int, shard: Int) -> String { "\(directory)/exact-\(partition)-\(shard).bin" }
    /// Duplicate pairs (document, document) found by the task of `partition`.
    func edges(partition: Int) -> String { "\(directory)/edges-\(partition).bin" }
    /// Per removed document of a shard: its cluster, reason, representative and similarity.
    func removals(_ shard: Int) -> String { "\(directory)/removed-\(shard).jsonl" }
    /// Per document of a shard: its cluster's number (Int64, from 1, clusters numbered by first
    /// member), or 0 when it is alone; written when the clusters group records (`split`).
    func clusterOfDocument(_ shard: Int) -> String { "\(directory)/cluster-of-\(shard).bin" }

    static func documentStride(numPerm: Int) -> Int { 24 + numPerm * 4 }
}

/// A document named by its shard and its position in the shard; ordered as the input is.
struct ShardDocument: Hashable, Comparable {
    var raw: UInt64

    init(shard: Int, local: Int) { raw = UInt64(shard) << 40 | UInt64(local) }
    init(raw: UInt64) { self.raw = raw }

    var shard: Int { Int(raw >> 40) }
    var local: Int { Int(raw & ((1 << 40) - 1)) }

    static func < (lhs: ShardDocument, rhs: ShardDocument) -> Bool { lhs.raw < rhs.raw }
}

/// Appends fixed-width little-endian words to a file through a buffer (no Foundation).
final class WordFileWriter {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String

    init(path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw SiftError("\(path): cannot create (\(String(cString: strerror(errno))))", status: .ioError)
        }
        self.file = file
        self.path = path
        setvbuf(file, nil, _IOFBF, 1 << 20)
    }

    func write<T>(_ values: UnsafeBufferPointer<T>) throws {
        guard values.count > 0 else { return }
        guard fwrite(values.baseAddress, MemoryLayout<T>.stride, values.count, file) == values.count else {
            throw SiftError("\(path): write failed (\(String(cString: strerror(errno))))", status: .ioError)
        }
    }

    func write<T>(_ values: [T]) throws {
        try values.withUnsafeBufferPointer { try write($0) }
    }

    func close() throws {
        guard fclose(file) == 0 else {
            throw SiftError("\(path): write failed on close (\(String(cString: strerror(errno))))", status: .ioError)
        }
    }
}

/// A whole file mapped read-only into memory: its pages belong to the page cache, so reading
/// every shard's signatures costs address space, not resident memory the kernel cannot reclaim.
final class MappedFile: @unchecked Sendable {
    // The mapping is read-only and lives as long as the object: sharing it between threads is safe.
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SiftError("\(path): cannot open (\(String(cString: strerror(errno))))", status: .noInput) }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SiftError("\(path): cannot stat", status: .ioError) }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw SiftError("\(path): cannot map (\(String(cString: strerror(errno))))", status: .ioError)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    func word(_ index: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) }
    var wordCount: Int { bytes.count / 8 }
}
