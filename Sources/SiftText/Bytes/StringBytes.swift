extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place when they are stored contiguously
    /// (every native string). `withUTF8` needs a `var`, and the copy into it costs a retain and a
    /// release of the text for every check that scans it.
    @inlinable @inline(__always) package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
