/// The non-null values of a run of a leaf column, in the column's physical type. Byte arrays (and
/// fixed-length byte arrays) are one contiguous buffer with offsets, as Arrow stores them, so that
/// decoding a page is a few copies rather than an allocation per value.
public enum ColumnValues: Sendable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([Int96])
    case float([Float])
    case double([Double])
    case bytes(ByteArrays)
    /// Indices into a dictionary page's values; kept unexpanded so a reader converts each distinct
    /// value once.
    case dictionary(indices: [Int32], dictionary: ColumnDictionary)

    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .int96(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        case .dictionary(let indices, _): return indices.count
        }
    }

    /// An empty run of the physical type.
    public static func empty(_ type: PhysicalType) -> ColumnValues {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64: return .int64([])
        case .int96: return .int96([])
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray, .fixedLenByteArray: return .bytes(ByteArrays())
        }
    }

    /// The values with dictionary indices replaced by the values they index.
    public func materialized() -> ColumnValues {
        guard case .dictionary(let indices, let dictionary) = self else { return self }
        return dictionary.values.gather(indices)
    }

    /// The values at `indices` (all in range: checked when the page was decoded).
    func gather(_ indices: [Int32]) -> ColumnValues {
        switch self {
        case .boolean(let v): return .boolean(indices.map { v[Int($0)] })
        case .int32(let v): return .int32(indices.map { v[Int($0)] })
        case .int64(let v): return .int64(indices.map { v[Int($0)] })
        case .int96(let v): return .int96(indices.map { v[Int($0)] })
        case .float(let v): return .float(indices.map { v[Int($0)] })
        case .double(let v): return .double(indices.map { v[Int($0)] })
        case .bytes(let v):
            var out = ByteArrays()
            out.offsets.reserveCapacity(indices.count + 1)
            for i in indices { out.append(v, Int(i)) }
            return .bytes(out)
        case .dictionary: return materialized().gather(indices)
        }
    }

    /// Appends another run of the same column (dictionary runs sharing one dictionary stay indexed).
    /// Each case empties `self` before appending, so the array is uniquely owned and grows in place.
    public mutating func append(_ other: ColumnValues) {
        switch (self, other) {
        case (.boolean(var a), .boolean(let b)): self = .int32([]); a.append(contentsOf: b); self = .boolean(a)
        case (.int32(var a), .int32(let b)): self = .boolean([]); a.append(contentsOf: b); self = .int32(a)
        case (.int64(var a), .int64(let b)): self = .int32([]); a.append(contentsOf: b); self = .int64(a)
        case (.int96(var a), .int96(let b)): self = .int32([]); a.append(contentsOf: b); self = .int96(a)
        case (.float(var a), .float(let b)): self = .int32([]); a.append(contentsOf: b); self = .float(a)
        case (.double(var a), .double(let b)): self = .int32([]); a.append(contentsOf: b); self = .double(a)
        case (.bytes(var a), .bytes(let b)): self = .int32([]); a.append(contentsOf: b); self = .bytes(a)
        case (.dictionary(var a, let d), .dictionary(let b, let e)) where d === e:
            self = .int32([])
            a.append(contentsOf: b)
            self = .dictionary(indices: a, dictionary: d)
        default:
            if count == 0 {
                self = other
            } else if other.count > 0 {
                var mine = materialized()
                mine.append(other.materialized())
                self = mine
            }
        }
    }

    /// Appends the values of `other` (of the same column) in `range`, copying them once: the whole
    /// run onto an empty one is shared, not copied (`slice` then `append` moved every byte of a
    /// page twice).
    public mutating func append(_ other: ColumnValues, range: Range<Int>) {
        // Shared only when packed: more values may follow, and they append to packed arrays.
        if count == 0, range.lowerBound == 0, range.upperBound == other.count, !other.isPageBuffer {
            self = other
            return
        }
        if case .bytes(var a) = self, case .bytes(let b) = other {
            self = .int32([])
            a.append(b, range: range)
            self = .bytes(a)
            return
        }
        append(other.slice(range))
    }

    /// Room for the values of `runs` (byte arrays: their bytes too), so that appending them copies
    /// each value once.
    mutating func reserve(_ runs: [ValueRun]) {
        guard case .bytes(var a) = self else { return }
        self = .int32([])
        var bytes = 0
        for run in runs {
            if case .bytes(let b) = run.values, !run.range.isEmpty { bytes += b.offsets[run.range.upperBound] - b.offsets[run.range.lowerBound] }
        }
        a.data.reserveCapacity(a.data.count + bytes)
        a.offsets.reserveCapacity(a.offsets.count + runs.reduce(0) { $0 + $1.range.count })
        self = .bytes(a)
    }

    /// Byte arrays that are a PLAIN page's own buffer (`ByteArrays.gap`).
    var isPageBuffer: Bool {
        if case .bytes(let arrays) = self { return arrays.gap != 0 }
        return false
    }

    /// The values in `range` (the whole run is returned without copying).
    public func slice(_ range: Range<Int>) -> ColumnValues {
        if range.lowerBound == 0 && range.upperBound == count { return self }
        switch self {
        case .boolean(let v): return .boolean(Array(v[range]))
        case .int32(let v): return .int32(Array(v[range]))
        case .int64(let v): return .int64(Array(v[range]))
        case .int96(let v): return .int96(Array(v[range]))
        case .float(let v): return .float(Array(v[range]))
        case .double(let v): return .double(Array(v[range]))
        case .bytes(let v): return .bytes(v.slice(range))
        case .dictionary(let indices, let d): return .dictionary(indices: Array(indices[range]), dictionary: d)
        }
    }
}

