/// Parquet's enumerations and logical types, as numbered in parquet-format's `parquet.thrift`.
public enum PhysicalType: Int32, Sendable {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

    public var name: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .int96: return "INT96"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .byteArray: return "BYTE_ARRAY"
        case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

public enum Repetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}

public enum Encoding: Int32, Sendable {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5
    case deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9

    public static func named(_ raw: Int32) -> String {
        Encoding(rawValue: raw).map { "\($0)" } ?? "encoding \(raw)"
    }
}

public enum CompressionCodec: Int32, Sendable {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

    public var name: String {
        switch self {
        case .uncompressed: return "uncompressed"
        case .snappy: return "snappy"
        case .gzip: return "gzip"
        case .lzo: return "LZO"
        case .brotli: return "brotli"
        case .lz4: return "lz4"
        case .zstd: return "zstd"
        case .lz4Raw: return "lz4_raw"
        }
    }
}

public enum PageType: Int32, Sendable {
    case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
}

public enum TimeUnit: Sendable, Equatable {
    case millis, micros, nanos
}

/// The `LogicalType` union, plus the legacy `ConvertedType` values mapped onto it (`effectiveLogicalType`).
public enum LogicalType: Sendable, Equatable {
    case string, map, list, enumeration, date, json, bson, uuid, float16, null, variant, geometry, geography, interval
    case decimal(scale: Int32, precision: Int32)
    case time(adjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(adjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, signed: Bool)
    /// A logical type this reader does not know (a newer writer's): the physical value is read as is.
    case unknown(id: Int16)
    /// Legacy `MAP_KEY_VALUE` converted type on the repeated group of a map.
    case mapKeyValue
}
