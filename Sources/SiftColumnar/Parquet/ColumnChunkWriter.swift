/// One leaf column's data for a row group, as the record shredder produces it.
public struct LeafData: Sendable {
    public var definition: [UInt8] = []
    public var repetition: [UInt8] = []
    /// Non-null values: `.boolean`, `.int64`, `.double` or `.bytes`.
    public var values: ColumnValues
    public var entryCount = 0

    public init(values: ColumnValues) {
        self.values = values
    }
}

/// Encodes a leaf column's row group into a Parquet column chunk: a dictionary page when byte
/// strings repeat (as Arrow and parquet-mr do, falling back to PLAIN once the dictionary passes
/// 1 MB), data pages v1 of about 1 MB cut at row boundaries with RLE levels, the chosen codec, and
/// min/max/null-count statistics.
public enum ColumnChunkWriter {
    public struct Column: Sendable {
        public var path: [String]
        public var type: PhysicalType
        public var maxDefinitionLevel: Int
        public var maxRepetitionLevel: Int

        public init(path: [String], type: PhysicalType, maxDefinitionLevel: Int, maxRepetitionLevel: Int) {
            self.path = path
            self.type = type
            self.maxDefinitionLevel = maxDefinitionLevel
            self.maxRepetitionLevel = maxRepetitionLevel
        }
    }

    public struct Chunk: Sendable {
        /// The pages in file order, written one after another.
        public var pages: [EncodedPage]
        /// Metadata with offsets relative to the chunk's start (`placed(at:)` makes them absolute).
        public var metadata: ColumnMetaData

        public func placed(at offset: Int) -> ColumnMetaData {
            var meta = metadata
            meta.dataPageOffset += Int64(offset)
            if let dict = meta.dictionaryPageOffset { meta.dictionaryPageOffset = dict + Int64(offset) }
            return meta
        }
    }

    static let pageBytes = 1 << 20
    static let dictionaryLimit = 1 << 20

    /// What is decided once for a leaf's row group: the dictionary, where data pages end, the
    /// statistics. Its pages are then encoded independently (`page(_:of:codec:zstd:)`), so a
    /// writer can spread one large column's pages over several cores.
    public struct Plan: Sendable {
        let leaf: LeafData
        let column: Column
        let dictionary: DictionaryValues?
        /// Each data page's entries (levels) and non-null values.
        let dataPages: [(entries: Range<Int>, values: Range<Int>)]
        let statistics: Statistics

        /// Pages in file order: the dictionary page, when there is one, then the data pages.
        public var pageCount: Int { dataPages.count + (dictionary == nil ? 0 : 1) }
    }

    /// A byte column's distinct values, and each value's index among them.
    struct DictionaryValues: Sendable {
        var values: ByteArrays
        var indices: [UInt32]
    }

    /// One page as it lands in the file: the header, then the compressed body.
    public struct EncodedPage: Sendable {
        public var header: [UInt8]
        public var body: [UInt8]
        /// Header plus uncompressed body, for `total_uncompressed_size`.
        var uncompressedSize: Int
        var byteCount: Int { header.count + body.count }
    }

    public static func plan(_ leaf: LeafData, column: Column) -> Plan {
        var dictionary: DictionaryValues?
        if case .bytes(let arrays) = leaf.values, arrays.count > 0 {
            dictionary = buildDictionary(arrays)
        }
        // Pages: cut at row starts once a page holds about `pageBytes` of values.
        var pages: [(entries: Range<Int>, values: Range<Int>)] = []
        var entry = 0
        var value = 0
        let hasDef = column.maxDefinitionLevel > 0
        let hasRep = column.maxRepetitionLevel > 0
        let maxDef = UInt8(column.maxDefinitionLevel)
        let valueSize = averageValueSize(leaf.values, dictionary: dictionary != nil)
        while entry < leaf.entryCount {
            var end = entry
            var nonNull = 0
            var bytes = 0
            while end < leaf.entryCount {
                if end > entry, bytes >= pageBytes, !hasRep || leaf.repetition[end] == 0 { break }
                if !hasDef || leaf.definition[end] == maxDef {
                    nonNull += 1
                    bytes += valueSize(value + nonNull - 1)
                }
                bytes += 1
                end += 1
            }
            pages.append((entry..<end, value..<value + nonNull))
            value += nonNull
            entry = end
        }
        var nulls = 0
        if hasDef { for d in leaf.definition where d < maxDef { nulls += 1 } }
        return Plan(leaf: leaf, column: column, dictionary: dictionary, dataPages: pages,
                    statistics: statistics(leaf.values, nulls: nulls))
    }

