import Foundation
import SiftCore
import SiftLabel
import SiftSynth
import Testing
@testable import SiftStudio

/// The workflow beyond single requests: bad input, gold QA, review projects, Label Studio, and
/// refining guidelines with a second pilot round.
@Suite(.serialized) struct StudioWorkflowTests {
    @Test func malformedLinesAreReportedWithFileAndLineAndGoodItemsImported() async throws {
        let h = try StudioHarness()
        let path = try h.directory.write("items.jsonl", """
        {"id": "a", "text": "first"}
        {"id": "b", "text": 
        {"id": "c", "text": "third"}
        {"id": "a", "text": "again"}
        {"id": "d"}
        {"id": "e", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}

        """)
        let created = try h.store.createProject(ProjectSettings(name: "p", data: path, spec: try LabelSpec.parseLabels(["x", "y"], multi: false)))
        #expect(created.items == 3)
        #expect(created.records == 6 && created.items + created.rejects.count == created.records)
        let reasons = created.rejects.map(\.description)
        #expect(reasons.contains { $0.contains("items.jsonl:2: malformed: column 21") })
        #expect(reasons.contains { $0.contains("items.jsonl:4: duplicate id \"a\" (first at line 1)") })
        #expect(reasons.contains { $0.contains("items.jsonl:5: no text found") })
        let stored = try await h.store.importRejects(project: created.id)
        #expect(stored.count == 3)
        let chat = try h.store.database.readSync { db in try String.fetchOne(db, sql: "SELECT turns FROM items WHERE key = 'e'") }
        #expect(chat?.contains("\"assistant\"") == true)
    }

    @Test func csvAndGzipInputsWork() async throws {
        let h = try StudioHarness()
        let csv = try h.directory.write("items.csv", "id,body\nr1,\"one, with comma\"\nr2,two\n")
        var settings = ProjectSettings(name: "csv", data: csv, spec: try LabelSpec.parseScale("1-5"))
        settings.textField = "body"
        #expect(try h.store.createProject(settings).items == 2)
        let plain = Array("{\"id\": \"g1\", \"text\": \"zipped\"}\n".utf8)
        let gz = try h.directory.write("items.jsonl.gz", bytes: try gzip(plain))
        #expect(try h.store.createProject(ProjectSettings(name: "gz", data: gz, spec: try LabelSpec.parseScale("1-3"))).items == 1)
    }

    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = Pipe(), output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    @Test func goldItemsAreMixedInAndScoredWithWilsonIntervals() async throws {
        let h = try StudioHarness()
        try await h.start()
        let data = try h.items("data.jsonl", (0..<40).map { ["id": .string("d\($0)"), "text": .string("data \($0)")] })
        let gold = try h.items("gold.jsonl", (0..<5).map { ["id": .string("g\($0)"), "text": .string("gold \($0)"), "label": "yes"] })
        var settings = ProjectSettings(name: "qa", data: data, spec: try LabelSpec.parseLabels(["yes", "no"], multi: false))
        settings.gold = gold
        settings.goldRate = 0.2
        settings.overlap = 1
        let project = try h.store.createProject(settings).id
        var seenGold: [String: Int] = [:]
        for name in ["alice", "bob"] {
            let client = try await h.signedIn(name)
            var served = 0
            while let item = try await client.next(project), served < 25 {
                let key = item["item"]!.stringValue!
                served += 1
                #expect(item["pool"] == nil)  // annotators are not told which items are gold
                if key.hasPrefix("g") { seenGold[name, default: 0] += 1 }
                #expect(try await client.label(project, key, name == "alice" || key.hasPrefix("d") ? "yes" : "no").status == 201)
            }
        }
        #expect(seenGold["alice"] == 5 && seenGold["bob"] == 5)
        let admin = try await h.signedIn("admin")
        let document = try #require(try await admin.get("/api/projects/\(project)/agreement").json)
        let qa = try #require(document["studio"]?["gold_qa"]?.arrayValue)
        let alice = try #require(qa.first { $0["annotator"]?.stringValue == "alice" })
        let bob = try #require(qa.first { $0["annotator"]?.stringValue == "bob" })
        #expect(alice["accuracy"]?.doubleValue == 1 && alice["flagged"]?.boolValue == false)
        #expect(bob["accuracy"]?.doubleValue == 0 && bob["flagged"]?.boolValue == true)
        // Wilson 95% for 0/5: upper = z²/(n + z²) with z = 1.959964 (statsmodels: 0.43448).
        #expect(abs((bob["ci_upper"]?.doubleValue ?? 0) - 0.434482) < 1e-5)
        #expect(document["gold"]?["bob"]?["accuracy"]?.doubleValue == 0)
        let monitor = try #require(try await admin.get("/api/projects/\(project)/monitor?window=day").json)
        #expect(monitor["windows"]?.arrayValue?.first?["gold_items"]?.intValue == 10)
        #expect(try await admin.get("/projects/\(project)/monitor").text.contains("<svg"))
    }

