import ArgumentParser
import SiftCore
import SiftReport

/// Options every command that reads datasets shares.
struct InputOptions: ParsableArguments {
    @Option(help: "Input format: auto (from the name and first bytes), jsonl, json, csv or tsv.")
    var format: FormatChoice = .auto

    @Option(help: ArgumentHelp("Largest record (line, row or array element) to read, in bytes; larger ones are reported as malformed.", valueName: "bytes"))
    var maxRecordBytes: Int = 256 << 20

    var readOptions: ReadOptions {
        ReadOptions(format: format.format, maxRecordBytes: maxRecordBytes)
    }
}

enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, jsonl, json, csv, tsv

    var format: DatasetFormat? { self == .auto ? nil : DatasetFormat(rawValue: rawValue) }
}

/// Runs a command body, turning Sift's errors into a one-line message and the matching exit status.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SiftError {
        printError("sift: \(error.message)")
        throw ExitCode(error.status.rawValue)
    } catch let error as MalformedRecord {
        printError("sift: \(error.description)")
        printError("sift: stopped at the first malformed record (--strict)")
        throw ExitCode(ExitStatus.dataError.rawValue)
    }
}
