/// The whitespace-free chunks of an ASCII text, and whether each is letters only, found without a
/// branch per character: a first pass records every position where whitespace starts or ends
/// (and how many non-letters came before it), so that the chunk loop, not the character loop,
/// takes the branches. Word ends are unpredictable, and a branch on each cost more than the pass.
struct ASCIIChunks {
    /// Alternately a chunk's start and its end, each with the non-letters before it.
    private var boundaries: [(position: Int32, nonLetters: Int32)]

    /// Per ASCII character: bit 0 for whitespace (`str.isspace()`: 9...13 and 28...32), bit 1 for
    /// anything but a letter. One load per character instead of three range tests.
    private static let classes: [UInt8] = (0..<128).map { (c: UInt32) -> UInt8 in
        UInt8(bit(c &- 9 < 5) | bit(c &- 28 < 5)) | UInt8(bit((c | 0x20) &- 97 >= 26)) << 1
    }

    init(_ text: UnsafeBufferPointer<UInt32>) {
        let n = text.count
        boundaries = [(position: Int32, nonLetters: Int32)](unsafeUninitializedCapacity: n + 1) { out, count in
            guard let base = text.baseAddress else { return }
            var k = 0
            // As if a space came before the text: the first boundary starts a chunk.
            var previousSpace: UInt32 = 1
            var nonLetters: Int32 = 0
            Self.classes.withUnsafeBufferPointer { classes in
                let table = classes.baseAddress!
                for i in 0..<n {
                    let kind = UInt32(table[Int(base[i] & 127)])
                    let space = kind & 1
                    out[k] = (Int32(truncatingIfNeeded: i), nonLetters)
                    k &+= Int(space ^ previousSpace)
                    nonLetters &+= Int32(kind >> 1)
                    previousSpace = space
                }
            }
            if previousSpace == 0 {
                out[k] = (Int32(truncatingIfNeeded: n), nonLetters)
                k += 1
            }
            count = k
        }
    }

    var count: Int { boundaries.count / 2 }

    /// Calls `body(start, end, onlyLetters)` for each chunk, in order.
    func forEach(_ body: (Int, Int, Bool) -> Void) {
        var b = 0
        while b + 1 < boundaries.count {
            let start = boundaries[b]
            let end = boundaries[b + 1]
            body(Int(start.position), Int(end.position), start.nonLetters == end.nonLetters)
            b += 2
        }
    }
}
