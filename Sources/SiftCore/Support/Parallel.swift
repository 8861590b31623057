#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The number of worker threads Sift uses for parallel work: all cores unless `SIFT_THREADS` says
/// otherwise (benchmarks use it to measure one core against two).
public let siftThreadCount: Int = {
    if let value = getenv("SIFT_THREADS").flatMap({ Int(String(cString: $0)) }), value > 0 { return value }
    return max(1, ProcessInfoCores.active)
}()

enum ProcessInfoCores {
    static var active: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? Int(n) : 1
    }
}

/// Results written by index from several threads; each index is written exactly once, by one
/// thread, before the concurrent section ends, which is what makes the unchecked sendability sound.
private final class IndexedResults<T>: @unchecked Sendable {
    var storage: [T?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
}

/// Maps `count` indices in parallel, preserving order. Work is cut into contiguous slices, a few
/// per thread, so that uneven items (a 50 MB record next to tiny ones) still balance.
public func parallelMap<T: Sendable>(count: Int, threads: Int = siftThreadCount, minimumPerSlice: Int = 64, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let slices = threads <= 1 || count < minimumPerSlice * 2 ? 1 : min(threads * 4, max(1, count / minimumPerSlice))
    if slices == 1 { return (0..<count).map(transform) }
    let results = IndexedResults<[T]>(count: slices)
    DispatchQueue.concurrentPerform(iterations: slices) { slice in
        let lower = count * slice / slices
        let upper = count * (slice + 1) / slices
        var part: [T] = []
        part.reserveCapacity(upper - lower)
        for i in lower..<upper { part.append(transform(i)) }
        results.storage[slice] = part
    }
    var out: [T] = []
    out.reserveCapacity(count)
    for part in results.storage { out.append(contentsOf: part!) }
    return out
}
