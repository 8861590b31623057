import SiftColumnar

/// How a Parquet or Arrow leaf value becomes a JSON value, by physical and logical type. The
/// choices (docs/formats.md) are what a person reading the data expects: text as strings, integers
/// and decimals as exact number literals, dates and times as ISO 8601 strings, binary as base64.
struct ColumnarValueConversion: Sendable {
    enum Kind: Sendable {
        case boolean
        case signed
        case unsigned(bits: Int)
        case float, double
        case float16
        case decimal(scale: Int)
        case date
        case time(TimeUnit)
        case timestamp(TimeUnit, utc: Bool)
        case int96Timestamp
        case string
        case json
        case uuid
        /// Unannotated bytes: text when valid UTF-8 (old writers store strings this way), else base64.
        case binary
        /// Bytes that are never text (BSON, unannotated fixed-length arrays): base64.
        case rawBinary
        case interval
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The conversion a Parquet leaf column calls for.
    init(parquet column: ColumnDescriptor) {
        let logical = column.element.effectiveLogicalType
        switch (column.type, logical) {
        case (.boolean, _): kind = .boolean
        case (.int32, .date?): kind = .date
        case (.int32, .time(_, let unit)?), (.int64, .time(_, let unit)?): kind = .time(unit)
        case (.int64, .timestamp(let utc, let unit)?): kind = .timestamp(unit, utc: utc)
        case (.int32, .decimal(let scale, _)?), (.int64, .decimal(let scale, _)?),
             (.byteArray, .decimal(let scale, _)?), (.fixedLenByteArray, .decimal(let scale, _)?):
            kind = .decimal(scale: Int(scale))
        case (.int32, .integer(let bits, false)?), (.int64, .integer(let bits, false)?): kind = .unsigned(bits: Int(bits))
        case (.int32, _), (.int64, _): kind = .signed
        case (.int96, _): kind = .int96Timestamp
        case (.float, _): kind = .float
        case (.double, _): kind = .double
        case (.byteArray, .string?), (.byteArray, .enumeration?): kind = .string
        case (.byteArray, .json?): kind = .json
        case (.fixedLenByteArray, .uuid?): kind = column.typeLength == 16 ? .uuid : .binary
        case (.fixedLenByteArray, .float16?): kind = column.typeLength == 2 ? .float16 : .binary
        case (.fixedLenByteArray, .interval?): kind = column.typeLength == 12 ? .interval : .binary
        case (.byteArray, nil), (.byteArray, .unknown?): kind = .binary
        default: kind = .rawBinary
        }
    }

    /// Converts a run of values. Dictionary-encoded runs convert each distinct value once.
    func convert(_ values: ColumnValues, cache: DictionaryCache) -> [JSONValue] {
        if case .dictionary(let indices, let dictionary) = values {
            let converted: [JSONValue]
            if let cached = cache.values, cache.dictionary === dictionary {
                converted = cached
            } else {
                converted = convert(dictionary.values, cache: cache)
                cache.dictionary = dictionary
                cache.values = converted
            }
            return indices.map { converted[Int($0)] }
        }
        switch values {
        case .boolean(let v): return v.map { .bool($0) }
        case .int32(let v): return v.map { integer(Int64($0)) }
        case .int64(let v): return v.map { integer($0) }
        case .int96(let v): return v.map { .string(Self.int96Timestamp($0)) }
        case .float(let v): return v.map { $0.isFinite ? .number($0.description) : .null }
        case .double(let v): return v.map { $0.isFinite ? .number($0.description) : .null }
        case .bytes(let arrays): return bytes(arrays)
        case .dictionary: return []
        }
    }

    final class DictionaryCache {
        var dictionary: ColumnDictionary?
        var values: [JSONValue]?
        init() {}
    }

    private func integer(_ v: Int64) -> JSONValue {
        switch kind {
        case .unsigned(let bits):
            let unsigned = bits >= 64 ? UInt64(bitPattern: v) : UInt64(bitPattern: v) & ((1 << UInt64(bits)) - 1)
            return .number(String(unsigned))
        case .decimal(let scale): return .number(Self.decimalText(v < 0, String(v.magnitude), scale: scale))
        case .date: return .string(Self.dateText(days: v))
        case .time(let unit): return .string(Self.timeText(v, unit: unit))
        case .timestamp(let unit, let utc): return .string(Self.timestampText(v, unit: unit, utc: utc))
        default: return .number(String(v))
        }
    }

    private func bytes(_ arrays: ByteArrays) -> [JSONValue] {
        var out = [JSONValue]()
        out.reserveCapacity(arrays.count)
        arrays.data.withUnsafeBufferPointer { data in
            for i in 0..<arrays.count {
                let slice = UnsafeBufferPointer(rebasing: data[arrays.range(i)])
                out.append(byteValue(slice))
            }
        }
        return out
    }

