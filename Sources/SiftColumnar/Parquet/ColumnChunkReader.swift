/// Limits that keep a hostile file from making the reader allocate what it merely claims.
public struct ParquetLimits: Sendable {
    /// Largest uncompressed page (and dictionary) accepted.
    public var maxPageBytes: Int
    /// Most values (levels) one page may hold; an all-null page can legitimately encode millions of
    /// values in a few bytes, so this bounds the level arrays instead.
    public var maxPageValues: Int

    public init(maxPageBytes: Int = 256 << 20, maxPageValues: Int = 1 << 26) {
        self.maxPageBytes = maxPageBytes
        self.maxPageValues = maxPageValues
    }
}

/// A run of whole rows of one leaf column: definition and repetition levels (empty when the
/// column's maximum is 0) and the non-null values.
public struct LeafBatch: Sendable {
    public var definitionLevels: [UInt8] = []
    public var repetitionLevels: [UInt8] = []
    /// The non-null values, as ranges of the decoded pages they come from: shared with the pages,
    /// not copied (a reader that measures values in place never copies them).
    public var runs: [ValueRun] = []
    /// Level entries (values and nulls, including empty lists).
    public var entryCount = 0
    public var rowCount = 0

    init(type: PhysicalType) {
        self.type = type
    }

    let type: PhysicalType

    /// The non-null values in one run, copied together when they come from several pages.
    public var values: ColumnValues {
        if runs.count == 1, runs[0].range == 0..<runs[0].values.count { return runs[0].values }
        var out = ColumnValues.empty(type)
        out.reserve(runs)
        for run in runs { out.append(run.values, range: run.range) }
        return out
    }

    public var valueCount: Int { runs.reduce(0) { $0 + $1.range.count } }
}

/// Values `range` of a decoded page.
public struct ValueRun: Sendable {
    public let values: ColumnValues
    public let range: Range<Int>
}

/// A decoded data page, handed out in whole rows.
private struct Page {
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var values: ColumnValues
    var entryCount = 0
}

/// Streams one column chunk page by page, handing out whole rows (`readRows`). Memory is one page
/// plus the rows asked for, whatever the chunk's size.
public final class ColumnChunkReader {
    public let descriptor: ColumnDescriptor
    let file: RandomAccessFile
    let codec: CompressionCodec
    let limits: ParquetLimits
    private var position: Int
    private let end: Int
    private var window: [UInt8] = []
    private var windowStart = 0
    private var dictionary: ColumnDictionary?
    /// The page being handed out.
    private var page = Page(values: .int32([]))
    private var entryPosition = 0
    private var valuePosition = 0
    public private(set) var pageIndex = -1
    private var sawDataPage = false

    public init(file: RandomAccessFile, metadata: ColumnMetaData, descriptor: ColumnDescriptor, limits: ParquetLimits) throws {
        self.file = file
        self.descriptor = descriptor
        self.limits = limits
        guard let codec = CompressionCodec(rawValue: metadata.codec) else {
            throw ColumnarError("unknown compression codec \(metadata.codec)", unsupported: true)
        }
        self.codec = codec
        guard metadata.type == descriptor.type else {
            throw ColumnarError("column metadata says \(metadata.type.name), the schema says \(descriptor.type.name)")
        }
        let start = metadata.chunkStart
        let length = Int(metadata.totalCompressedSize)
        guard start >= 4, length >= 0, start <= file.size, length <= file.size - start else {
            throw ColumnarError("column chunk at \(start) of \(length) bytes lies outside the \(file.size)-byte file")
        }
        position = start
        end = start + length
        page.values = .empty(descriptor.type)
    }

    /// Where the reader is, for error messages.
    public var pageDescription: String { pageIndex < 0 ? "column chunk start" : "page \(pageIndex)" }

    /// Bytes `[offset, offset + count)` of the chunk, from the read-ahead window. A page that
    /// straddles the window's end is read again with the next window, so the window spans several
    /// pages (1 MB windows read a Parquet file's text column about twice over).
    private func bytes(at offset: Int, count: Int) throws -> ArraySlice<UInt8> {
        if offset < windowStart || offset + count > windowStart + window.count {
            let length = min(max(count, 4 << 20), end - offset)
            window = try file.read(at: offset, count: length)
            windowStart = offset
        }
        return window[(offset - windowStart)..<(offset - windowStart + count)]
    }

