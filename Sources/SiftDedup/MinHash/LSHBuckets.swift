/// The band tables of MinHash-LSH (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, "Mining of
/// Massive Datasets", ch. 3): each document is filed under one key per band
/// (`NearDuplicateIndex.appendKeys`), and the documents sharing a band key are read back newest
/// first. One implementation for `sift dedup`'s `NearDuplicateIndex` and synth QA's
/// `RougeNearDuplicateIndex`.
///
/// Per band, a `BandTable` holds the newest document of each bucket, and each document keeps one
/// link per band to the previous member of its bucket (4 bytes), so a bucket is a chain through
/// the documents rather than an array per bucket.
public struct LSHBuckets: Sendable {
    public let bands: Int
    private var tables: [BandTable]
    /// `chain[doc * bands + band]`: the previous member of doc's bucket in that band, or -1.
    private var chain: [Int32] = []
    /// Documents added, filed or not.
    public private(set) var count = 0

    public init(bands: Int) {
        self.bands = bands
        tables = Array(repeating: BandTable(), count: bands)
    }

    /// Adds document `count` without filing it in any bucket (it is never a candidate).
    public mutating func appendUnfiled() {
        chain.append(contentsOf: repeatElement(-1, count: bands))
        count += 1
    }

    /// Files document `doc` (already added, and the newest filed so far) under `keys`, one per band.
    public mutating func file(_ doc: Int, keys: ArraySlice<UInt64>) {
        // Every band's table first: the lookups are independent cache misses that the processor
        // overlaps when no scan loop sits between them.
        var key = keys.startIndex
        for band in 0..<bands {
            chain[doc * bands + band] = tables[band].exchange(keys[key], Int32(doc)) ?? -1
            key += 1
        }
    }

    /// The member filed before `doc` in `doc`'s bucket of `band`, or -1.
    @inline(__always) public func previous(_ doc: Int, band: Int) -> Int32 {
        chain[doc * bands + band]
    }

    /// The newest document filed under `key` in `band`, or -1: the start of a bucket's chain for
    /// a document that is looked up without being filed.
    public func newest(_ key: UInt64, band: Int) -> Int32 {
        tables[band].newest(key) ?? -1
    }

    /// Bytes of the chain links and the tables' slots.
    public var bytes: Int { chain.count * 4 + tables.reduce(0) { $0 + $1.bytes } }
}
