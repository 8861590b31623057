/// Brotli decompression through libbrotlidec, opened at run time (`SharedLibrary`); output grows
/// only as it is produced.
public enum Brotli {
    struct API: @unchecked Sendable {
        let create: @convention(c) (UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?) -> OpaquePointer?
        let destroy: @convention(c) (OpaquePointer?) -> Void
        let decompressStream: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>, UnsafeMutablePointer<UnsafePointer<UInt8>?>,
                                              UnsafeMutablePointer<Int>, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>?) -> Int32

        init?() {
            guard let lib = SharedLibrary(["libbrotlidec.so.1", "libbrotlidec.so", "libbrotlidec.1.dylib", "libbrotlidec.dylib"]),
                  let a = lib.symbol("BrotliDecoderCreateInstance", as: (@convention(c) (UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?) -> OpaquePointer?).self),
                  let b = lib.symbol("BrotliDecoderDestroyInstance", as: (@convention(c) (OpaquePointer?) -> Void).self),
                  let c = lib.symbol("BrotliDecoderDecompressStream", as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>, UnsafeMutablePointer<UnsafePointer<UInt8>?>,
                                                                                             UnsafeMutablePointer<Int>, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>?) -> Int32).self)
            else { return nil }
            create = a; destroy = b; decompressStream = c
        }
    }

    static let api = API()

    public static func decompress(_ input: UnsafeRawBufferPointer, expected: Int, limit: Int) throws -> [UInt8] {
        guard let api else { throw ColumnarError("brotli needs libbrotlidec.so.1 (apt install libbrotli1)", unsupported: true) }
        guard let state = api.create(nil, nil, nil) else { throw ColumnarError("brotli: out of memory") }
        defer { api.destroy(state) }
        var output: [UInt8] = []
        var capacity = max(64, min(expected, limit, input.count * 8 + 1 << 16))
        var availableIn = input.count
        var nextIn: UnsafePointer<UInt8>? = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var produced = 0
        while true {
            if output.count < capacity { output.append(contentsOf: repeatElement(0, count: capacity - output.count)) }
            let result = output.withUnsafeMutableBufferPointer { out in
                var availableOut = out.count - produced
                var nextOut: UnsafeMutablePointer<UInt8>? = out.baseAddress! + produced
                let result = api.decompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                produced = out.count - availableOut
                return result
            }
            switch result {
            case 1: // success
                output.removeLast(output.count - produced)
                return output
            case 3: // needs more output
                guard capacity < limit else { throw ColumnarError("brotli data expands past the \(limit)-byte limit") }
                capacity = min(limit, capacity * 2)
            case 2: throw ColumnarError("corrupt brotli data (stream ends early)")
            default: throw ColumnarError("corrupt brotli data")
            }
        }
    }
}
