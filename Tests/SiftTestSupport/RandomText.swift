import SiftCore

/// Seeded adversarial text for testing a fast text path against its plain reference: the given
/// `pieces` (phrases, fences, line ends; upper-cased half the time) among single characters that
/// trip byte-level code: quotes, backticks, control whitespace, and multi-byte UTF-8 unless
/// `asciiOnly`.
public enum RandomText {
    public static func make(_ random: inout SplitMix64, pieces: [String], length: Int, asciiOnly: Bool = false) -> String {
        let ascii = ["a", "I", "i", "n", "o", "t", "T", "O", "l", "L", " ", " ", "\n", "'", "x", ",", "`", "```", "\t", "\r", "\u{0B}",
                     "\u{0C}", "A", "0", "9", "[", "<", "{", "}", "_", "."]
        let alphabet = asciiOnly ? ascii : ascii + ["\u{2019}", "é", "ß", "€", "😀", "\u{0080}"]
        var text = ""
        while text.utf8.count < length {
            if Int.random(in: 0..<4, using: &random) == 0, let piece = pieces.randomElement(using: &random) {
                text += Bool.random(using: &random) ? piece.uppercased() : piece
            } else {
                text += alphabet.randomElement(using: &random)!
            }
        }
        return text
    }
}
