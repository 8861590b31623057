/// Serialises many values as JSON Lines on several cores.
///
/// Serialising is most of the cost of writing a dataset, and each line is independent of the
/// others, so a batch is cut into contiguous slices, each slice is serialised on its own thread,
/// and the slices are returned in order: concatenated, they are exactly the bytes of the values
/// written one after another by `JSONWriter` (compact), each followed by a newline.
public enum JSONLinesEncoding {
    /// Values per slice below which a thread is not worth waking.
    static let minimumPerSlice = 64

    /// The batch's lines, as consecutive byte slices (`slicesPerThread` per thread at most, so that
    /// a thread held up by other work delays the batch by one short slice).
    public static func encode(_ values: [JSONValue], threads: Int = siftThreadCount) -> [[UInt8]] {
        guard !values.isEmpty else { return [] }
        let slices = threads <= 1 ? 1 : min(threads * slicesPerThread, max(1, values.count / minimumPerSlice))
        return parallelMap(count: slices, threads: threads, minimumPerSlice: 1) { slice in
            let writer = JSONWriter()
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 16)
            for value in values[(values.count * slice / slices)..<(values.count * (slice + 1) / slices)] {
                writer.write(value, into: &bytes)
                bytes.append(0x0A)
            }
            return bytes
        }
    }
}
