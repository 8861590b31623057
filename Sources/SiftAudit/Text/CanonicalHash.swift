import SiftCore

/// `XXH64.hash(TextNormalization.canonical(text))` without building the canonical string for
/// ASCII text: lowercasing and whitespace collapsing are done byte by byte into a reused buffer.
/// For ASCII the two are identical by construction (Unicode's White_Space in ASCII is exactly
/// TAB..CR and SPACE, and ASCII lowercasing maps only A-Z); other text takes the shared path, so
/// "the same text" means what it means in every other Sift module.
enum CanonicalHash {
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes -> UInt64 in
            var isASCII = true
            for byte in bytes where byte >= 0x80 {
                isASCII = false
                break
            }
            guard isASCII else { return XXH64.hash(TextNormalization.canonical(String(decoding: bytes, as: UTF8.self))) }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return out.withUnsafeBytes { XXH64.hash($0) }
        }
    }
}
