import Testing
import Foundation
import SiftCore
import SiftTestSupport
import SiftLearn
@testable import SiftStudio

/// `sift label-errors --review`: the flagged records load as a studio review project, one item per
/// flagged record, none rejected, each showing the record's text and the labels in question.
@Suite struct LabelErrorsReviewTests {
    @Test func flaggedRecordsLoadAsAReviewProject() throws {
        let directory = try TemporaryDirectory()
        // Two classes with their own words; 12 records carry the other class's label.
        var lines: [String] = []
        var generator = SplitMix64(seed: 9)
        for i in 0..<240 {
            let truth = i % 2
            let words = (0..<8).map { _ in "c\(truth)w\(generator.next() % 20)" } + (0..<4).map { _ in "filler\(generator.next() % 200)" }
            let given = i % 20 == 3 ? 1 - truth : truth
            lines.append(JSONWriter().string(.object(["id": .string("doc\(i)"), "text": .string(words.joined(separator: " ")),
                                                      "label": .string(given == 0 ? "ham" : "spam")])))
        }
        let data = try directory.write("data.jsonl", lines.joined(separator: "\n") + "\n")
        let dataset = try LabeledDataset.read(paths: [data], labelField: "label", keepLines: true)
        let report = try LabelIssues.run(dataset, probabilitiesFile: nil, folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
        #expect(report.flaggedCount >= 3)
        var bytes: [UInt8] = []
        for line in report.reviewLines() { JSONWriter().write(line, into: &bytes); bytes.append(0x0A) }
        let review = try directory.write("review.jsonl", bytes: bytes)

        let store = StudioStore(database: try StudioDatabase(path: directory.path("studio.sqlite"), create: true))
        let created = try store.createProject(ProjectSettings(name: "label errors", data: review, spec: .review))
        #expect(created.rejects.isEmpty)
        #expect(created.records == report.flaggedCount && created.items == report.flaggedCount)
        let first = report.result.ranked[0]
        let row = try #require(report.reviewLines().first)
        #expect(row["review_id"]?.stringValue == "doc\(first)")
        #expect(row["prompt"]?.stringValue?.hasPrefix("c") == true)
        #expect(row["response"]?.stringValue?.contains("suggested: ") == true)
        #expect(row["record"]?["id"]?.stringValue == "doc\(first)")
    }
}
