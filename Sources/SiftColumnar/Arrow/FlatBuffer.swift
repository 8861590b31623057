/// Read-only access to a FlatBuffers buffer (the encoding of Arrow IPC metadata), checked at every
/// step: a hostile offset or length throws instead of reading outside the buffer.
///
/// Reference: FlatBuffers "Internals". A table starts with a signed 32-bit offset back to its
/// vtable; the vtable lists the vtable size, the table size and one 16-bit offset per field (0:
/// absent). Offsets to strings, vectors and tables are unsigned 32-bit, relative to where they sit.
struct FlatBuffer {
    let bytes: [UInt8]

    func u8(_ at: Int) throws -> UInt8 {
        guard at >= 0, at < bytes.count else { throw ColumnarError("Arrow metadata is truncated (offset \(at))") }
        return bytes[at]
    }

    func u16(_ at: Int) throws -> Int {
        guard at >= 0, at + 2 <= bytes.count else { throw ColumnarError("Arrow metadata is truncated (offset \(at))") }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    func i32(_ at: Int) throws -> Int32 {
        guard at >= 0, at + 4 <= bytes.count else { throw ColumnarError("Arrow metadata is truncated (offset \(at))") }
        return bytes.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int32.self)) }
    }

    func i64(_ at: Int) throws -> Int64 {
        guard at >= 0, at + 8 <= bytes.count else { throw ColumnarError("Arrow metadata is truncated (offset \(at))") }
        return bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int64.self)) }
    }

    /// The root table.
    func root() throws -> Table {
        try Table(buffer: self, position: Int(UInt32(bitPattern: try i32(0))))
    }

    struct Table {
        let buffer: FlatBuffer
        let position: Int
        let vtable: Int
        let vtableSize: Int

        init(buffer: FlatBuffer, position: Int) throws {
            self.buffer = buffer
            self.position = position
            vtable = position - Int(try buffer.i32(position))
            vtableSize = try buffer.u16(vtable)
            guard vtableSize >= 4, vtable + vtableSize <= buffer.bytes.count else { throw ColumnarError("Arrow metadata has a bad vtable") }
        }

        /// The field's absolute position, or nil when absent.
        func field(_ index: Int) throws -> Int? {
            let entry = 4 + 2 * index
            guard entry + 2 <= vtableSize else { return nil }
            let offset = try buffer.u16(vtable + entry)
            return offset == 0 ? nil : position + offset
        }

        func bool(_ index: Int, default value: Bool = false) throws -> Bool {
            guard let at = try field(index) else { return value }
            return try buffer.u8(at) != 0
        }

        func u8(_ index: Int, default value: UInt8 = 0) throws -> UInt8 {
            guard let at = try field(index) else { return value }
            return try buffer.u8(at)
        }

        func i16(_ index: Int, default value: Int = 0) throws -> Int {
            guard let at = try field(index) else { return value }
            return Int(Int16(truncatingIfNeeded: try buffer.u16(at)))
        }

        func i32(_ index: Int, default value: Int32 = 0) throws -> Int32 {
            guard let at = try field(index) else { return value }
            return try buffer.i32(at)
        }

        func i64(_ index: Int, default value: Int64 = 0) throws -> Int64 {
            guard let at = try field(index) else { return value }
            return try buffer.i64(at)
        }

        private func indirect(_ at: Int) throws -> Int {
            at + Int(UInt32(bitPattern: try buffer.i32(at)))
        }

        func table(_ index: Int) throws -> Table? {
            guard let at = try field(index) else { return nil }
            return try Table(buffer: buffer, position: try indirect(at))
        }

        func string(_ index: Int) throws -> String? {
            guard let at = try field(index) else { return nil }
            let start = try indirect(at)
            let length = Int(UInt32(bitPattern: try buffer.i32(start)))
            guard start + 4 + length <= buffer.bytes.count else { throw ColumnarError("Arrow metadata string runs past its buffer") }
            return String(decoding: buffer.bytes[(start + 4)..<(start + 4 + length)], as: UTF8.self)
        }

        /// A vector: its element count and the position of its first element.
        func vector(_ index: Int, elementSize: Int) throws -> (count: Int, start: Int)? {
            guard let at = try field(index) else { return nil }
            let start = try indirect(at)
            let count = Int(UInt32(bitPattern: try buffer.i32(start)))
            guard count <= (buffer.bytes.count - start - 4) / max(elementSize, 1) else {
                throw ColumnarError("Arrow metadata vector of \(count) elements runs past its buffer")
            }
            return (count, start + 4)
        }

        func tables(_ index: Int) throws -> [Table] {
            guard let (count, start) = try vector(index, elementSize: 4) else { return [] }
            var out: [Table] = []
            out.reserveCapacity(count)
            for k in 0..<count { out.append(try Table(buffer: buffer, position: try indirect(start + 4 * k))) }
            return out
        }
    }
}