    /// Encodes and compresses page `index` of `plan` (in `Plan.pageCount` order).
    public static func page(_ index: Int, of plan: Plan, codec: CompressionCodec, zstd: Zstd.Compressor?) throws -> EncodedPage {
        var body: [UInt8] = []
        if index == 0, let dictionary = plan.dictionary {
            body.reserveCapacity(dictionary.values.data.count + 4 * dictionary.values.count)
            appendPlain(dictionary.values, into: &body)
            return try encodePage(body, type: .dictionaryPage, values: dictionary.values.count, encoding: .plain, codec: codec, zstd: zstd)
        }
        let (entries, values) = plan.dataPages[index - (plan.dictionary == nil ? 0 : 1)]
        let leaf = plan.leaf
        let column = plan.column
        if column.maxRepetitionLevel > 0 { appendLevels(leaf.repetition[entries], max: column.maxRepetitionLevel, into: &body) }
        if column.maxDefinitionLevel > 0 { appendLevels(leaf.definition[entries], max: column.maxDefinitionLevel, into: &body) }
        let encoding: Encoding
        if let dictionary = plan.dictionary {
            let width = max(1, Int.bitWidth - (dictionary.values.count - 1).leadingZeroBitCount)
            body.append(UInt8(width))
            var encoder = RLEHybridEncoder(bitWidth: width)
            for k in values { encoder.append(dictionary.indices[k]) }
            body.append(contentsOf: encoder.finish())
            encoding = .rleDictionary
        } else {
            appendPlain(leaf.values, values, into: &body)
            encoding = .plain
        }
        return try encodePage(body, type: .dataPage, values: entries.count, encoding: encoding, codec: codec, zstd: zstd)
    }

    /// The column chunk from its pages, in `Plan.pageCount` order.
    public static func chunk(_ plan: Plan, pages: [EncodedPage], codec: CompressionCodec) -> Chunk {
        var encodings: Set<Int32> = [Encoding.rle.rawValue, Encoding.plain.rawValue]
        var dataOffset = 0
        if plan.dictionary != nil {
            encodings.insert(Encoding.rleDictionary.rawValue)
            dataOffset = pages[0].byteCount
        }
        let meta = ColumnMetaData(type: plan.column.type, encodings: encodings.sorted(), pathInSchema: plan.column.path, codec: codec.rawValue,
                                  numValues: Int64(plan.leaf.entryCount),
                                  totalUncompressedSize: Int64(pages.reduce(0) { $0 + $1.uncompressedSize }),
                                  totalCompressedSize: Int64(pages.reduce(0) { $0 + $1.byteCount }), dataPageOffset: Int64(dataOffset),
                                  dictionaryPageOffset: plan.dictionary == nil ? nil : 0, statistics: plan.statistics)
        return Chunk(pages: pages, metadata: meta)
    }

    private static func averageValueSize(_ values: ColumnValues, dictionary: Bool) -> (Int) -> Int {
        switch values {
        case .bytes(let arrays) where !dictionary: return { i in arrays.range(i).count + 4 }
        case .boolean: return { _ in 1 }
        case .bytes: return { _ in 2 }
        default: return { _ in 8 }
        }
    }

    /// One page: its header, then the compressed body.
    private static func encodePage(_ body: [UInt8], type: PageType, values: Int, encoding: Encoding, codec: CompressionCodec,
                                   zstd: Zstd.Compressor?) throws -> EncodedPage {
        var compressed: [UInt8] = []
        try body.withUnsafeBytes { try PageCodec.compress(codec, $0, zstd: zstd, into: &compressed) }
        let crc = compressed.withUnsafeBytes { CRC32.checksum($0) }
        var header = PageHeader(type: type, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(compressed.count),
                                crc: Int32(bitPattern: crc))
        if type == .dictionaryPage {
            header.dictionaryPage = .init(numValues: Int32(values), encoding: Encoding.plain.rawValue)
        } else {
            header.dataPage = .init(numValues: Int32(values), encoding: encoding.rawValue,
                                    definitionLevelEncoding: Encoding.rle.rawValue, repetitionLevelEncoding: Encoding.rle.rawValue)
        }
        let headerBytes = header.encoded()
        return EncodedPage(header: headerBytes, body: compressed, uncompressedSize: headerBytes.count + body.count)
    }