    /// Reads the next page header; nil at the end of the chunk.
    private func nextHeader() throws -> PageHeader? {
        guard position < end else { return nil }
        var attempt = min(256, end - position)
        while true {
            let slice = try bytes(at: position, count: attempt)
            do {
                let (header, length) = try slice.withUnsafeBytes { raw in try PageHeader.decode(raw) }
                position += length
                return header
            } catch {
                // A header with large statistics needs more bytes; give up at the chunk's end or 16 MB.
                guard attempt < end - position, attempt < 16 << 20 else { throw error }
                attempt = min(attempt * 8, end - position)
            }
        }
    }

    /// Loads the next data page (reading a dictionary page on the way); false at the chunk's end.
    private func loadPage() throws -> Bool {
        while let header = try nextHeader() {
            pageIndex += 1
            let compressed = Int(header.compressedPageSize)
            guard Int(header.uncompressedPageSize) <= limits.maxPageBytes else {
                throw ColumnarError("page header promises \(header.uncompressedPageSize) uncompressed bytes, over the \(limits.maxPageBytes)-byte page limit")
            }
            guard compressed <= end - position else {
                throw ColumnarError("page header promises \(compressed) bytes, the column chunk has \(end - position) left")
            }
            let body = try bytes(at: position, count: compressed)
            position += compressed
            if let crc = header.crc {
                let actual = body.withUnsafeBytes { CRC32.checksum($0) }
                guard actual == UInt32(bitPattern: crc) else {
                    throw ColumnarError("page checksum mismatch (header CRC \(hex(UInt32(bitPattern: crc))), data \(hex(actual)))")
                }
            }
            switch PageType(rawValue: header.type) {
            case .dictionaryPage:
                guard !sawDataPage, dictionary == nil else { throw ColumnarError("dictionary page after data pages") }
                guard let info = header.dictionaryPage else { throw ColumnarError("dictionary page without its header") }
                try readDictionary(body, header: header, info: info)
            case .dataPage:
                guard let info = header.dataPage else { throw ColumnarError("data page without its header") }
                sawDataPage = true
                try readDataPageV1(body, header: header, info: info)
                return true
            case .dataPageV2:
                guard let info = header.dataPageV2 else { throw ColumnarError("data page v2 without its header") }
                sawDataPage = true
                try readDataPageV2(body, header: header, info: info)
                return true
            case .indexPage, nil:
                continue
            }
        }
        return false
    }

    private func decompress(_ body: ArraySlice<UInt8>, uncompressedSize: Int) throws -> [UInt8] {
        if codec == .uncompressed {
            guard body.count == uncompressedSize else {
                throw ColumnarError("uncompressed page of \(body.count) bytes, its header says \(uncompressedSize)")
            }
            return Array(body)
        }
        return try body.withUnsafeBytes { raw in
            try PageCodec.decompress(codec, raw, uncompressedSize: uncompressedSize, limit: limits.maxPageBytes)
        }
    }

    private func readDictionary(_ body: ArraySlice<UInt8>, header: PageHeader, info: PageHeader.DictionaryPage) throws {
        guard info.encoding == Encoding.plain.rawValue || info.encoding == Encoding.plainDictionary.rawValue else {
            throw ColumnarError("dictionary page encoded as \(Encoding.named(info.encoding))", unsupported: true)
        }
        let data = try decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        let count = Int(info.numValues)
        guard count >= 0, count <= max(data.count * 8, 0) else {
            throw ColumnarError("dictionary page claims \(count) values in \(data.count) bytes")
        }
        let (values, _) = try data.withUnsafeBytes { raw in
            try PlainDecoding.decode(raw, type: descriptor.type, typeLength: descriptor.typeLength, count: count)
        }
        dictionary = ColumnDictionary(values: values)
    }