    @Test func reviewProjectsExportWhatSynthAcceptReads() async throws {
        let h = try StudioHarness()
        try await h.start()
        let input = try h.items("accepted.jsonl", (0..<4).map { i in
            ["id": .string("s\(i)"), "messages": [["role": "user", "content": .string("question \(i)")], ["role": "assistant", "content": .string("answer \(i)")]],
             "_sift": ["provenance": ["source": "synthetic", "technique": "self-instruct"]]]
        })
        var writer = try ReviewFileWriter(path: h.directory.path("review.jsonl"))
        try forEachRecord(input) { try writer.write($0, stratum: "self-instruct") }
        try writer.close()
        let project = try h.store.createProject(ProjectSettings(name: "review", data: h.directory.path("review.jsonl"), spec: .review)).id
        #expect(try await h.signedIn("alice").get("/api/projects/\(project)/next").status == 403)
        let rita = try await h.signedIn("rita")
        var verdicts: [String] = []
        while let item = try await rita.next(project) {
            let key = item["item"]!.stringValue!
            #expect(item["turns"]?.arrayValue?.count == 2)
            let verdict = ["accept", "accept", "reject", "edit"][verdicts.count]
            var extra: JSONObject = ["note": .string("because \(key)")]
            if verdict == "edit" { extra["edit"] = ["response": "a better answer"] }
            if verdict == "accept" { #expect(try await rita.label(project, key, "edit", extra: extra).status == 422) }
            #expect(try await rita.label(project, key, .string(verdict), extra: extra).status == 201)
            verdicts.append(verdict)
        }
        let export = try await rita.get("/api/projects/\(project)/export?format=review")
        try h.directory.write("review.done.jsonl", bytes: export.body)
        let read = try ReviewVerdict.read(h.directory.path("review.done.jsonl"))
        #expect(read.count == 4 && read.filter(\.accepted).count == 2)
        let decision = try ReviewAcceptance(minAccept: 0.5).evaluate(input: input, verdicts: read)
        #expect(decision.overall.reviewed == 4 && decision.overall.accepted == 2 && decision.passed)
        #expect(export.text.contains("a better answer"))
    }

    @Test func labelStudioExportReadsBackAndImports() async throws {
        let h = try StudioHarness()
        try await h.start()
        let records: [JSONValue] = (0..<6).map { ["id": .string("i\($0)"), "text": .string("text \($0)")] }
        var settings = ProjectSettings(name: "ls", data: try h.items("items.jsonl", records), spec: try LabelSpec.parseLabels(["a", "b", "c"], multi: true))
        settings.pilot = 6
        settings.pilotAnnotators = ["alice", "bob"]
        let project = try h.store.createProject(settings).id
        for name in ["alice", "bob"] {
            let client = try await h.signedIn(name)
            while let item = try await client.next(project) {
                let key = item["item"]!.stringValue!
                #expect(try await client.label(project, key, name == "alice" ? ["b", "a"] : ["a"]).status == 201)
            }
        }
        let admin = try await h.signedIn("admin")
        let long = try await admin.get("/api/projects/\(project)/export?format=long")
        let ls = try await admin.get("/api/projects/\(project)/export?format=labelstudio")
        try h.directory.write("long.jsonl", bytes: long.body)
        try h.directory.write("ls.json", bytes: ls.body)
        let fromLong = try AnnotationReader(paths: [h.directory.path("long.jsonl")]).read().table
        let fromLS = try AnnotationReader(paths: [h.directory.path("ls.json")], layout: .labelstudio).read().table
        #expect(fromLong.ratings.count == 12 && fromLS.ratings.count == 12)
        #expect(fromLong.domain.names == ["a", "a|b"] && fromLS.domain.names == fromLong.domain.names)

        // Importing the export into a fresh project recreates the labels (tasks matched by id).
        var copy = ProjectSettings(name: "ls-copy", data: h.directory.path("items.jsonl"), spec: try LabelSpec.parseLabels(["a", "b", "c"], multi: true))
        copy.overlap = 0
        let second = try h.store.createProject(copy).id
        let result = try h.store.importLabelStudio(project: second, path: h.directory.path("ls.json"))
        #expect(result.imported == 12 && result.refused.isEmpty && result.annotations == 12)
        let again = try await admin.get("/api/projects/\(second)/export?format=long")
        func pairs(_ body: [UInt8]) -> Set<String> {
            Set(String(decoding: body, as: UTF8.self).split(separator: "\n").map { line in
                let row = try! JSONParser.parse(String(line))
                return "\(row["item"]!)|\(row["annotator"]!)|\(row["label"]!)"
            })
        }
        #expect(pairs(again.body) == pairs(long.body))
    }

    @Test func refinedGuidelinesAndASecondPilotShowBeforeAndAfter() async throws {
        let h = try StudioHarness()
        try await h.start()
        let records: [JSONValue] = (0..<10).map { ["id": .string("i\($0)"), "text": .string("text \($0)")] }
        var settings = ProjectSettings(name: "refine", data: try h.items("items.jsonl", records), spec: try LabelSpec.parseLabels(["x", "y"], multi: false))
        settings.pilot = 10
        settings.pilotAnnotators = ["alice", "bob"]
        settings.guidelines = "v1"
        let project = try h.store.createProject(settings).id
        func pilot(agree: Bool) async throws {
            for name in ["alice", "bob"] {
                let client = try await h.signedIn(name)
                while let item = try await client.next(project) {
                    let key = item["item"]!.stringValue!
                    let n = Int(key.dropFirst())!
                    let label: JSONValue = (n % 2 == 0) != (!agree && name == "bob" && n < 6) ? "x" : "y"
                    #expect(try await client.label(project, key, label).status == 201)
                }
            }
        }
        try await pilot(agree: false)
        let admin = try await h.signedIn("admin")
        let before = try #require(try await admin.get("/api/projects/\(project)/agreement").json)
        #expect(before["studio"]?["pilot_gate"]?["verdict"]?.stringValue == "fail")
        #expect(try await admin.send("POST", "/api/projects/\(project)/guidelines", json: ["markdown": "v2: clearer"]).json?["version"]?.intValue == 2)
        #expect(try await admin.send("POST", "/api/projects/\(project)/repilot").json?["round"]?.intValue == 2)
        try await pilot(agree: true)
        let after = try #require(try await admin.get("/api/projects/\(project)/agreement").json)
        #expect(after["studio"]?["pilot_gate"]?["verdict"]?.stringValue == "pass")
        let versions = try #require(after["studio"]?["guideline_versions"]?.arrayValue)
        #expect(versions.map { $0["version"]?.intValue } == [1, 2])
        #expect((versions[0]["cohen_kappa"]?.doubleValue ?? 1) < 0.7 && versions[1]["cohen_kappa"]?.doubleValue == 1)
        let page = try await admin.get("/projects/\(project)/agreement")
        #expect(page.text.contains("id=\"pilot-gate\"") && page.text.contains("By guideline version"))
    }
}
