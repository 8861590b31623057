import SiftCore
import SiftText

/// A text's key is XXH64 of its canonical bytes, as everywhere else in Sift. Here rather than in
/// SiftCore so that the selections the audit passes (ranges, filtered turn indices) are
/// specialised in this module: an unspecialised generic cost a generic-metadata lookup per record.
extension CanonicalBuffer {
    /// XXH64 of the canonical form of every part joined by newlines.
    func hash() -> UInt64 { hash(parts.indices) }

    /// XXH64 of the canonical form of the given parts (increasing indices) joined by newlines.
    func hash(_ selection: some Collection<Int>) -> UInt64 {
        withBytes(of: selection) { XXH64.hash($0) }
    }
}
