import SiftCore
import Collections

/// What is in a dataset: the answer of `sift stats`, and the profile other reports start from.
public struct DatasetStats: Sendable {
    public var files: [String]
    public var formats: [DatasetFormat]
    public var kind: DatasetKind
    public var records = 0
    /// Lines, rows or array elements seen (blank lines excluded): always `records + malformedCount`.
    public var lines = 0
    public var blankLines = 0
    public var bytes = 0
    public var malformedCount = 0
    /// The first `DatasetStats.malformedListLimit` malformed items (all of them are counted).
    public var malformed: [MalformedRecord] = []
    public var diagnostics: [ReadDiagnostic] = []
    /// Top-level fields in order of first appearance.
    public var fields: OrderedDictionary<String, FieldStats> = [:]
    /// Length distributions of the kind's main texts: `prompt`, `response`, `document`.
    public var textLengths: OrderedDictionary<String, LengthDistribution> = [:]
    /// Records per label, when the kind has a label field; at most `labelLimit` distinct labels.
    public var labels: [String: Int] = [:]
    public var labelField: String?
    public var otherLabels = 0
    public var recordsWithoutLabel = 0
    /// Chat and ShareGPT: turns per conversation.
    public var turns = LengthDistribution()

    public static let malformedListLimit = 10_000
    public static let labelLimit = 10_000

    public init(files: [String], formats: [DatasetFormat], kind: DatasetKind) {
        self.files = files
        self.formats = formats
        self.kind = kind
    }

    /// Labels by descending count, then name.
    public var labelDistribution: [(label: String, count: Int)] {
        labels.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}

/// Accumulates `DatasetStats` from records; partial collectors over parts of a chunk are merged in
/// order, which gives exactly the sequential result.
struct StatsAccumulator: Sendable {
    var records = 0
    var malformedCount = 0
    var malformed: [MalformedRecord] = []
    var fields: OrderedDictionary<String, FieldStats> = [:]
    var textLengths: OrderedDictionary<String, LengthDistribution> = [:]
    var labels: [String: Int] = [:]
    var labelField: String?
    var recordsWithoutLabel = 0
    var turns = LengthDistribution()
    let kind: DatasetKind
    /// Records of a file share their keys: their content is found by position (13% of `sift
    /// stats` on Parquet went to finding it by name in every record).
    private var layouts = FieldLayout.Cache()

    init(kind: DatasetKind) {
        self.kind = kind
    }

    mutating func add(_ event: ReadEvent) {
        switch event {
        case .malformed(let item):
            malformedCount += 1
            if malformed.count < DatasetStats.malformedListLimit { malformed.append(item) }
        case .record(let record):
            add(record)
        }
    }

    mutating func add(_ record: Record) {
        records += 1
        for (name, value) in record.fields {
            fields[name, default: FieldStats()].add(value)
        }
        let content = record.content(as: kind, layouts: &layouts)
        addContent(prompt: content.prompt.map(TextMeasure.init), response: content.response.map(TextMeasure.init),
                   document: content.document.map(TextMeasure.init), turns: content.turns.count,
                   label: content.label, labelField: content.labelField)
    }

    /// The content measures of one record, whether from its `RecordContent` or read from its bytes
    /// (`StatsLineReader`): the one place they are added, so that both ways count alike.
    mutating func addContent(prompt: TextMeasure?, response: TextMeasure?, document: TextMeasure?, turns turnCount: Int,
                             label: String?, labelField field: String?) {
        measure("prompt", prompt)
        measure("response", response)
        measure("document", document)
        if kind == .chat || kind == .sharegpt {
            turns.add(characters: turnCount, words: 0)
        }
        if let label {
            labels[label, default: 0] += 1
            if labelField == nil { labelField = field }
        } else {
            recordsWithoutLabel += 1
        }
    }

    private mutating func measure(_ name: String, _ m: TextMeasure?) {
        guard let m else { return }
        // By index, so that the histograms are updated in place rather than copied.
        if let i = textLengths.index(forKey: name) {
            textLengths.values[i].add(characters: m.characters, words: m.words)
        } else {
            var lengths = LengthDistribution()
            lengths.add(characters: m.characters, words: m.words)
            textLengths[name] = lengths
        }
    }

