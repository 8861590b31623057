import HeapModule
import Collections
import SiftCore

/// `sample`: keeps a seeded random subset, either exactly `n` records or each record with
/// probability `fraction`. Records are ranked by a seeded hash of their position, so the same seed
/// always keeps the same records and the kept ones stay in input order. The rest go to the
/// rejects with `_sift.sample: {"reason": "not_sampled"}` so counts still add up.
public struct SampleStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "sample", summary: "Keep a seeded random subset (n records or a fraction).", parameters: [
        ParameterSpec("n", .integer(0...Int.max), help: "exact number of records to keep"),
        ParameterSpec("fraction", .number(0...1), help: "keep each record with this probability"),
        ParameterSpec("seed", .integer(Int.min...Int.max), help: "random seed (default 0)"),
    ])

    let n: Int?
    let fraction: Double?
    let seed: UInt64

    public init(parameters: StepParameters) throws {
        n = parameters.int("n")
        fraction = parameters.double("fraction")
        seed = UInt64(bitPattern: Int64(parameters.int("seed") ?? 0))
        guard (n == nil) != (fraction == nil) else {
            throw SiftError("sample needs exactly one of `n` or `fraction`", status: .config)
        }
    }

    private func rank(_ index: Int) -> UInt64 {
        withUnsafeBytes(of: UInt64(index).littleEndian) { XXH64.hash($0, seed: seed) }
    }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("sample needs an input", status: .config) }
        var keep: Set<Int> = []
        if let n {
            // The n smallest ranks, kept in a bounded max-heap.
            var heap = Heap<RankedIndex>()
            var index = 0
            try DatasetStream(paths: [input], options: io.readOptions).forEach { event in
                guard case .record = event else { return }
                let item = RankedIndex(rank: rank(index), index: index)
                if heap.count < n { heap.insert(item) } else if let top = heap.max, item < top { _ = heap.replaceMax(with: item) }
                index += 1
            }
            keep = Set(heap.unordered.map(\.index))
        }
        let output = try DatasetWriter(path: io.output)
        let rejects = try DatasetWriter(path: io.rejects)
        var index = io.firstIndex
        var kept = 0
        var removed = 0
        let threshold = fraction.map { $0 >= 1 ? UInt64.max : UInt64($0 * 18_446_744_073_709_551_616.0) }
        try DatasetStream(paths: [input], options: io.readOptions).forEach { event in
            guard case .record(var record) = event else { return }
            let selected = threshold.map { rank(index) < $0 || $0 == .max } ?? keep.contains(index)
            index += 1
            if selected {
                try output.write(record)
                kept += 1
            } else {
                record.annotate("sample", ["reason": "not_sampled", "seed": .number(String(Int64(bitPattern: seed)))])
                try rejects.write(record)
                removed += 1
            }
        }
        try output.close()
        try rejects.close()
        return StepResult(inputRecords: kept + removed, outputRecords: kept, removedRecords: removed)
    }
}

struct RankedIndex: Comparable {
    var rank: UInt64
    var index: Int

    static func < (lhs: RankedIndex, rhs: RankedIndex) -> Bool {
        lhs.rank != rhs.rank ? lhs.rank < rhs.rank : lhs.index < rhs.index
    }
}