    private func checkValueCount(_ count: Int32) throws -> Int {
        guard count >= 0, Int(count) <= limits.maxPageValues else {
            throw ColumnarError("page claims \(count) values (limit \(limits.maxPageValues))")
        }
        return Int(count)
    }

    private func readDataPageV1(_ body: ArraySlice<UInt8>, header: PageHeader, info: PageHeader.DataPage) throws {
        let count = try checkValueCount(info.numValues)
        let data = try decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        try data.withUnsafeBytes { raw in
            var offset = 0
            var repetition: [UInt8] = []
            var definition: [UInt8] = []
            if descriptor.maxRepetitionLevel > 0 {
                offset += try decodeLevels(UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: info.repetitionLevelEncoding,
                                           maxLevel: descriptor.maxRepetitionLevel, count: count, into: &repetition, what: "repetition")
            }
            if descriptor.maxDefinitionLevel > 0 {
                offset += try decodeLevels(UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: info.definitionLevelEncoding,
                                           maxLevel: descriptor.maxDefinitionLevel, count: count, into: &definition, what: "definition")
            }
            try install(definition: definition, repetition: repetition, count: count, encoding: info.encoding,
                        values: UnsafeRawBufferPointer(rebasing: raw[offset...]), pageBytes: data, valuesStart: offset)
        }
    }

