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

/// The result buffer of one `parallelMap`, initialised in place from several threads: every index
/// is initialised exactly once, by the one thread that runs its slice, before the concurrent
/// section ends, which is what makes the unchecked sendability sound.
private struct ResultSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// Slices per thread at most: enough that the last slices to finish are short, so a thread that
/// is descheduled mid-slice (other pipeline stages share the cores) holds the caller up only
/// briefly, and a 50 MB record next to tiny ones still balances.
public let slicesPerThread = 16

/// Maps `count` indices in parallel, preserving order. Work is cut into contiguous slices, many per
/// thread, that idle threads take in turn. Each result is built in its final place: copying
/// results from per-slice arrays would retain and release every reference they hold on the
/// calling thread, touching memory last written by the other cores.
public func parallelMap<T: Sendable>(count: Int, threads: Int = siftThreadCount, minimumPerSlice: Int = 64, _ transform: @Sendable (Int) -> T) -> [T] {
    parallelMap(count: count, threads: threads, minimumPerSlice: minimumPerSlice, state: {}) { _, i in transform(i) }
}

/// `parallelMap` where each slice carries a state of its own (a cache, a scratch buffer), made by
/// `makeState` when the slice starts and passed to `transform` for each of its indices in order.
public func parallelMap<T: Sendable, State>(count: Int, threads: Int = siftThreadCount, minimumPerSlice: Int = 64,
                                            state makeState: @Sendable () -> State,
                                            _ transform: @Sendable (inout State, Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let slices = threads <= 1 || count < minimumPerSlice * 2 ? 1 : min(threads * slicesPerThread, max(1, count / minimumPerSlice))
    if slices == 1 {
        var state = makeState()
        return (0..<count).map { transform(&state, $0) }
    }
    return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
        let slots = ResultSlots(base: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            var state = makeState()
            for i in (count * slice / slices)..<(count * (slice + 1) / slices) {
                (slots.base + i).initialize(to: transform(&state, i))
            }
        }
        initialized = count
    }
}
