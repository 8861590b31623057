import ArgumentParser
import SiftCore

/// Options every command that writes records shares: how Parquet outputs (`--out x.parquet`) are
/// compressed. Outputs named anything else are JSON Lines.
struct OutputOptions: ParsableArguments {
    @Option(help: "Compression of Parquet outputs: zstd, snappy, gzip or none.")
    var compression: ParquetCompression = .zstd

    /// Makes the choice the default of every writer the command opens.
    func apply() {
        DatasetWriter.defaultCompression = compression
    }
}

extension ParquetCompression: ExpressibleByArgument {}