/// A dictionary page's values, shared by the data pages of one column chunk.
public final class ColumnDictionary: @unchecked Sendable {
    public let values: ColumnValues
    public init(values: ColumnValues) { self.values = values }
}

/// INT96: legacy Impala/Spark timestamps, nanoseconds of the day then the Julian day number.
public struct Int96: Sendable, Hashable {
    public var nanosOfDay: UInt64
    public var julianDay: Int32

    public init(nanosOfDay: UInt64, julianDay: Int32) {
        self.nanosOfDay = nanosOfDay
        self.julianDay = julianDay
    }
}

/// Variable-length byte strings in one buffer: value i is `data[offsets[i]..<offsets[i+1] - gap]`.
/// `gap` is 0 where the values are packed, and 4 where `data` is a PLAIN page itself, each value
/// followed by the next one's length prefix: decoding such a page copies nothing.
public struct ByteArrays: Sendable {
    public var data: [UInt8] = []
    public var offsets: [Int] = [0]
    public var gap = 0

    public init() {}

    public var count: Int { offsets.count - 1 }

    public func range(_ i: Int) -> Range<Int> { offsets[i]..<offsets[i + 1] - gap }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if gap != 0 { pack() }
        data.append(contentsOf: bytes)
        offsets.append(data.count)
    }

    public mutating func append(_ other: ByteArrays, _ i: Int) {
        if gap != 0 { pack() }
        data.append(contentsOf: other.data[other.range(i)])
        offsets.append(data.count)
    }

    public mutating func append(contentsOf other: ByteArrays) {
        guard other.gap == 0, gap == 0 else { return append(other, range: 0..<other.count) }
        let base = data.count
        data.append(contentsOf: other.data)
        offsets.reserveCapacity(offsets.count + other.count)
        for k in 1..<other.offsets.count { offsets.append(base + other.offsets[k]) }
    }

    /// Copies the values together (`gap` 0), so that more can follow them.
    mutating func pack() {
        guard gap != 0 else { return }
        var packed = ByteArrays()
        packed.data.reserveCapacity(data.count)
        packed.offsets.reserveCapacity(offsets.count)
        for i in 0..<count { packed.append(self, i) }
        self = packed
    }

    /// Appends values `range` of `other`.
    public mutating func append(_ other: ByteArrays, range: Range<Int>) {
        guard !range.isEmpty else { return }
        guard other.gap == 0, gap == 0 else {
            for i in range { append(other, i) }
            return
        }
        let start = other.offsets[range.lowerBound]
        let shift = data.count - start
        data.append(contentsOf: other.data[start..<other.offsets[range.upperBound]])
        offsets.reserveCapacity(offsets.count + range.count)
        for k in range.lowerBound + 1...range.upperBound { offsets.append(other.offsets[k] + shift) }
    }

    func slice(_ range: Range<Int>) -> ByteArrays {
        var out = ByteArrays()
        guard gap == 0 else {
            out.append(self, range: range)
            return out
        }
        let start = offsets[range.lowerBound]
        out.data = Array(data[start..<offsets[range.upperBound]])
        out.offsets = offsets[range.lowerBound...range.upperBound].map { $0 - start }
        return out
    }
}
