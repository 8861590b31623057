import SiftCore
import SiftText
import Testing

@Suite("HashTable, HashCounter and SpanHash against plain collections")
struct HashTests {
    /// Keys drawn from a small pool (so that many repeat) with 0 and keys sharing their top or low
    /// 32 bits (so that they probe past each other).
    static func keys(_ random: inout SplitMix64, count: Int) -> [UInt64] {
        let pool = (0..<max(count / 3, 1)).map { k -> UInt64 in
            switch k % 4 {
            case 0: return k == 0 ? 0 : random.next()
            case 1: return UInt64(k) << 32 | 7  // same low bits
            case 2: return 0xABCD_0000_0000_0000 | UInt64(k)  // same top bits
            default: return UInt64(k)
            }
        }
        return (0..<count).map { _ in pool.randomElement(using: &random)! }
    }

    @Test("HashTable counts as a Dictionary does, through growth, with the key 0 stored as 1")
    func hashTableAgainstDictionary() {
        var random = SplitMix64(seed: 3)
        for count in [0, 1, 10, 100, 5_000] {
            var table = HashTable<Int>(capacity: 4)
            var plain: [UInt64: Int] = [:]
            for key in Self.keys(&random, count: count) where key != 1 {
                table.update(key, initial: 0) { $0 += 1 }
                plain[key == 0 ? 1 : key, default: 0] += 1
            }
            #expect(table.count == plain.count)
            #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.value) }) == plain)
            for (key, value) in plain { #expect(table[key] == value) }
            #expect(table[0xDEAD_BEEF_0000_0001] == plain[0xDEAD_BEEF_0000_0001])
        }
    }

    @Test("HashCounter's passes equal plain counting: insert, mostFrequent, repeatedCharacters, occurrence bounds")
    func hashCounterAgainstReference() {
        var random = SplitMix64(seed: 4)
        let counter = HashCounter(expected: 4)
        for count in [0, 1, 2, 17, 300, 3_000] {
            let keys = Self.keys(&random, count: count)
            // insert: whether the key was seen before in this pass.
            counter.reset(expected: 4)
            var seen = Set<UInt64>()
            for key in keys { #expect(counter.insert(key) == !seen.insert(key == 0 ? 1 : key).inserted) }
            // mostFrequent: the most frequent key, ties to the first seen.
            let best = counter.mostFrequent(windows: keys.count) { keys[$0] }
            var counts: [UInt64: Int] = [:]
            var firsts: [UInt64: Int] = [:]
            for (i, key) in keys.enumerated() {
                counts[key == 0 ? 1 : key, default: 0] += 1
                if firsts[key == 0 ? 1 : key] == nil { firsts[key == 0 ? 1 : key] = i }
            }
            let top = counts.max { a, b in a.value != b.value ? a.value < b.value : firsts[a.key]! > firsts[b.key]! }
            #expect(best.count == (top?.value ?? 0))
            if let top { #expect(best.first == firsts[top.key]) } else { #expect(best.first == 0) }
            // occurrence bounds are upper bounds.
            let bounds = Array(counter.occurrenceBounds(windows: keys.count) { keys[$0] })
            for (i, key) in keys.enumerated() { #expect(Int(bounds[i]) >= counts[key == 0 ? 1 : key]!) }
            // datatrove's find_all_duplicate over every window.
            let n = 3
            let lengths = keys.map { Int($0 % 7) + 1 }
            let positions = (0..<keys.count).map { Int32($0) }
            let repeated = positions.withUnsafeBufferPointer { p in
                counter.repeatedCharacters(positions: p, windows: keys.count, n: n) { (keys[$0], lengths[$0]) }
            }
            var plainSeen = Set<UInt64>()
            var plainRepeated = 0
            var i = 0
            while i < keys.count {
                if !plainSeen.insert(keys[i] == 0 ? 1 : keys[i]).inserted {
                    plainRepeated += lengths[i]
                    i += n
                } else {
                    i += 1
                }
            }
            #expect(repeated == plainRepeated)
        }
    }

    @Test("SpanHash: equal spans hash equally and distinct spans apart, by either function; hashPadded is hash past 16 bytes")
    func spanHashes() {
        var random = SplitMix64(seed: 9)
        var byHash: [UInt64: [UInt8]] = [:]
        var byPadded: [UInt64: [UInt8]] = [:]
        for length in 0...40 {
            for _ in 0..<50 {
                let span = (0..<length).map { _ in UInt8.random(in: 0...3, using: &random) }
                // Whatever follows the span must not matter.
                let padded = span + (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
                let hash = padded.withUnsafeBytes { SpanHash.hash($0.baseAddress!, length) }
                let paddedHash = padded.withUnsafeBytes { SpanHash.hashPadded($0.baseAddress!, length) }
                #expect(hash != 0 && paddedHash != 0)
                if length > 16 { #expect(hash == paddedHash) }
                if let earlier = byHash[hash] { #expect(earlier == span) }
                if let earlier = byPadded[paddedHash] { #expect(earlier == span) }
                byHash[hash] = span
                byPadded[paddedHash] = span
                if length <= 16 {
                    let other = [UInt8](repeating: 0xEE, count: 8) + padded
                    let mix = padded.withUnsafeBytes { SpanHash.ShortSpan(count: length).mix($0.baseAddress!) }
                    let shifted = other.withUnsafeBytes { SpanHash.ShortSpan(count: length).mix($0.baseAddress! + 8) }
                    #expect(mix == shifted)
                }
            }
        }
    }
}
