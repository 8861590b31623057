import Dispatch

/// Builds the duplicate graph on its own serial queue, so that inserting one batch's sketch runs
/// (sequential by nature: each document is compared with the ones before it) overlaps with reading
/// and sketching the next batch on the other cores. Batches are inserted in input order, so the
/// graph is the same as when built inline; at most two batches wait, so memory stays bounded. With
/// one thread (`SIFT_THREADS=1`) everything runs inline on the caller's thread.
final class GraphBuilder: @unchecked Sendable {
    // `graph` is only touched by blocks on `queue`, which is serial, or inline when there is no
    // queue; `finish()` reads it after `queue.sync` has drained every block. No two threads ever
    // access it at once, which is what makes the unchecked sendability sound.
    private var graph: DuplicateGraph
    private let queue: DispatchQueue?
    private let slots = DispatchSemaphore(value: 2)

    init(_ graph: DuplicateGraph, concurrent: Bool) {
        self.graph = graph
        queue = concurrent ? DispatchQueue(label: "sift.dedup.graph") : nil
    }

    /// Adds one batch's sketch runs in order.
    func add(_ runs: [SketchRun]) {
        guard let queue else {
            for run in runs { graph.add(run) }
            return
        }
        slots.wait()
        queue.async { [self] in
            for run in runs { graph.add(run) }
            slots.signal()
        }
    }

    /// Waits for every batch to be inserted and returns the graph.
    func finish() -> DuplicateGraph {
        queue?.sync {}
        return graph
    }
}
