import ArgumentParser
import SiftCore
import SiftReport

/// Options every command that reads datasets shares.
struct InputOptions: ParsableArguments {
    @Option(help: "Input format: auto (from the name and first bytes), jsonl, json, csv, tsv, parquet or arrow.")
    var format: FormatChoice = .auto

    @Option(help: ArgumentHelp("Split of a Hugging Face datasets folder saved as a DatasetDict (train, test, ...); all splits by default.", valueName: "name"))
    var split: String?

    @Option(help: ArgumentHelp("Largest record (line, row or array element) to read, in bytes; larger ones are reported as malformed.", valueName: "bytes"))
    var maxRecordBytes: Int = 256 << 20

    var readOptions: ReadOptions {
        var options = ReadOptions(format: format.format, maxRecordBytes: maxRecordBytes)
        options.split = split
        return options
    }
}

enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, jsonl, json, csv, tsv, parquet, arrow

    var format: DatasetFormat? { self == .auto ? nil : DatasetFormat(rawValue: rawValue) }
}

/// Runs a command body, turning Sift's errors into a one-line message and the matching exit status.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SiftError {
        printError("sift: \(error.message)")
        throw ExitCode(error.status.rawValue)
    } catch let error as ParameterError {
        printError("sift: \(error.message(naming: ParameterError.flag))")
        throw ExitCode(ExitStatus.usage.rawValue)
    } catch let error as MalformedRecord {
        printError("sift: \(error.description)")
        printError("sift: stopped at the first malformed record (--strict)")
        throw ExitCode(ExitStatus.dataError.rawValue)
    }
}
