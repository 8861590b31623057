import Testing
@testable import SiftColumnar

@Suite("Encodings")
struct EncodingTests {
    @Test("RLE/bit-packed hybrid: encoder output decodes to the values, for every width")
    func hybridRoundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        for width in [1, 2, 3, 5, 8, 13, 20] {
            let maxValue = UInt32((1 << width) - 1)
            var values: [UInt32] = []
            for _ in 0..<300 {
                let v = UInt32.random(in: 0...maxValue, using: &rng)
                let run = Int.random(in: 1...(Bool.random(using: &rng) ? 3 : 40), using: &rng)
                values += repeatElement(v, count: run)
            }
            var encoder = RLEHybridEncoder(bitWidth: width)
            for v in values { encoder.append(v) }
            let bytes = encoder.finish()
            let decoded = try bytes.withUnsafeBytes { raw in
                var decoder = RLEHybridDecoder(raw, bitWidth: width)
                var out = [UInt32](repeating: 0, count: values.count)
                try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0, maxValue: maxValue) }
                return out
            }
            #expect(decoded == values, "width \(width)")
        }
    }

    @Test("PLAIN byte arrays left in their page read as written, also from a copy of the page; appending, slicing and packing them copy the values")
    func byteArraysInPage() throws {
        let values: [[UInt8]] = [[], Array("héllo".utf8), [0, 1, 2], Array(repeating: 7, count: 300), [], Array("x".utf8)]
        var page: [UInt8] = [9, 9, 9]  // bytes before the values (a v1 page's levels)
        for v in values { page += withUnsafeBytes(of: UInt32(v.count).littleEndian, Array.init) + v }
        let inPage = try PlainDecoding.byteArrays(inPage: page, from: 3, count: values.count)
        #expect(inPage.gap == 4)
        let copied = try page.dropFirst(3).withUnsafeBytes { try PlainDecoding.decode($0, type: .byteArray, typeLength: 0, count: values.count).0 }
        guard case .bytes(let packed) = copied else { Issue.record("not bytes"); return }
        func list(_ a: ByteArrays) -> [[UInt8]] { (0..<a.count).map { Array(a.data[a.range($0)]) } }
        #expect(list(inPage) == values)
        #expect(list(packed) == values)
        var appended = inPage
        appended.append(packed, range: 1..<3)
        #expect(list(appended) == values + values[1..<3])
        #expect(appended.gap == 0)
        #expect(list(inPage.slice(2..<5)) == Array(values[2..<5]))
        var joined = ColumnValues.bytes(ByteArrays())
        joined.append(.bytes(inPage), range: 0..<values.count)
        joined.append(.bytes(inPage), range: 4..<6)
        guard case .bytes(let j) = joined else { Issue.record("not bytes"); return }
        #expect(list(j) == values + values[4..<6])
        // A length past the page is refused, as when copying.
        #expect(throws: ColumnarError.self) { try PlainDecoding.byteArrays(inPage: Array(page.dropLast()), from: 3, count: values.count) }
    }

    @Test("a dictionary index past the dictionary is refused")
    func indexOutOfRange() throws {
        var encoder = RLEHybridEncoder(bitWidth: 4)
        for v: UInt32 in [0, 1, 2, 9, 1] { encoder.append(v) }
        let bytes = encoder.finish()
        #expect(throws: ColumnarError.self) {
            try bytes.withUnsafeBytes { raw in
                var decoder = RLEHybridDecoder(raw, bitWidth: 4)
                var out = [Int32](repeating: 0, count: 5)
                try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0, maxValue: 3) }
            }
        }
    }

    @Test("DELTA_BINARY_PACKED: the specification's worked example (Encodings.md)")
    func deltaExample() throws {
        // Values 1 2 3 4 5: block size 128, 4 miniblocks, 5 values, first value 1; min delta 1 and
        // all-zero bit widths (Encodings.md, "Delta Encoding", example 1).
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        let (values, _) = try bytes.withUnsafeBytes { try DeltaDecoding.decodeIntegers($0, maxCount: 5) }
        #expect(values == [1, 2, 3, 4, 5])
        #expect(throws: ColumnarError.self) { try bytes.withUnsafeBytes { try DeltaDecoding.decodeIntegers($0, maxCount: 4) } }
    }
}