    private func byteValue(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
        switch kind {
        case .string: return .string(String(decoding: bytes, as: UTF8.self))
        case .json:
            if let value = try? JSONParser.parse(UnsafeRawBufferPointer(bytes)) { return value }
            return .string(String(decoding: bytes, as: UTF8.self))
        case .decimal(let scale): return .number(Self.decimalText(bigEndianTwosComplement: bytes, scale: scale))
        case .uuid: return .string(Self.uuidText(bytes))
        case .float16: return Self.float16(bytes)
        case .interval:
            func le32(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 }
            return .object(["months": .integer(le32(0)), "days": .integer(le32(4)), "milliseconds": .integer(le32(8))])
        case .binary:
            if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
            return .string(Base64.encode(bytes))
        default:
            return .string(Base64.encode(bytes))
        }
    }

    // MARK: - Formatting

    /// `unscaled * 10^-scale` as a decimal literal.
    static func decimalText(_ negative: Bool, _ digits: String, scale: Int) -> String {
        guard scale > 0 else { return (negative ? "-" : "") + digits + String(repeating: "0", count: -scale) }
        var d = digits
        if d.count <= scale { d = String(repeating: "0", count: scale - d.count + 1) + d }
        let cut = d.index(d.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + d[..<cut] + "." + d[cut...]
    }

    /// A big-endian two's-complement integer of any width, scaled.
    static func decimalText(bigEndianTwosComplement bytes: UnsafeBufferPointer<UInt8>, scale: Int) -> String {
        guard !bytes.isEmpty else { return "0" }
        let negative = bytes[0] & 0x80 != 0
        // Magnitude as base-2^32 limbs, most significant first.
        var magnitude = [UInt8](bytes)
        if negative {
            for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
            var i = magnitude.count - 1
            while i >= 0 {
                let (sum, overflow) = magnitude[i].addingReportingOverflow(1)
                magnitude[i] = sum
                if !overflow { break }
                i -= 1
            }
        }
        var limbs: [UInt32] = []
        var start = magnitude.count % 4
        if start > 0 {
            var v: UInt32 = 0
            for b in magnitude[0..<start] { v = v << 8 | UInt32(b) }
            limbs.append(v)
        }
        while start < magnitude.count {
            var v: UInt32 = 0
            for b in magnitude[start..<start + 4] { v = v << 8 | UInt32(b) }
            limbs.append(v)
            start += 4
        }
        // Repeated division by 10^9 gives the decimal digits.
        var chunks: [UInt32] = []
        while limbs.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in limbs.indices {
                let value = remainder << 32 | UInt64(limbs[i])
                limbs[i] = UInt32(value / 1_000_000_000)
                remainder = value % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
        }
        var digits = chunks.last.map { String($0) } ?? "0"
        for chunk in chunks.dropLast().reversed() {
            let s = String(chunk)
            digits += String(repeating: "0", count: 9 - s.count) + s
        }
        return decimalText(negative && digits != "0", digits, scale: scale)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian civil date (H. Hinnant, "chrono-Compatible
    /// Low-Level Date Algorithms", `civil_from_days`).
    static func civil(days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v.magnitude)
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func dateText(days: Int64) -> String {
        let (y, m, d) = civil(days: days)
        return "\(pad(y, 4))-\(pad(Int64(m), 2))-\(pad(Int64(d), 2))"
    }

    /// Fractional seconds with the unit's digits, omitted when zero.
    private static func fraction(_ sub: Int64, unit: TimeUnit) -> String {
        guard sub != 0 else { return "" }
        let digits = unit == .millis ? 3 : unit == .micros ? 6 : 9
        return "." + pad(sub, digits)
    }

    private static func perSecond(_ unit: TimeUnit) -> Int64 { unit == .millis ? 1000 : unit == .micros ? 1_000_000 : 1_000_000_000 }

    static func timeText(_ value: Int64, unit: TimeUnit) -> String {
        let scale = perSecond(unit)
        let seconds = value / scale
        let sub = value % scale
        return "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))" + fraction(sub, unit: unit)
    }

    static func timestampText(_ value: Int64, unit: TimeUnit, utc: Bool) -> String {
        let scale = perSecond(unit)
        var seconds = value / scale
        var sub = value % scale
        if sub < 0 {
            sub += scale
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        return dateText(days: days) + "T" + timeText(secondOfDay * scale + sub, unit: unit) + (utc ? "Z" : "")
    }

    /// INT96: nanoseconds of the day and a Julian day number (2440588 is 1970-01-01), as Impala and
    /// Spark wrote timestamps.
    static func int96Timestamp(_ value: Int96) -> String {
        let perDay: Int64 = 86_400_000_000_000
        let days = Int64(value.julianDay) - 2_440_588
        let nanos = Int64(bitPattern: value.nanosOfDay)
        var extraDays = nanos / perDay
        var rest = nanos % perDay
        if rest < 0 {
            rest += perDay
            extraDays -= 1
        }
        return dateText(days: days + extraDays) + "T" + timeText(rest, unit: .nanos)
    }

    static func uuidText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// IEEE 754 half precision, little-endian.
    static func float16(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
        let bits = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Float(bits & 0x3FF)
        let value: Float
        switch exponent {
        case 0: value = sign * mantissa * Float(sign: .plus, exponent: -24, significand: 1)
        case 31: return .null
        default: value = sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
        return .number(value.description)
    }
}

/// RFC 4648 base64 with padding: how binary values appear in JSON.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(v >> 18)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(alphabet[Int(v >> 6 & 63)]); out.append(alphabet[Int(v & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(v >> 18)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
