#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for a streaming tool.
///
/// Sift's commands stream records through buffers of a few megabytes and per-record arrays of a
/// few kilobytes, freed and allocated again for every batch and every document. With glibc's
/// defaults, freed memory at the top of the heap goes back to the kernel and large buffers are
/// mapped afresh, so the same pages fault in again and again (about 2% of `sift filter`'s time on
/// one core). Keeping up to 256 MiB of freed memory, growing the heap 64 MiB at a time and serving
/// buffers up to glibc's 32 MiB limit from the heap reuses those pages instead.
enum MemoryTuning {
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out; the parameter
        // numbers are glibc's (M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3).
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-1, 256 << 20)
        _ = mallopt(-2, 64 << 20)
        _ = mallopt(-3, 32 << 20)
        #endif
    }
}
