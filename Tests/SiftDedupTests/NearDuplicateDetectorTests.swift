import Testing
@testable import SiftDedup

@Suite("NearDuplicateDetector")
struct NearDuplicateDetectorTests {
    @Test("clusters near-duplicates with their similarity to the first member; blank texts are never clustered")
    func clusters() {
        let base = "a quiet morning in the harbour town as the fishing boats return with the night's catch and gulls circle overhead"
        let items: [(reference: String, text: String)] = [
            ("r1", base),
            ("r2", "Completely unrelated: a recipe for lemon cake with butter, sugar, eggs and flour baked for forty minutes."),
            ("r3", base.uppercased()),
            ("r4", ""),
            ("r5", "   "),
            ("r6", base + " today"),
        ]
        let clusters = NearDuplicateDetector(threshold: 0.8).clusters(items)
        #expect(clusters.count == 1)
        let cluster = clusters[0]
        #expect(cluster.representative.reference == "r1" && cluster.representative.index == 0)
        #expect(cluster.duplicates.map(\.reference) == ["r3", "r6"])
        #expect(cluster.duplicates[0].similarity == 1)
        #expect(cluster.duplicates[1].similarity >= 0.8 && cluster.duplicates[1].similarity < 1)
        #expect(NearDuplicateDetector(threshold: 0.8).clusters(items) == clusters)
        #expect(NearDuplicateDetector().signature(of: " \n ") == nil)
    }

    @Test("a large cluster of copies and one-word edits ends up as one cluster")
    func largeCluster() {
        let words = (0..<200).map { "w\($0 % 37)x\($0)" }
        let items: [(reference: String, text: String)] = (0..<600).map { i in
            var text = words
            if i % 2 == 1 { text[i % 200] = "edit\(i)" }
            return ("r\(i)", text.joined(separator: " "))
        }
        let clusters = NearDuplicateDetector(threshold: 0.8).clusters(items)
        #expect(clusters.count == 1)
        #expect(clusters.first?.duplicates.count == 599)
        #expect(clusters.first?.duplicates.allSatisfy { $0.similarity >= 0.8 } == true)
    }

    @Test("union-find merges sets and counts their members")
    func unionFind() {
        var sets = UnionFind(count: 5)
        let merged = [sets.union(0, 1), sets.union(3, 4), sets.union(1, 0), sets.union(1, 4)]
        #expect(merged == [true, true, false, true])
        let roots = (0..<5).map { sets.find($0) }
        #expect(roots[0] == roots[3] && roots[2] == 2)
        let size = sets.setSize(4)
        #expect(size == 4)
        let added = sets.add()
        #expect(added == 5)
    }
}
