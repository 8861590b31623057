import SiftCore
import Testing
@testable import SiftLabel

@Suite("reading annotations")
struct AnnotationReaderTests {
    func read(_ path: String, _ configure: (inout AnnotationReader) -> Void = { _ in }) throws -> (AnnotationTable, AnnotationInput) {
        // Small chunks: these files are tiny, and debug builds pay for zero-filling large buffers.
        var reader = AnnotationReader(paths: [path], readOptions: ReadOptions(chunkBytes: 1 << 16))
        configure(&reader)
        let (table, input) = try reader.read()
        return (table, input)
    }

    func error(_ body: () throws -> Void) -> SiftError? {
        do { try body() } catch let e as SiftError { return e } catch { return nil }
        return nil
    }

    @Test("long CSV: aliases found, empty labels skipped, counts add up")
    func longCSV() throws {
        let dir = try TestDirectory()
        let path = try dir.write("labels.csv", "item_id,rater,category\n1,ann,pos\n1,bob,neg\n2,ann, \n2,bob,pos\n3,ann,pos\n")
        let (table, input) = try read(path)
        #expect(input.layout == .long)
        #expect(input.fields.map(\.name) == ["item_id", "rater", "category"])
        #expect(table.items == ["1", "2", "3"])
        #expect(table.annotators == ["ann", "bob"])
        #expect(table.domain.names == ["neg", "pos"])
        #expect(input.entries == 5 && input.emptyLabels == 1 && table.ratings.count == 4)
        #expect(input.labelsRead == table.ratings.count + input.duplicateCount)
    }

    @Test("JSON Lines long layout with explicit field names and list labels")
    func longJSONLines() throws {
        let dir = try TestDirectory()
        let path = try dir.write("labels.jsonl", """
        {"doc": "a", "who": "x", "tags": ["b", "a"]}
        {"doc": "a", "who": "y", "tags": ["a", "b"]}
        {"doc": "b", "who": "x", "tags": null}

        """)
        let (table, input) = try read(path) { $0.fields = AnnotationFields(item: "doc", annotator: "who", label: "tags") }
        #expect(table.domain.names == ["a|b"])
        #expect(table.ratings.count == 2)
        #expect(input.emptyLabels == 1)
    }

    @Test("wide CSV: one column per annotator, empty cells missing, text column kept as text")
    func wide() throws {
        let dir = try TestDirectory()
        let path = try dir.write("wide.csv", "id,text,alice,bob,carol\n1,hello,pos,pos,\n2,bye,neg,,neg\n")
        let (table, input) = try read(path) { $0.keepTexts = true }
        #expect(input.layout == .wide)
        #expect(table.annotators == ["alice", "bob", "carol"])
        #expect(table.ratings.count == 4)
        #expect(input.entries == 6 && input.emptyLabels == 2)
        #expect(input.texts == ["1": "hello", "2": "bye"])
    }

    @Test("Label Studio export: completed_by ids and user objects, cancelled annotations, choices")
    func labelStudio() throws {
        let dir = try TestDirectory()
        let path = try dir.write("export.json", """
        [
          {"id": 1, "data": {"text": "great phone"}, "annotations": [
            {"completed_by": 10, "was_cancelled": false, "result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Positive"]}}]},
            {"completed_by": {"id": 11, "email": "b@x.org"}, "result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Negative"]}}]},
            {"completed_by": 12, "was_cancelled": true, "result": []}
          ]},
          {"id": 2, "data": {"text": "meh"}, "annotations": [
            {"completed_by": 10, "result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Neutral"]}},
                                             {"from_name": "span", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["X"]}}]},
            {"completed_by": {"id": 11, "email": "b@x.org"}, "result": []}
          ]}
        ]
        """)
        let (table, input) = try read(path) { $0.keepTexts = true }
        #expect(input.layout == .labelstudio)
        #expect(table.annotators == ["10", "b@x.org"])
        #expect(table.items == ["1", "2"])
        #expect(table.ratings.count == 3)
        #expect(input.entries == 5 && input.cancelled == 1 && input.emptyLabels == 1)
        #expect(input.texts["1"] == "great phone")
        #expect(input.fields.contains { $0.role == "label" && $0.name == "sentiment" })
    }

