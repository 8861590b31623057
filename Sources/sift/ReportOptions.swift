import ArgumentParser
import SiftCore

/// `--json`, the same on every command that reports: the machine-readable report, to a file or to
/// standard output (`-`), in which case the human summary stays off standard output so that the
/// JSON can be piped.
struct JSONReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the report as JSON to this file (- for standard output, instead of the summary).", valueName: "path"))
    var json: String?

    /// Whether the human summary may go to standard output: not when the JSON goes there.
    var printsSummary: Bool { json != "-" }

    /// Writes the report if `--json` was given; the report is built only then.
    func write(_ report: @autoclosure () throws -> JSONValue) throws {
        guard let json else { return }
        try writeJSONReport(report(), to: json)
    }
}

/// `--html`, the same on every command with a visual report: a self-contained page (inline SVG,
/// no external resources), written atomically.
struct HTMLReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write a self-contained HTML report to this file.", valueName: "path"))
    var html: String?

    /// Writes the page if `--html` was given; the page is rendered only then.
    func write(_ page: @autoclosure () throws -> String) throws {
        guard let html else { return }
        try writeFileAtomically(html, page())
    }
}

/// Pretty JSON and a final newline, to `path` or to standard output for `-`.
func writeJSONReport(_ value: JSONValue, to path: String) throws {
    let text = JSONWriter(style: .pretty).string(value) + "\n"
    if path == "-" { print(text, terminator: "") } else { try writeFileAtomically(path, text) }
}