    private func readDataPageV2(_ body: ArraySlice<UInt8>, header: PageHeader, info: PageHeader.DataPageV2) throws {
        let count = try checkValueCount(info.numValues)
        let repLength = Int(info.repetitionLevelsByteLength)
        let defLength = Int(info.definitionLevelsByteLength)
        guard repLength >= 0, defLength >= 0, repLength + defLength <= body.count,
              repLength + defLength <= Int(header.uncompressedPageSize) else {
            throw ColumnarError("data page v2 level lengths (\(repLength) + \(defLength)) exceed the page (\(body.count) bytes)")
        }
        var repetition: [UInt8] = []
        var definition: [UInt8] = []
        let levelBytes = body.prefix(repLength + defLength)
        try levelBytes.withUnsafeBytes { raw in
            if descriptor.maxRepetitionLevel > 0 {
                var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<repLength]),
                                               bitWidth: LevelDecoding.bitWidth(descriptor.maxRepetitionLevel))
                repetition = try decodeHybrid(&decoder, count: count, max: descriptor.maxRepetitionLevel, what: "repetition")
            }
            if descriptor.maxDefinitionLevel > 0 {
                var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: raw[repLength..<repLength + defLength]),
                                               bitWidth: LevelDecoding.bitWidth(descriptor.maxDefinitionLevel))
                definition = try decodeHybrid(&decoder, count: count, max: descriptor.maxDefinitionLevel, what: "definition")
            }
        }
        let valueBody = body.dropFirst(repLength + defLength)
        let valueSize = Int(header.uncompressedPageSize) - repLength - defLength
        let data: [UInt8]
        if valueBody.isEmpty {
            // An all-null page may carry no value bytes at all, not even an empty compressed stream.
            data = []
        } else if info.isCompressed && codec != .uncompressed {
            data = try valueBody.withUnsafeBytes { raw in
                try PageCodec.decompress(codec, raw, uncompressedSize: valueSize, limit: limits.maxPageBytes)
            }
        } else {
            data = Array(valueBody)
        }
        try data.withUnsafeBytes { raw in
            try install(definition: definition, repetition: repetition, count: count, encoding: info.encoding, values: raw,
                        pageBytes: data, valuesStart: 0)
        }
    }

    private func decodeHybrid(_ decoder: inout RLEHybridDecoder, count: Int, max: Int, what: String) throws -> [UInt8] {
        var failure: Error?
        let levels = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            do {
                try decoder.decode(into: out, maxValue: UInt32(max))
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw ColumnarError("\(what) levels: \(ColumnarError.from(failure).message)") }
        return levels
    }

    /// Decodes v1 levels; returns the bytes used.
    private func decodeLevels(_ raw: UnsafeRawBufferPointer, encoding: Int32, maxLevel: Int, count: Int, into out: inout [UInt8], what: String) throws -> Int {
        let width = LevelDecoding.bitWidth(maxLevel)
        switch Encoding(rawValue: encoding) {
        case .rle:
            guard raw.count >= 4 else { throw ColumnarError("\(what) levels: length prefix cut") }
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            guard length <= raw.count - 4 else { throw ColumnarError("\(what) levels claim \(length) bytes, the page has \(raw.count - 4)") }
            var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: raw[4..<4 + length]), bitWidth: width)
            out = try decodeHybrid(&decoder, count: count, max: maxLevel, what: what)
            return 4 + length
        case .bitPacked:
            out.reserveCapacity(count)
            do {
                return try LevelDecoding.decodeBitPacked(raw, bitWidth: width, count: count, maxValue: UInt8(maxLevel), into: &out)
            } catch {
                throw ColumnarError("\(what) levels: \(ColumnarError.from(error).message)")
            }
        default:
            throw ColumnarError("\(what) levels encoded as \(Encoding.named(encoding))", unsupported: true)
        }
    }

    /// Decodes a page's values and makes it the current page.
    /// `raw` is `pageBytes[valuesStart...]`: PLAIN byte arrays keep the page itself as their buffer.
    private func install(definition: [UInt8], repetition: [UInt8], count: Int, encoding: Int32, values raw: UnsafeRawBufferPointer,
                         pageBytes: [UInt8], valuesStart: Int) throws {
        let maxDef = UInt8(descriptor.maxDefinitionLevel)
        var nonNull = count
        if descriptor.maxDefinitionLevel > 0 {
            nonNull = 0
            for d in definition where d == maxDef { nonNull += 1 }
        }
        if descriptor.maxRepetitionLevel > 0, count > 0, !sawRowStart, repetition[0] != 0 {
            throw ColumnarError("first repetition level of the column chunk is \(repetition[0]), a row must start at 0")
        }
        if count > 0 { sawRowStart = true }
        let type = descriptor.type
        let values: ColumnValues
        do {
            switch Encoding(rawValue: encoding) {
            case .plain where type == .byteArray:
                values = .bytes(try PlainDecoding.byteArrays(inPage: pageBytes, from: valuesStart, count: nonNull))
            case .plain:
                values = try PlainDecoding.decode(raw, type: type, typeLength: descriptor.typeLength, count: nonNull).0
            case .plainDictionary, .rleDictionary:
                guard let dictionary else { throw ColumnarError("dictionary-encoded page without a dictionary page") }
                values = .dictionary(indices: try decodeIndices(raw, count: nonNull, dictionarySize: dictionary.values.count), dictionary: dictionary)
            case .rle:
                guard type == .boolean else { throw ColumnarError("RLE values for a \(type.name) column") }
                guard raw.count >= 4 else { throw ColumnarError("RLE boolean length prefix cut") }
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                guard length <= raw.count - 4 else { throw ColumnarError("RLE booleans claim \(length) bytes, the page has \(raw.count - 4)") }
                var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: raw[4..<4 + length]), bitWidth: 1)
                values = .boolean(try decodeHybrid(&decoder, count: nonNull, max: 1, what: "boolean").map { $0 == 1 })
            case .deltaBinaryPacked:
                let (ints, _) = try DeltaDecoding.decodeIntegers(raw, maxCount: nonNull)
                guard ints.count == nonNull else { throw ColumnarError("DELTA_BINARY_PACKED holds \(ints.count) values, the levels say \(nonNull)") }
                switch type {
                case .int32: values = .int32(ints.map { Int32(truncatingIfNeeded: $0) })
                case .int64: values = .int64(ints)
                default: throw ColumnarError("DELTA_BINARY_PACKED for a \(type.name) column")
                }
            case .deltaLengthByteArray:
                guard type == .byteArray else { throw ColumnarError("DELTA_LENGTH_BYTE_ARRAY for a \(type.name) column") }
                let (arrays, _) = try DeltaDecoding.decodeLengthByteArrays(raw, maxCount: nonNull)
                guard arrays.count == nonNull else { throw ColumnarError("DELTA_LENGTH_BYTE_ARRAY holds \(arrays.count) values, the levels say \(nonNull)") }
                values = .bytes(arrays)
            case .deltaByteArray:
                guard type == .byteArray || type == .fixedLenByteArray else { throw ColumnarError("DELTA_BYTE_ARRAY for a \(type.name) column") }
                let arrays = try DeltaDecoding.decodeByteArrays(raw, maxCount: nonNull, limit: limits.maxPageBytes)
                guard arrays.count == nonNull else { throw ColumnarError("DELTA_BYTE_ARRAY holds \(arrays.count) values, the levels say \(nonNull)") }
                values = .bytes(arrays)
            case .byteStreamSplit:
                values = try PlainDecoding.decodeByteStreamSplit(raw, type: type, typeLength: descriptor.typeLength, count: nonNull)
            case .bitPacked, nil:
                throw ColumnarError("values encoded as \(Encoding.named(encoding))", unsupported: true)
            }
        }
        page = Page(definitionLevels: definition, repetitionLevels: repetition, values: values, entryCount: count)
        entryPosition = 0
        valuePosition = 0
    }

    private var sawRowStart = false

    private func decodeIndices(_ raw: UnsafeRawBufferPointer, count: Int, dictionarySize: Int) throws -> [Int32] {
        guard count > 0 else { return [] }
        guard raw.count >= 1 else { throw ColumnarError("dictionary indices missing") }
        let width = Int(raw[0])
        guard width <= 32 else { throw ColumnarError("dictionary index bit width \(width)") }
        var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: raw[1...]), bitWidth: width)
        guard dictionarySize > 0 else { throw ColumnarError("dictionary index into an empty dictionary") }
        var failure: Error?
        let indices = [Int32](unsafeUninitializedCapacity: count) { out, initialized in
            do {
                try decoder.decode(into: out, maxValue: UInt32(dictionarySize - 1))
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw ColumnarError("dictionary index: \(ColumnarError.from(failure).message) (dictionary has \(dictionarySize) entries)") }
        return indices
    }

    /// Hands out exactly `rows` whole rows (fewer only at the end of the chunk: the caller compares
    /// `rowCount` with what the row group promised).
    public func readRows(_ rows: Int) throws -> LeafBatch {
        var batch = LeafBatch(type: descriptor.type)
        let hasDef = descriptor.maxDefinitionLevel > 0
        let hasRep = descriptor.maxRepetitionLevel > 0
        let maxDef = UInt8(descriptor.maxDefinitionLevel)
        while true {
            if entryPosition >= page.entryCount {
                if batch.rowCount == rows && !hasRep { break }
                guard try loadPage() else { break }
                continue
            }
            var stop = entryPosition
            var taken = batch.rowCount
            var finished = false
            if hasRep {
                page.repetitionLevels.withUnsafeBufferPointer { rep in
                    while stop < page.entryCount {
                        if rep[stop] == 0 {
                            if taken == rows { finished = true; break }
                            taken += 1
                        }
                        stop += 1
                    }
                }
            } else {
                stop = min(page.entryCount, entryPosition + (rows - taken))
                taken += stop - entryPosition
                finished = taken == rows
            }
            let range = entryPosition..<stop
            var nonNull = range.count
            if hasDef {
                nonNull = 0
                page.definitionLevels.withUnsafeBufferPointer { def in
                    for i in range where def[i] == maxDef { nonNull += 1 }
                }
                batch.definitionLevels.append(contentsOf: page.definitionLevels[range])
            }
            if hasRep { batch.repetitionLevels.append(contentsOf: page.repetitionLevels[range]) }
            guard valuePosition + nonNull <= page.values.count else {
                throw ColumnarError("page levels call for \(valuePosition + nonNull) values, the page holds \(page.values.count)")
            }
            if nonNull > 0 { batch.runs.append(ValueRun(values: page.values, range: valuePosition..<valuePosition + nonNull)) }
            valuePosition += nonNull
            entryPosition = stop
            batch.entryCount += range.count
            batch.rowCount = taken
            if finished { break }
        }
        return batch
    }

    /// Whether the chunk holds data past the rows handed out (a chunk with more rows than its row group).
    public func hasMoreRows() throws -> Bool {
        while entryPosition >= page.entryCount {
            guard try loadPage() else { return false }
        }
        return true
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
