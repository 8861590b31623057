#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiftCore

/// One piece of a `read` step's input: a whole file (or folder), a byte range of a large
/// uncompressed JSON Lines file cut on line boundaries, or a range of row groups of a large
/// Parquet file.
public struct InputUnit: Codable, Sendable, Equatable {
    public var path: String
    public var range: FileByteRange?
    public var rowGroups: RowGroupRange?
    /// Bytes, for balancing shards.
    public var bytes: Int
}

/// Cuts the inputs of a recipe's `read` step into at most `tasks` shards of about equal bytes, in
/// input order, so that concatenating the shards' outputs gives the unsharded stream. A JSON
/// Lines file larger than a shard's share is cut into byte ranges at the first line break after
/// each cut point, a Parquet file into ranges of whole row groups of about equal bytes; other
/// formats (gzip, CSV, JSON documents, Arrow, folders) are whole units.
/// Finding the line numbers of the cuts reads such a file once (sequentially, at disk speed), so
/// that a malformed line's rejection names the same line as an unsharded run does.
public enum InputSharding {
    public static func shards(paths: [String], format: DatasetFormat?, tasks: Int) throws -> [[InputUnit]] {
        var sizes: [Int] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw SiftError("\(path): no such file", status: .noInput) }
            sizes.append((info.st_mode & S_IFMT) == S_IFDIR ? 0 : Int(info.st_size))
        }
        let total = max(1, sizes.reduce(0, +))
        let share = max(1, (total + tasks - 1) / tasks)
        var units: [InputUnit] = []
        for (path, size) in zip(paths, sizes) {
            let pieces = size / share + (size % share > share / 2 ? 1 : 0)
            if pieces > 1, try isPlainJSONLines(path, format: format) {
                units.append(contentsOf: try ranges(of: path, size: size, pieces: pieces))
            } else if pieces > 1, isParquet(path, format: format), let groups = ParquetRowGroups.sizes(path: path), groups.count > 1 {
                units.append(contentsOf: rowGroupRanges(of: path, size: size, groups: groups, pieces: pieces))
            } else {
                units.append(InputUnit(path: path, range: nil, rowGroups: nil, bytes: size))
            }
        }
        // Unit u goes to the shard its middle byte falls in: shards stay contiguous and in order.
        var shards = [[InputUnit]](repeating: [], count: tasks)
        var position = 0
        for unit in units {
            let middle = position + unit.bytes / 2
            shards[min(tasks - 1, middle * tasks / total)].append(unit)
            position += unit.bytes
        }
        return shards.filter { !$0.isEmpty }
    }

    private static func isPlainJSONLines(_ path: String, format: DatasetFormat?) throws -> Bool {
        guard format == nil || format == .jsonl else { return false }
        let lower = path.lowercased()
        guard !lower.hasSuffix(".gz"), format == .jsonl || DatasetFormat.implied(byName: path) == .jsonl else { return false }
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var magic: [UInt8] = [0, 0]
        let n = fread(&magic, 1, 2, file)
        return !(n == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
    }

    private static func isParquet(_ path: String, format: DatasetFormat?) -> Bool {
        if let format { return format == .parquet }
        if let implied = DatasetFormat.implied(byName: path) { return implied == .parquet }
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var magic: [UInt8] = [0, 0, 0, 0]
        return fread(&magic, 1, 4, file) == 4 && magic == Array("PAR1".utf8)
    }

    /// Up to `pieces` ranges of whole row groups, each group in the piece its middle byte falls in
    /// (by the groups' sizes on disk); the pieces' bytes add up to the file's `size`.
    static func rowGroupRanges(of path: String, size: Int, groups: [Int], pieces: Int) -> [InputUnit] {
        let total = max(1, groups.reduce(0, +))
        var position = 0
        let pieceOfGroup = groups.map { bytes in
            defer { position += bytes }
            return min(pieces - 1, (position + bytes / 2) * pieces / total)
        }
        var units: [InputUnit] = []
        var first = 0
        for end in 1...groups.count where end == groups.count || pieceOfGroup[end] != pieceOfGroup[first] {
            units.append(InputUnit(path: path, range: nil, rowGroups: RowGroupRange(first: first, end: end),
                                   bytes: groups[first..<end].reduce(0, +)))
            first = end
        }
        // The header and footer go to the last piece, so the units add up to the file.
        units[units.count - 1].bytes += max(0, size - total)
        return units
    }

    /// `pieces` ranges of `path`, each starting after a line break, with their first line numbers.
    static func ranges(of path: String, size: Int, pieces: Int) throws -> [InputUnit] {
        guard let file = fopen(path, "rb") else {
            throw SiftError("\(path): cannot open (\(String(cString: strerror(errno))))", status: .noInput)
        }
        defer { fclose(file) }
        let cuts = (1..<pieces).map { size * $0 / pieces }
        var boundaries: [(offset: Int, line: Int)] = [(0, 1)]
        var nextCut = 0
        var newlines = 0
        var offset = 0
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while nextCut < cuts.count {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            buffer.withUnsafeBytes { raw in
                let base = raw.baseAddress!
                var i = 0
                while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    newlines += 1
                    let boundary = offset + at + 1
                    while nextCut < cuts.count, boundary > cuts[nextCut] {
                        if boundary > boundaries.last!.offset, boundary < size { boundaries.append((boundary, newlines + 1)) }
                        nextCut += 1
                    }
                    i = at + 1
                }
            }
            offset += n
        }
        var units: [InputUnit] = []
        for (i, start) in boundaries.enumerated() {
            let end = i + 1 < boundaries.count ? boundaries[i + 1].offset : size
            units.append(InputUnit(path: path, range: FileByteRange(start: start.offset, end: end, firstLine: start.line), rowGroups: nil,
                                   bytes: end - start.offset))
        }
        return units
    }
}
