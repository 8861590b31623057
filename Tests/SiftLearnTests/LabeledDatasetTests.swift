import Testing
import Foundation
import SiftCore
import SiftTestSupport
@testable import SiftLearn

@Suite struct LabeledDatasetTests {
    @Test func readsChatRecordsWithALabelField() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("chat.jsonl", """
        {"messages": [{"role": "user", "content": "refund my order"}, {"role": "assistant", "content": "Sure."}], "intent": "billing"}
        {"messages": [{"role": "user", "content": "the app crashes"}, {"role": "assistant", "content": "Sorry!"}], "intent": "bug"}

        """)
        let data = try LabeledDataset.read(paths: [path], labelField: "intent")
        #expect(data.kind == .chat)
        #expect(data.classNames == ["billing", "bug"])
        #expect(data.labels == [0, 1])
        #expect(data.features[0] == TextFeatures().vector("refund my order\nSure."))
    }

    @Test func readsEvalCasesAndAChosenTextField() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("eval.jsonl", """
        {"input": "2+2?", "expected": "4", "category": "math", "note": "arithmetic"}
        {"input": "Capital of France?", "expected": "Paris", "category": "geo", "note": "capitals"}

        """)
        let data = try LabeledDataset.read(paths: [path], labelField: "category", textField: "note")
        #expect(data.kind == .evalCase)
        #expect(data.classNames == ["geo", "math"] && data.labels == [1, 0])
        #expect(data.features[1] == TextFeatures().vector("capitals"))
    }

    @Test func missingLabelNamesFileLineAndField() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data.jsonl", "{\"text\": \"a b c\", \"label\": \"x\"}\n{\"text\": \"d e f\"}\n")
        do {
            _ = try LabeledDataset.read(paths: [path], labelField: "label")
            Issue.record("a missing label must fail")
        } catch let error as SiftError {
            #expect(error.message.contains("data.jsonl:2") && error.message.contains("\"label\""))
            #expect(error.status == .dataError)
        }
    }

    @Test func emptyTextAndUnknownEvalLabelsFail() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("empty.jsonl", "{\"text\": \"...\", \"label\": \"x\"}\n")
        #expect(throws: SiftError.self) { try LabeledDataset.read(paths: [empty], labelField: "label") }
        let other = try directory.write("other.jsonl", "{\"text\": \"words here\", \"label\": \"zzz\"}\n")
        #expect(throws: SiftError.self) { try LabeledDataset.read(paths: [other], labelField: "label", classNames: ["a", "b"]) }
    }

    @Test func fewerMembersThanFoldsIsADataError() throws {
        let data = GeneratedTexts(count: 20, classes: 2, seed: 1)
        var labels = data.labels
        labels[0] = 2; labels[2] = 2
        let dataset = LabeledDataset(kind: .classification, classNames: ["a", "b", "c"], labels: labels, features: data.features,
                                     references: [], locations: [], sketches: [])
        do {
            _ = try LabelIssues.run(dataset, probabilitiesFile: nil, folds: 5, seed: 1, filterBy: .pruneByNoiseRate)
            Issue.record("a class smaller than the folds must fail")
        } catch let error as SiftError {
            #expect(error.message.contains("class \"c\" has 2 records, fewer than 5, the number of folds"))
        }
    }
}
