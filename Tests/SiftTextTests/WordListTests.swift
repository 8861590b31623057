import SiftCore
import SiftText
import SiftTestSupport
import Testing

@Suite("WordList against a plain scan")
struct WordListTests {
    static let entries: [WordList<Int>.Entry] = [
        .init("[your ", ignoringCase: true, tag: 0),
        .init("[insert", ignoringCase: true, tag: 1),
        .init("[placeholder", ignoringCase: true, tag: 2),
        .init("{{", tag: 3, followedBy: { bytes, end in end < bytes.count && bytes[end] == UInt8(ascii: "x") }),
        .init("TODO", boundary: .wholeWord, tag: 4),
        .init("TBD", boundary: .wholeWord, tag: 5),
        .init("FIXME", boundary: .wholeWord, tag: 6),
        .init("lorem ipsum", ignoringCase: true, boundary: .wordStart, tag: 7),
        .init("é", tag: 8),
        .init("o", ignoringCase: true, boundary: .wordStart, tag: 9),  // one byte: any second byte
        .init("on", ignoringCase: true, tag: 10),
    ]

    /// The first entry (list order) matching at `i`, tested the plain way.
    static func plainMatch(_ bytes: [UInt8], at i: Int) -> Int? {
        for entry in entries {
            let word = entry.bytes
            guard i + word.count <= bytes.count else { continue }
            let text = bytes[i..<(i + word.count)].map { entry.ignoringCase ? PlainText.lower($0) : $0 }
            guard text == word else { continue }
            let startsWord = i == 0 || !PlainText.isWordByte(bytes[i - 1])
            let end = i + word.count
            let endsWord = end == bytes.count || !PlainText.isWordByte(bytes[end])
            switch entry.boundary {
            case .anywhere: break
            case .wordStart: guard startsWord else { continue }
            case .wholeWord: guard startsWord && endsWord else { continue }
            }
            if let followedBy = entry.followedBy, !bytes.withUnsafeBufferPointer({ followedBy($0, end) }) { continue }
            return entry.tag
        }
        return nil
    }

    @Test("match, mayBegin and the sixteen-byte candidates agree with the plain scan at every position")
    func againstReference() {
        let list = WordList(Self.entries)
        var random = SplitMix64(seed: 11)
        let pieces = ["[your ", "[Insert", "[PLACEHOLDER", "{{x", "{{", "TODO", "TBD", "FIXME", "todo", "lorem ipsum", "LOREM IPSUM", "é", "on", "o"]
        for length in PlainText.lengths {
            for _ in 0..<40 {
                let bytes = Array(RandomText.make(&random, pieces: pieces, length: length).utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    for i in bytes.indices {
                        let expected = Self.plainMatch(bytes, at: i)
                        #expect(list.match(at: i, in: buffer)?.tag == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription) at \(i)")
                        if expected != nil { #expect(list.starts.mayBegin(bytes[i])) }
                    }
                    // Every position where an entry matches is among the block's candidates.
                    var base = 0
                    while base + 17 <= bytes.count {
                        let candidates = ByteBlock.bits(list.starts.candidates(ByteBlock(buffer, at: base), ByteBlock(buffer, at: base + 1)))
                        for k in 0..<16 where Self.plainMatch(bytes, at: base + k) != nil {
                            #expect(candidates & (1 << UInt32(k)) != 0, "\(String(decoding: bytes, as: UTF8.self).debugDescription) at \(base + k)")
                        }
                        // And only bytes that can begin an entry are candidates: the test is no
                        // looser than the first bytes.
                        for k in 0..<16 where candidates & (1 << UInt32(k)) != 0 {
                            #expect(list.starts.mayBegin(bytes[base + k]), "\(String(decoding: bytes, as: UTF8.self).debugDescription) at \(base + k)")
                        }
                        base += Int.random(in: 1...16, using: &random)
                    }
                }
            }
        }
        // The derived first bytes are exactly the entries' first bytes, in both cases where case is ignored.
        let expected = Set(Array("[{TFlLoO".utf8) + [0xC3])
        for byte in 0...255 { #expect(list.starts.mayBegin(UInt8(byte)) == expected.contains(UInt8(byte)), "\(byte)") }
    }
}
