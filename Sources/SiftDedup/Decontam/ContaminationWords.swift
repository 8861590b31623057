import SiftCore

/// A text as the GPT-3 paper's contamination check sees it: "a lowercase, whitespace delimited
/// word with no punctuation" (Brown et al. 2020, "Language Models are Few-Shot Learners",
/// appendix C). Sift's reading of that rule: the text is canonicalised (NFKC, case-folded,
/// whitespace collapsed: `TextNormalization.canonical`), split on whitespace, and every Unicode
/// punctuation scalar (general categories Pc, Pd, Ps, Pe, Pi, Pf, Po) is deleted from each word;
/// words left empty are dropped. Symbols (`$`, `+`, `=`, ...) and digits stay. So "U.S.-based,"
/// becomes "usbased" and "2 + 2 = 4" keeps its five words.
///
/// The words are held as one UTF-8 buffer, joined by single spaces, with their offsets, so that an
/// n-gram is a byte range hashed in place.
public struct ContaminationWords: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var ends: [Int] = []

    public init(_ text: String) {
        var canonical = TextNormalization.canonical(text)
        canonical.withUTF8 { utf8 in
            bytes.reserveCapacity(utf8.count)
            var inWord = false
            var i = 0
            while i < utf8.count {
                let lead = utf8[i]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                defer { i += length }
                if lead == 0x20 {
                    if inWord { ends.append(bytes.count) }
                    inWord = false
                    continue
                }
                if lead < 0x80 {
                    if Self.asciiPunctuation[Int(lead)] { continue }
                } else if Self.isPunctuation(Self.scalar(utf8, at: i, length: length)) {
                    continue
                }
                if !inWord {
                    if !bytes.isEmpty { bytes.append(0x20) }
                    starts.append(bytes.count)
                    inWord = true
                }
                if length == 1 {
                    bytes.append(lead)
                } else {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]))
                }
            }
            if inWord { ends.append(bytes.count) }
        }
    }

    /// The scalar whose `length` UTF-8 bytes start at `i` (the text is valid UTF-8).
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Unicode.Scalar {
        var value = UInt32(utf8[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | (UInt32(utf8[i + k]) & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    public var count: Int { starts.count }

    /// The words `first ..< first + length`, as they are hashed and shown in reports.
    public func text(first: Int, length: Int) -> String {
        String(decoding: bytes[starts[first]..<ends[first + length - 1]], as: UTF8.self)
    }

    /// XXH64 of the words `first ..< first + length` joined by single spaces.
    public func hash(first: Int, length: Int) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[starts[first]..<ends[first + length - 1]]))
        }
    }

    private static let asciiPunctuation: [Bool] = (0..<128).map { code in
        Unicode.Scalar(UInt8(code)).properties.generalCategory.isPunctuation
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 ? asciiPunctuation[Int(scalar.value)] : scalar.properties.generalCategory.isPunctuation
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
