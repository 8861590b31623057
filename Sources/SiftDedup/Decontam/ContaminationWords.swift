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
        let canonical = TextNormalization.canonical(text)
        bytes.reserveCapacity(canonical.utf8.count)
        var inWord = false
        for scalar in canonical.unicodeScalars {
            if scalar == " " {
                if inWord { ends.append(bytes.count) }
                inWord = false
                continue
            }
            if Self.isPunctuation(scalar) { continue }
            if !inWord {
                if !bytes.isEmpty { bytes.append(0x20) }
                starts.append(bytes.count)
                inWord = true
            }
            UTF8.encode(scalar) { bytes.append($0) }
        }
        if inWord { ends.append(bytes.count) }
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

    @inline(__always)
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
