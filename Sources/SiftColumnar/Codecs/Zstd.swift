/// Zstandard through libzstd, opened at run time (`SharedLibrary`). Decompression streams into a
/// buffer that grows only as output is produced, so a page that merely claims a large size cannot
/// make Sift allocate it.
public enum Zstd {
    struct InBuffer { var src: UnsafeRawPointer?; var size: Int; var pos: Int }
    struct OutBuffer { var dst: UnsafeMutableRawPointer?; var size: Int; var pos: Int }

    struct API: @unchecked Sendable {
        let createDStream: @convention(c) () -> OpaquePointer?
        let freeDStream: @convention(c) (OpaquePointer?) -> Int
        let initDStream: @convention(c) (OpaquePointer?) -> Int
        let decompressStream: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
        let createDCtx: @convention(c) () -> OpaquePointer?
        let freeDCtx: @convention(c) (OpaquePointer?) -> Int
        let decompressDCtx: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int
        let createCCtx: @convention(c) () -> OpaquePointer?
        let freeCCtx: @convention(c) (OpaquePointer?) -> Int
        let compressCCtx: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
        let compressBound: @convention(c) (Int) -> Int
        let isError: @convention(c) (Int) -> UInt32
        let getErrorName: @convention(c) (Int) -> UnsafePointer<CChar>?

        init?() {
            guard let lib = SharedLibrary(["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib"]),
                  let a = lib.symbol("ZSTD_createDStream", as: (@convention(c) () -> OpaquePointer?).self),
                  let b = lib.symbol("ZSTD_freeDStream", as: (@convention(c) (OpaquePointer?) -> Int).self),
                  let c = lib.symbol("ZSTD_initDStream", as: (@convention(c) (OpaquePointer?) -> Int).self),
                  let d = lib.symbol("ZSTD_decompressStream", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int).self),
                  let e = lib.symbol("ZSTD_createCCtx", as: (@convention(c) () -> OpaquePointer?).self),
                  let f = lib.symbol("ZSTD_freeCCtx", as: (@convention(c) (OpaquePointer?) -> Int).self),
                  let g = lib.symbol("ZSTD_compressCCtx", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int).self),
                  let h = lib.symbol("ZSTD_compressBound", as: (@convention(c) (Int) -> Int).self),
                  let i = lib.symbol("ZSTD_isError", as: (@convention(c) (Int) -> UInt32).self),
                  let j = lib.symbol("ZSTD_getErrorName", as: (@convention(c) (Int) -> UnsafePointer<CChar>?).self),
                  let k = lib.symbol("ZSTD_createDCtx", as: (@convention(c) () -> OpaquePointer?).self),
                  let l = lib.symbol("ZSTD_freeDCtx", as: (@convention(c) (OpaquePointer?) -> Int).self),
                  let m = lib.symbol("ZSTD_decompressDCtx", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int).self)
            else { return nil }
            createDCtx = k; freeDCtx = l; decompressDCtx = m
            createDStream = a; freeDStream = b; initDStream = c; decompressStream = d
            createCCtx = e; freeCCtx = f; compressCCtx = g; compressBound = h; isError = i; getErrorName = j
        }

        func errorName(_ code: Int) -> String { getErrorName(code).map { String(cString: $0) } ?? "error \(code)" }
    }

    static let api = API()
    static let missing = "zstd needs libzstd.so.1 (apt install libzstd1)"

    public static var isAvailable: Bool { api != nil }

    /// Decompresses a zstd stream (one or more frames) of at most `limit` bytes. A declared size
    /// that is plausible for the input is decoded in one call straight into a buffer of that size
    /// (streaming went through libzstd's window buffer: a second copy of every page, and its
    /// allocation); any other is streamed into a buffer that grows only as output is produced.
    public static func decompress(_ input: UnsafeRawBufferPointer, expected: Int, limit: Int) throws -> [UInt8] {
        guard let api else { throw ColumnarError(missing, unsupported: true) }
        if expected > 0, expected <= min(limit, input.count * 8 + 1 << 16), let context = api.createDCtx() {
            defer { _ = api.freeDCtx(context) }
            var code = 0
            let output = [UInt8](unsafeUninitializedCapacity: expected) { out, initialized in
                code = api.decompressDCtx(context, out.baseAddress, expected, input.baseAddress, input.count)
                initialized = api.isError(code) != 0 ? 0 : code
            }
            if api.isError(code) != 0 { throw ColumnarError("corrupt zstd data (\(api.errorName(code)))") }
            return output
        }
        guard let stream = api.createDStream() else { throw ColumnarError("zstd: out of memory") }
        defer { _ = api.freeDStream(stream) }
        _ = api.initDStream(stream)
        var output: [UInt8] = []
        // Trust the declared size only as far as plausible: grow by doubling beyond that.
        var capacity = max(64, min(expected, limit, input.count * 8 + 1 << 16))
        var inBuffer = InBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var produced = 0
        while true {
            if output.count < capacity { output.append(contentsOf: repeatElement(0, count: capacity - output.count)) }
            let code = output.withUnsafeMutableBytes { out in
                var outBuffer = OutBuffer(dst: out.baseAddress! + produced, size: out.count - produced, pos: 0)
                let code = withUnsafeMutablePointer(to: &outBuffer) { o in
                    withUnsafeMutablePointer(to: &inBuffer) { i in api.decompressStream(stream, UnsafeMutableRawPointer(o), UnsafeMutableRawPointer(i)) }
                }
                produced += outBuffer.pos
                return code
            }
            if api.isError(code) != 0 { throw ColumnarError("corrupt zstd data (\(api.errorName(code)))") }
            if code == 0 && inBuffer.pos == inBuffer.size { break }
            if produced == capacity {
                guard capacity < limit else { throw ColumnarError("zstd data expands past the \(limit)-byte limit") }
                capacity = min(limit, capacity * 2)
            } else if inBuffer.pos == inBuffer.size {
                throw ColumnarError("corrupt zstd data (stream ends inside a frame)")
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    /// A reusable compression context (one per writer thread).
    public final class Compressor {
        private let context: OpaquePointer
        private let api: API
        public let level: Int32

        public init(level: Int32 = 1) throws {
            guard let api = Zstd.api else { throw ColumnarError(Zstd.missing, unsupported: true) }
            guard let context = api.createCCtx() else { throw ColumnarError("zstd: out of memory") }
            self.api = api
            self.context = context
            self.level = level
        }

        deinit { _ = api.freeCCtx(context) }

        public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
            let bound = api.compressBound(input.count)
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: bound))
            let written = output.withUnsafeMutableBytes { out in
                api.compressCCtx(context, out.baseAddress! + start, bound, input.baseAddress, input.count, level)
            }
            if api.isError(written) != 0 { throw ColumnarError("zstd compression failed (\(api.errorName(written)))") }
            output.removeLast(bound - written)
        }
    }
}