    mutating func merge(_ other: StatsAccumulator) {
        records += other.records
        malformedCount += other.malformedCount
        malformed.append(contentsOf: other.malformed.prefix(DatasetStats.malformedListLimit - malformed.count))
        for (name, stats) in other.fields { fields[name, default: FieldStats()].merge(stats) }
        for (name, lengths) in other.textLengths { textLengths[name, default: LengthDistribution()].merge(lengths) }
        labels.merge(other.labels, uniquingKeysWith: +)
        if labelField == nil { labelField = other.labelField }
        recordsWithoutLabel += other.recordsWithoutLabel
        turns.merge(other.turns)
    }
}

/// Computes the stats of a dataset in one streaming pass.
public enum StatsCollector {
    /// Reads the whole stream. `strict` stops at the first malformed item by throwing it.
    public static func collect(_ stream: DatasetStream, kind: DatasetKind? = nil, strict: Bool = false,
                               progress: ((Int) -> Void)? = nil) throws -> DatasetStats {
        try collect(stream, kind: kind, strict: strict, readingLines: true, progress: progress)
    }

    /// `readingLines: false` decodes every record with `JSONParser`, the way the line reader must
    /// match (tests compare the two).
    static func collect(_ stream: DatasetStream, kind: DatasetKind?, strict: Bool, readingLines: Bool,
                        progress: ((Int) -> Void)? = nil) throws -> DatasetStats {
        let kind = try kind ?? stream.detectKind()
        var total = StatsAccumulator(kind: kind)
        // Lines are read from their bytes and Parquet from its columns unless --strict (which must
        // stop before the first malformed item of a chunk) or the kind's content is not one the
        // line and column readers know.
        let readsLines = readingLines && !strict && StatsLineReader.supports(kind)
        let maxDepth = stream.options.maxDepth
        while let chunk = readsLines ? try stream.nextChunk() : try stream.nextBatch().map(ReadChunk.events) {
            let partials: [StatsAccumulator]
            switch chunk {
            case .lines(let lines):
                let parts = max(1, min(stream.options.threads, lines.count / 512))
                partials = parallelMap(count: parts, threads: parts, minimumPerSlice: 1) { part in
                    var accumulator = StatsAccumulator(kind: kind)
                    var reader = StatsLineReader(kind: kind, maxDepth: maxDepth)
                    lines.forEachLine(in: lines.count * part / parts..<lines.count * (part + 1) / parts) { i, line in
                        // A line the reader cannot vouch for is decoded as any other command would.
                        if let line, reader.add(line, to: &accumulator) { return }
                        accumulator.add(lines.event(i))
                    }
                    return accumulator
                }
            case .columns(let rows):
                // Rows the column reader cannot vouch for are read as records.
                if let read = StatsColumnReader(kind: kind).partials(rows, threads: stream.options.threads) {
                    partials = read
                } else {
                    var accumulator = StatsAccumulator(kind: kind)
                    for event in rows.events() { accumulator.add(event) }
                    partials = [accumulator]
                }
            case .events(let batch):
                if strict, let first = batch.first(where: { if case .malformed = $0 { return true } else { return false } }),
                   case .malformed(let item) = first {
                    throw item
                }
                let parts = max(1, min(stream.options.threads, batch.count / 512))
                partials = parallelMap(count: parts, threads: parts, minimumPerSlice: 1) { part in
                    var accumulator = StatsAccumulator(kind: kind)
                    let lower = batch.count * part / parts
                    let upper = batch.count * (part + 1) / parts
                    for i in lower..<upper { accumulator.add(batch[i]) }
                    return accumulator
                }
            }
            for partial in partials { total.merge(partial) }
            progress?(stream.bytesRead)
        }
        var stats = DatasetStats(files: stream.paths, formats: stream.formats, kind: kind)
        stats.records = total.records
        stats.malformedCount = total.malformedCount
        stats.malformed = total.malformed
        stats.lines = stream.itemsSeen
        stats.blankLines = stream.blankLines
        stats.bytes = stream.bytesRead
        stats.diagnostics = stream.diagnostics
        stats.fields = total.fields
        stats.textLengths = total.textLengths
        stats.labelField = total.labelField
        stats.recordsWithoutLabel = total.recordsWithoutLabel
        stats.turns = total.turns
        if total.labels.count > DatasetStats.labelLimit {
            let kept = total.labels.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(DatasetStats.labelLimit)
            stats.labels = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
            stats.otherLabels = total.labels.values.reduce(0, +) - kept.reduce(0) { $0 + $1.value }
        } else {
            stats.labels = total.labels
        }
        return stats
    }
}
