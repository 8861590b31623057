import ArgumentParser
import SiftCore
import SiftReport

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert datasets between formats: JSON Lines, JSON, CSV, TSV, Parquet, Arrow and datasets folders in; Parquet or JSON Lines out.",
        discussion: """
        Reads every input like any Sift command (a directory of Parquet part files with key=value folders, \
        or a Hugging Face datasets folder, counts as one input) and writes the records to --out: Parquet \
        when its name ends in .parquet (schema inferred, --compression zstd by default), else JSON Lines. \
        Malformed input goes to --removed with its reason, or stops the run under --strict (exit status 65).
        """
    )

    @Argument(help: "Dataset files or folders (- for standard input).")
    var files: [String]

    @Option(help: ArgumentHelp("Where to write the records (.parquet for Parquet, else JSON Lines).", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Where to write malformed input, with the reasons.", valueName: "path"))
    var removed: String?

    @OptionGroup var input: InputOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var jsonReport: JSONReportOptions

    @Flag(help: "Stop at the first malformed record with exit status 65.")
    var strict = false

    func run() throws {
        output.apply()
        try reportingErrors {
            let stream = try DatasetStream(paths: files, options: input.readOptions)
            let writer = try DatasetWriter(path: out)
            let rejects = try removed.map { try DatasetWriter(path: $0) }
            let bar = ProgressBar(label: "converting", total: stream.totalBytes)
            var records = 0
            var malformed: [MalformedRecord] = []
            var malformedCount = 0
            stream.onProgress = { read, _ in bar.update(read) }
            func reject(_ item: MalformedRecord) throws {
                if strict { throw item }
                malformedCount += 1
                if malformed.count < 10 { malformed.append(item) }
                try rejects?.write(item.rejectRecord)
            }
            func write(_ batch: [ReadEvent]) throws {
                var kept: [Record] = []
                kept.reserveCapacity(batch.count)
                for event in batch {
                    switch event {
                    case .record(let record): kept.append(record)
                    case .malformed(let item): try reject(item)
                    }
                }
                records += kept.count
                try writer.write(records: kept)
            }
            // Into Parquet, JSON Lines go from their bytes straight into the columns.
            let readsLines = writer.format == .parquet
            while let chunk = readsLines ? try stream.nextChunk() : try stream.nextBatch().map(ReadChunk.events) {
                switch chunk {
                case .lines(let lines): records += try writer.write(lines: lines, malformed: reject)
                case .columns(let rows): try write(rows.events())
                case .events(let batch): try write(batch)
                }
            }
            bar.finish()
            try writer.close()
            try rejects?.close()
            let summary: JSONValue = [
                "inputs": .array(files.map { .string($0) }),
                "formats": .array(stream.formats.map { .string($0.rawValue) }),
                "output": .string(out),
                "output_format": .string(writer.format.rawValue),
                "records": .integer(records),
                "malformed_count": .integer(malformedCount),
                "malformed": .array(malformed.map(\.reportJSON)),
            ]
            if jsonReport.printsSummary {
                print("converted \(records) records to \(out) (\(writer.format.rawValue))" + (malformedCount > 0 ? ", \(malformedCount) malformed" : ""))
                for item in malformed { print("  " + item.description) }
                for note in stream.diagnostics { print("  note: " + note.description) }
            }
            try jsonReport.write(summary)
        }
    }
}
