import SiftCore

/// Errors of the labelling module, mapped onto Sift's exit statuses: a bad option is a usage
/// error (64), bad annotation data a data error (65).
enum SiftLabelError {
    static func usage(_ message: String) -> SiftError { SiftError(message, status: .usage) }
    static func data(_ message: String) -> SiftError { SiftError(message, status: .dataError) }
    /// An error about one input row: `file:line: message`.
    static func row(_ location: RecordLocation, _ message: String) -> SiftError {
        SiftError("\(location.file):\(location.line): \(message)", status: .dataError)
    }
}