    @Test("Label Studio with two choice controls needs --label")
    func labelStudioControls() throws {
        let dir = try TestDirectory()
        let task = """
        [{"id": 1, "data": {"text": "t"}, "annotations": [{"completed_by": 1, "result": [
          {"from_name": "sentiment", "type": "choices", "value": {"choices": ["A"]}},
          {"from_name": "topic", "type": "choices", "value": {"choices": ["B"]}}]}]}]
        """
        let path = try dir.write("two.json", task)
        let e = error { _ = try read(path) }
        #expect(e?.message.contains("choose one with --label") == true)
        let (table, _) = try read(path) { $0.fields.label = "topic" }
        #expect(table.domain.names == ["B"])
    }

    @Test("unknown column names the field and lists the columns")
    func unknownColumn() throws {
        let dir = try TestDirectory()
        let path = try dir.write("labels.csv", "item,annotator,label\n1,a,x\n")
        let e = error { _ = try read(path) { $0.fields.annotator = "coder" } }
        #expect(e?.status == .dataError)
        #expect(e?.message.contains("unknown annotator field \"coder\"") == true)
        #expect(e?.message.contains("item, annotator, label") == true)
        #expect(e?.message.hasPrefix("\(path):2:") == true)
    }

    @Test("a label outside --labels is an error naming the row")
    func labelOutsideList() throws {
        let dir = try TestDirectory()
        let path = try dir.write("labels.csv", "item,annotator,label\n1,a,pos\n1,b,maybe\n")
        let e = error { _ = try read(path) { $0.allowedLabels = ["pos", "neg"] } }
        #expect(e?.message == "\(path):3: label \"maybe\" is not one of --labels (pos, neg)")
    }

    @Test("duplicates: the last label wins and is reported, or the read fails naming both rows")
    func duplicates() throws {
        let dir = try TestDirectory()
        let path = try dir.write("labels.csv", "item,annotator,label\n1,a,pos\n1,b,neg\n1,a,neg\n")
        let (table, input) = try read(path)
        #expect(table.ratings(of: 0).map(\.label) == [0, 0])
        #expect(input.duplicateCount == 1)
        #expect(input.duplicates.first?.locations.map(\.line) == [2, 4])
        let e = error { _ = try read(path) { $0.duplicates = .fail } }
        #expect(e?.message.hasPrefix("\(path):4: item \"1\" is labelled twice by annotator \"a\" (first at \(path):2)") == true)
    }

    @Test("empty file, malformed row and unreadable time are clear errors")
    func badInput() throws {
        let dir = try TestDirectory()
        let empty = try dir.write("empty.csv", "")
        #expect(error { _ = try read(empty) }?.message.contains("file is empty") == true)
        let broken = try dir.write("broken.jsonl", "{\"item\": 1, \"annotator\": \"a\", \"label\": \"x\"}\n{\"item\": 2,\n")
        let malformed = error { _ = try read(broken) }
        #expect(malformed?.message.hasPrefix("\(broken):2") == true)
        let timed = try dir.write("timed.csv", "item,annotator,label,when\n1,a,x,2024-03-01\n1,b,x,yesterday\n")
        let time = error { _ = try read(timed) { $0.fields.time = "when" } }
        #expect(time?.message == "\(timed):3: time field \"when\": cannot read \"yesterday\" as a date or time")
    }

    @Test("numeric labels sort numerically and merge spellings of one value")
    func numericDomain() throws {
        let dir = try TestDirectory()
        let path = try dir.write("labels.csv", "item,annotator,label\n1,a,10\n1,b,2\n2,a,2.0\n2,b,-1\n")
        let (table, _) = try read(path)
        #expect(table.domain.names == ["-1", "2", "10"])
        #expect(table.domain.values == [-1, 2, 10])
        #expect(table.ratings(of: 1).map(\.label) == [1, 0])
    }

    @Test("text labels sort by code point, as Python does")
    func textOrder() throws {
        let table = try AnnotationTable.matrix([["b", "Z"], ["é", "a"]], annotators: ["x", "y"])
        #expect(table.domain.names == ["Z", "a", "b", "é"])
        #expect(!table.domain.isOrdered)
    }
}
