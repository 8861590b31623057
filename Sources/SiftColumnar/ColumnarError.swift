/// Why a Parquet or Arrow file (or a part of one) cannot be read. The message says what is wrong;
/// the reader that catches it adds where (file, row group, column, page), so every refusal is located.
public struct ColumnarError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// True when the file is well formed but uses a feature Sift does not read (encryption, LZO):
    /// reported as unsupported rather than as corrupt.
    public var isUnsupported: Bool

    public init(_ message: String, unsupported: Bool = false) {
        self.message = message
        self.isUnsupported = unsupported
    }

    public var description: String { message }

    /// Any error as a `ColumnarError` (decoders throw only these; the cast keeps their flags).
    public static func from(_ error: Error) -> ColumnarError {
        error as? ColumnarError ?? ColumnarError("\(error)")
    }

    /// The same error with a location prefix (`row group 2, column text, page 5: ...`).
    public func located(_ prefix: String) -> ColumnarError {
        ColumnarError("\(prefix): \(message)", unsupported: isUnsupported)
    }
}
