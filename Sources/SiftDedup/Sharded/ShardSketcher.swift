import SiftCore

/// Stage 1 of a sharded deduplication (one task per shard): sketches every record of the shard
/// exactly as `sift dedup`'s first pass does (`SketchRun`: canonical text, fingerprint, MinHash
/// signature, band keys, keep-policy rank) and writes them out instead of inserting them into an
/// index: the documents file, the records-to-documents map, the references, and band and
/// fingerprint entries cut into `partitions` files so that each later task reads only its own.
/// Memory: one read batch and its sketches.
public struct ShardSketcher {
    public let options: DedupOptions
    public let files: ShardFiles
    public let partitions: Int

    /// Counts of one shard, for the merge stage and the manifest.
    public struct Counts: Sendable {
        public var records = 0
        public var documents = 0
        public var withoutText = 0
        public var blank = 0
    }

    public init(options: DedupOptions, files: ShardFiles, partitions: Int) {
        var options = options
        if options.usesMinHash { options.banding = options.resolvedBanding }
        self.options = options
        self.files = files
        self.partitions = partitions
    }

    /// Sketches shard `shard` (the file `input`, whose first record is record `recordOffset` of the
    /// whole stream) with the dataset kind `kind` detected on the whole stream.
    public func run(input: String, shard: Int, recordOffset: Int, kind: DatasetKind, readOptions: ReadOptions) throws -> Counts {
        let selector = TextSelector(field: options.field, kind: kind)
        let family = options.usesMinHash ? MinHashFamily(numPerm: options.numPerm, seed: options.seed) : nil
        let bandCount = options.usesMinHash ? options.resolvedBanding.bands : 0
        let numPerm = options.numPerm
        let documents = try WordFileWriter(path: files.documents(shard))
        let records = try WordFileWriter(path: files.records(shard))
        let references = try WordFileWriter(path: files.references(shard))
        let bandFiles = try (0..<partitions).map { try WordFileWriter(path: files.bands(partition: $0, shard: shard)) }
        let fingerprintFiles = try (0..<partitions).map { try WordFileWriter(path: files.fingerprints(partition: $0, shard: shard)) }
        var counts = Counts()
        var contentOptions = readOptions
        contentOptions.fields = nil
        let stream = try DatasetStream(paths: [input], options: contentOptions)
        let options = self.options
        while let batch = try stream.nextBatch() {
            let runCount = SketchRun.count(for: batch.count)
            let runs = parallelMap(count: runCount, minimumPerSlice: 1) { run in
                SketchRun(batch, (batch.count * run / runCount)..<(batch.count * (run + 1) / runCount),
                          selector: selector, options: options, family: family)
            }
            var item = 0
            var recordMap: [Int32] = []
            var docWords: [UInt8] = []
            var bandEntries = [[UInt64]](repeating: [], count: partitions)
            var fingerprintEntries = [[UInt64]](repeating: [], count: partitions)
            var referenceBytes: [UInt8] = []
            for run in runs {
                var present = 0
                for text in run.texts {
                    defer { item += 1 }
                    guard let text, case .record(let record) = batch[item] else { continue }
                    let recordIndex = recordOffset + counts.records
                    counts.records += 1
                    switch text {
                    case .missing:
                        recordMap.append(-1)
                        counts.withoutText += 1
                    case .blank:
                        recordMap.append(-2)
                        counts.blank += 1
                    case .present:
                        let local = counts.documents
                        counts.documents += 1
                        recordMap.append(Int32(local))
                        let document = ShardDocument(shard: shard, local: local).raw
                        let fingerprint = options.usesFingerprints ? (run.fingerprints[present].first, run.fingerprints[present].second) : (0, 0)
                        let rank = options.keep == .first ? 0 : run.ranks[present]
                        append(fingerprint.0, to: &docWords)
                        append(fingerprint.1, to: &docWords)
                        append(rank.bitPattern, to: &docWords)
                        if options.usesMinHash {
                            let signature = run.signatures[(present * numPerm)..<((present + 1) * numPerm)]
                            signature.withUnsafeBytes { docWords.append(contentsOf: $0) }
                            let keys = run.keys[(present * (bandCount + 1))..<((present + 1) * (bandCount + 1))]
                            let whole = keys[keys.startIndex]
                            for band in 0..<bandCount {
                                bandEntries[band % partitions].append(contentsOf: [UInt64(band), keys[keys.startIndex + 1 + band], document, whole])
                            }
                        } else {
                            docWords.append(contentsOf: repeatElement(0, count: numPerm * 4))
                        }
                        if options.usesFingerprints {
                            fingerprintEntries[Int(fingerprint.0 % UInt64(partitions))].append(contentsOf: [fingerprint.0, fingerprint.1, document])
                        }
                        // `line:N` of the whole stream, as `sift dedup` on the unsharded checkpoint names it.
                        let reference = record.id ?? "line:\(recordIndex + 1)"
                        referenceBytes.append(contentsOf: JSONWriter().bytes(.string(reference)))
                        referenceBytes.append(0x0A)
                        present += 1
                    }
                }
            }
            try records.write(recordMap)
            try documents.write(docWords)
            try references.write(referenceBytes)
            for p in 0..<partitions {
                try bandFiles[p].write(bandEntries[p])
                try fingerprintFiles[p].write(fingerprintEntries[p])
            }
        }
        try documents.close()
        try records.close()
        try references.close()
        for file in bandFiles + fingerprintFiles { try file.close() }
        return counts
    }

    private func append(_ word: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