    private static func appendLevels(_ levels: ArraySlice<UInt8>, max: Int, into body: inout [UInt8]) {
        var encoder = RLEHybridEncoder(bitWidth: LevelDecoding.bitWidth(max))
        for level in levels { encoder.append(UInt32(level)) }
        let bytes = encoder.finish()
        let n = UInt32(bytes.count)
        body.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)])
        body.append(contentsOf: bytes)
    }

    private static func appendPlain(_ arrays: ByteArrays, into body: inout [UInt8]) {
        appendPlain(.bytes(arrays), 0..<arrays.count, into: &body)
    }

    static func appendPlain(_ values: ColumnValues, _ range: Range<Int>, into body: inout [UInt8]) {
        func le<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { body.append(contentsOf: $0) } }
        switch values {
        case .boolean(let v):
            var byte: UInt8 = 0
            var bit = 0
            for i in range {
                if v[i] { byte |= 1 << UInt8(bit) }
                bit += 1
                if bit == 8 { body.append(byte); byte = 0; bit = 0 }
            }
            if bit > 0 { body.append(byte) }
        case .int64(let v): for i in range { le(v[i]) }
        case .int32(let v): for i in range { le(v[i]) }
        case .double(let v): for i in range { le(v[i].bitPattern) }
        case .float(let v): for i in range { le(v[i].bitPattern) }
        case .bytes(let arrays):
            arrays.data.withUnsafeBufferPointer { data in
                for i in range {
                    let r = arrays.range(i)
                    le(UInt32(r.count))
                    body.append(contentsOf: UnsafeBufferPointer(rebasing: data[r]))
                }
            }
        case .int96, .dictionary: break
        }
    }

    /// Distinct values and each value's index, or nil when the dictionary would pass the limit
    /// (text that seldom repeats is stored PLAIN).
    static func buildDictionary(_ arrays: ByteArrays) -> DictionaryValues? {
        var table = [Int32](repeating: -1, count: 1 << 12)
        var mask = table.count - 1
        var distinct = ByteArrays()
        var hashes: [UInt64] = []
        var indices = [UInt32]()
        indices.reserveCapacity(arrays.count)
        return arrays.data.withUnsafeBufferPointer { data -> DictionaryValues? in
            for i in 0..<arrays.count {
                let r = arrays.range(i)
                let slice = UnsafeBufferPointer(rebasing: data[r])
                let h = fnv1a(slice)
                var slot = Int(truncatingIfNeeded: h) & mask
                var found: Int32 = -1
                while table[slot] >= 0 {
                    let k = Int(table[slot])
                    if hashes[k] == h, distinct.range(k).count == r.count,
                       distinct.data.withUnsafeBufferPointer({ d in memcmpEqual(UnsafeBufferPointer(rebasing: d[distinct.range(k)]), slice) }) {
                        found = Int32(k)
                        break
                    }
                    slot = (slot + 1) & mask
                }
                if found < 0 {
                    if distinct.data.count + r.count > dictionaryLimit || distinct.count >= 1 << 20 { return nil }
                    found = Int32(distinct.count)
                    distinct.append(UnsafeRawBufferPointer(slice))
                    hashes.append(h)
                    table[slot] = found
                    if distinct.count * 2 > table.count {
                        table = [Int32](repeating: -1, count: table.count * 2)
                        mask = table.count - 1
                        for (k, hk) in hashes.enumerated() {
                            var s = Int(truncatingIfNeeded: hk) & mask
                            while table[s] >= 0 { s = (s + 1) & mask }
                            table[s] = Int32(k)
                        }
                    }
                }
                indices.append(UInt32(found))
            }
            // A dictionary only pays when values repeat.
            guard distinct.count * 2 <= arrays.count || distinct.data.count * 2 <= arrays.data.count else { return nil }
            return DictionaryValues(values: distinct, indices: indices)
        }
    }

    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    private static func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    /// min/max (PLAIN-encoded, byte strings without length prefix; long strings keep a 64-byte
    /// prefix as the minimum and no maximum) and the null count.
    static func statistics(_ values: ColumnValues, nulls: Int) -> Statistics {
        var stats = Statistics(nullCount: Int64(nulls))
        func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        switch values {
        case .int64(let v):
            if let lo = v.min(), let hi = v.max() { stats.minValue = le(lo); stats.maxValue = le(hi) }
        case .double(let v):
            let finite = v.filter { !$0.isNaN }
            if var lo = finite.min(), var hi = finite.max() {
                if lo == 0 { lo = -0.0 }
                if hi == 0 { hi = 0.0 }
                stats.minValue = le(lo.bitPattern)
                stats.maxValue = le(hi.bitPattern)
            }
        case .boolean(let v):
            if !v.isEmpty {
                stats.minValue = [v.contains(false) ? 0 : 1]
                stats.maxValue = [v.contains(true) ? 1 : 0]
            }
        case .bytes(let arrays) where arrays.count > 0:
            arrays.data.withUnsafeBufferPointer { data in
                var lo = arrays.range(0)
                var hi = lo
                for i in 1..<arrays.count {
                    let r = arrays.range(i)
                    let slice = data[r]
                    if slice.lexicographicallyPrecedes(data[lo]) { lo = r }
                    if data[hi].lexicographicallyPrecedes(slice) { hi = r }
                }
                stats.minValue = Array(data[lo].prefix(64))
                if hi.count <= 64 { stats.maxValue = Array(data[hi]) }
            }
        default: break
        }
        return stats
    }
}
