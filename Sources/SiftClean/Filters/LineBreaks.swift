/// Where a document's line breaks are, found in one pass and shared by every rule set that splits
/// it into lines (C4 and Gopher quality's `splitlines()`, Gopher repetition's lines and
/// paragraphs, FineWeb's `split("\n")`), instead of one scan of the whole text per split.
struct LineBreaks {
    /// Positions of the characters `str.splitlines()` breaks at: \n, \r, \v, \f, \x1c-\x1e, \x85,
    /// U+2028 and U+2029.
    let all: [Int32]
    /// Positions of \n.
    let newlines: [Int32]
    /// Characters in the text.
    let count: Int

    init(_ t: UnsafeBufferPointer<UInt32>) {
        var all: [Int32] = []
        var newlines: [Int32] = []
        // Room for a break every 32 characters: most documents fill these without growing.
        all.reserveCapacity(t.count / 32 + 8)
        newlines.reserveCapacity(t.count / 32 + 8)
        func inspect(_ from: Int, _ to: Int) {
            for i in from..<to {
                let c = t[i]
                // \n, \v, \f, \r: 10...13; \x1c-\x1e: 28...30.
                let isBreak = c < 31 ? (0x7000_3C00 as UInt32) >> c & 1 != 0 : c == 0x85 || c == 0x2028 || c == 0x2029
                if isBreak {
                    all.append(Int32(truncatingIfNeeded: i))
                    if c == 10 { newlines.append(Int32(truncatingIfNeeded: i)) }
                }
            }
        }
        // Blocks of 16 with no character below 31 or from U+0085 on hold no break.
        var i = 0
        if let base = t.baseAddress {
            while i &+ 16 <= t.count {
                var candidates: UInt32 = 0
                for k in 0..<16 {
                    let c = base[i &+ k]
                    candidates |= bit(c < 31) | bit(c >= 0x85)
                }
                if candidates != 0 { inspect(i, i &+ 16) }
                i &+= 16
            }
        }
        inspect(i, t.count)
        self.all = all
        self.newlines = newlines
        count = t.count
    }

    /// `str.splitlines()`: a \r\n pair is one break; no empty line after a final break.
    func lines(_ t: [UInt32]) -> [TokenSpan] {
        var lines: [TokenSpan] = []
        lines.reserveCapacity(all.count + 1)
        var lineStart = 0
        var k = 0
        while k < all.count {
            let i = Int(all[k])
            lines.append(TokenSpan(lineStart, i))
            if t[i] == 13, i + 1 < count, t[i + 1] == 10 {
                k += 1
                lineStart = i + 2
            } else {
                lineStart = i + 1
            }
            k += 1
        }
        if lineStart < count { lines.append(TokenSpan(lineStart, count)) }
        return lines
    }

    /// `text.split("\n")`: always at least one piece.
    func newlinePieces() -> [TokenSpan] {
        var pieces: [TokenSpan] = []
        pieces.reserveCapacity(newlines.count + 1)
        var start = 0
        for i in newlines {
            pieces.append(TokenSpan(start, Int(i)))
            start = Int(i) + 1
        }
        pieces.append(TokenSpan(start, count))
        return pieces
    }

    /// `re.split("\n{minimum,}", text[start..<end])`: pieces between runs of at least `minimum`
    /// newlines, empty pieces at the ends included.
    func pieces(_ start: Int, _ end: Int, onNewlineRunsOf minimum: Int) -> [TokenSpan] {
        var pieces: [TokenSpan] = []
        pieces.reserveCapacity(newlines.count + 1)
        var pieceStart = start
        var k = 0
        while k < newlines.count, Int(newlines[k]) < start { k += 1 }
        while k < newlines.count, Int(newlines[k]) < end {
            let runStart = Int(newlines[k])
            var runEnd = runStart + 1
            k += 1
            while k < newlines.count, Int(newlines[k]) == runEnd, runEnd < end {
                runEnd += 1
                k += 1
            }
            if runEnd - runStart >= minimum {
                pieces.append(TokenSpan(pieceStart, runStart))
                pieceStart = runEnd
            }
        }
        pieces.append(TokenSpan(pieceStart, end))
        return pieces
    }
}
