import Foundation
import SiftCore
import SiftLabel
import Testing
@testable import SiftStudio

/// The HTTP contract, against the real server on 127.0.0.1 and a real SQLite file.
@Suite(.serialized) struct StudioAPITests {
    static func pilotProject(_ h: StudioHarness, items: Int = 8, pilot: Int = 6) throws -> Int64 {
        let records: [JSONValue] = (0..<items).map { i in ["id": .string("t\(i)"), "text": .string("text number \(i)")] }
        var settings = ProjectSettings(name: "intents", data: try h.items("items.jsonl", records), spec: try LabelSpec.parseLabels(["pos", "neg", "neu"], multi: false))
        settings.pilot = pilot
        settings.pilotAnnotators = ["alice", "bob", "carol"]
        settings.guidelines = "# Sentiment\n\nLabel the **overall** tone."
        return try h.store.createProject(settings).id
    }

    static func harness() async throws -> StudioHarness {
        let h = try StudioHarness()
        try await h.start()
        return h
    }

    @Test func signInSetsAStrictHttpOnlyCookieAndStoresNoClearPassword() async throws {
        let h = try await Self.harness()
        let client = h.client()
        let response = try await client.login("alice", h.passwords["alice"]!)
        #expect(response.status == 200)
        let cookie = response.headers["set-cookie"].first ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(response.json?["csrf"]?.stringValue?.isEmpty == false)
        let stored = try h.store.database.readSync { db in try String.fetchOne(db, sql: "SELECT password FROM users WHERE name = 'alice'") }
        #expect(stored?.hasPrefix("scrypt$15$8$3$") == true)
        #expect(stored?.contains(h.passwords["alice"]!) == false)
        #expect(try await client.get("/api/me").json?["user"]?["name"]?.stringValue == "alice")
    }

    @Test func wrongPasswordsAre401ThenRateLimited() async throws {
        let h = try await Self.harness()
        let client = h.client()
        #expect(try await client.login("nobody", "x").status == 401)
        for _ in 0..<4 { #expect(try await client.login("bob", "wrong").status == 401) }
        // Five failures from this address: even the right password waits now.
        let refused = try await client.login("bob", h.passwords["bob"]!)
        #expect(refused.status == 429)
        #expect(Int(refused.headers["retry-after"].first ?? "") ?? 0 > 0)
    }

    @Test func unauthenticatedIs401AndChangesNeedTheCSRFToken() async throws {
        let h = try await Self.harness()
        let project = try Self.pilotProject(h)
        let anonymous = h.client()
        #expect(try await anonymous.get("/api/projects").status == 401)
        #expect(try await anonymous.get("/api/projects/\(project)/next").status == 401)
        #expect(try await anonymous.send("POST", "/api/projects/\(project)/items/t0/labels", json: ["label": "pos"]).status == 401)
        let page = try await anonymous.get("/projects/\(project)/annotate")
        #expect(page.status == 303 && page.headers["location"].first == "/login")

        let alice = try await h.signedIn("alice")
        let item = try #require(try await alice.next(project)?["item"]?.stringValue)
        #expect(try await alice.send("POST", "/api/projects/\(project)/items/\(item)/labels", json: ["label": "pos"], csrf: false).status == 403)
        #expect(try await alice.send("POST", "/api/projects/\(project)/items/\(item)/labels", json: ["label": "pos"], csrf: false,
                                     headers: [("X-CSRF-Token", "forged")]).status == 403)
        #expect(try await alice.label(project, item, "pos").status == 201)
    }

    @Test func blindPilotGivesEveryItemToEachAnnotatorInTheirOwnOrderAndHidesOthers() async throws {
        let h = try await Self.harness()
        let project = try Self.pilotProject(h, items: 30, pilot: 12)
        var orders: [String: [String]] = [:]
        for name in ["alice", "bob", "carol"] {
            let client = try await h.signedIn(name)
            // Agreement and the others' labels are hidden during the blind pilot.
            #expect(try await client.get("/api/projects/\(project)/agreement").status == 403)
            #expect(try await client.get("/projects/\(project)/agreement").status == 403)
            #expect(try await client.get("/api/projects/\(project)/labels?annotator=\(name == "alice" ? "bob" : "alice")").status == 403)
            while let item = try await client.next(project) {
                let key = try #require(item["item"]?.stringValue)
                orders[name, default: []].append(key)
                let label: JSONValue = Int(key.dropFirst())! % 3 == 0 ? "neg" : "pos"
                #expect(try await client.label(project, key, name == "carol" && key == orders[name]!.first! ? "neu" : label).status == 201)
            }
            #expect(try await client.get("/api/projects/\(project)/labels").json?["labels"]?.arrayValue?.count == 12)
        }
        #expect(Set(orders["alice"]!) == Set(orders["bob"]!) && Set(orders["bob"]!) == Set(orders["carol"]!))
        #expect(orders["alice"]!.count == 12)
        #expect(orders["alice"]! != orders["bob"]! || orders["bob"]! != orders["carol"]!)

        let admin = try await h.signedIn("admin")
        let agreement = try #require(try await admin.get("/api/projects/\(project)/agreement").json)
        #expect(agreement["studio"]?["pilot_gate"]?["items"]?.intValue == 12)
        #expect(agreement["annotators"]?.arrayValue?.count == 3)
        #expect(try await h.signedIn("rita").get("/api/projects/\(project)/agreement").status == 200)
        #expect(try await admin.get("/api/projects/\(project)/labels?annotator=bob").json?["labels"]?.arrayValue?.count == 12)

        // Ending the pilot shows agreement to annotators; others' labels stay private.
        #expect(try await admin.send("POST", "/api/projects/\(project)/phase", json: ["phase": "scale"]).status == 200)
        let alice = try await h.signedIn("alice")
        #expect(try await alice.get("/api/projects/\(project)/agreement").status == 200)
        #expect(try await alice.get("/api/projects/\(project)/labels?annotator=bob").status == 403)
    }

    @Test func theAgreementDocumentIsSiftAgreesOnTheExport() async throws {
        let h = try await Self.harness()
        let project = try Self.pilotProject(h)
        for name in ["alice", "bob", "carol"] {
            let client = try await h.signedIn(name)
            var n = 0
            while let item = try await client.next(project) {
                let key = item["item"]!.stringValue!
                n += 1
                #expect(try await client.label(project, key, n % 4 == 0 && name == "bob" ? "neg" : (Int(key.dropFirst())! % 2 == 0 ? "pos" : "neu")).status == 201)
            }
        }
        let admin = try await h.signedIn("admin")
        let document = try #require(try await admin.get("/api/projects/\(project)/agreement").json?.objectValue)
        let export = try await admin.get("/api/projects/\(project)/export?format=long")
        #expect(export.status == 200)
        // Run SiftLabel on the exported bytes, as `sift agree labels.jsonl --time-field time` would.
        try h.directory.write("labels.jsonl", bytes: export.body)
        let reader = AnnotationReader(paths: [h.directory.path("labels.jsonl")], fields: AnnotationFields(time: "time"))
        var (table, input) = try reader.read()
        input.files = ["labels.jsonl"]
        let expected = try AgreementAnalysis.run(table, input: input, options: AgreementOptions()).json
        var without = document
        without.removeValue(forKey: "studio")
        #expect(JSONValue.object(without) == expected)
        #expect(document["cohen_kappa"]?["mean"]?.doubleValue != nil)
    }

    @Test func labelsOutsideTheSetAre422AndResubmittingReplacesKeepingHistory() async throws {
        let h = try await Self.harness()
        let project = try Self.pilotProject(h)
        let alice = try await h.signedIn("alice")
        let key = try #require(try await alice.next(project)?["item"]?.stringValue)
        let bad = try await alice.label(project, key, "maybe")
        #expect(bad.status == 422)
        #expect(bad.json?["error"]?.stringValue?.contains("not one of the project's labels") == true)
        #expect(try await alice.label(project, key, 3).status == 422)
        #expect(try await alice.send("POST", "/api/projects/\(project)/items/\(key)/labels", json: ["nolabel": "x"]).status == 422)
        #expect(try await alice.label(project, key, "pos").status == 201)
        #expect(try await alice.label(project, key, "neg").status == 201)
        let admin = try await h.signedIn("admin")
        let rows = try await admin.get("/api/projects/\(project)/export?format=long").text.split(separator: "\n")
        #expect(rows.count == 1 && rows[0].contains("\"neg\""))
        let events = try h.store.database.readSync { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM label_events") }
        #expect(events == 2)
        #expect(try await alice.label(project, "does-not-exist", "pos").status == 404)
    }

    @Test func annotatorsLabelOnlyTheirItemsAndCannotExportOrAdminister() async throws {
        let h = try await Self.harness()
        let project = try Self.pilotProject(h)
        let dave = try h.store.addUser(name: "dave", role: .annotator)
        h.passwords["dave"] = dave
        let client = try await h.signedIn("dave")
        #expect(try await client.next(project) == nil)  // not a pilot annotator
        #expect(try await client.label(project, "t0", "pos").status == 403)
        #expect(try await client.get("/api/projects/\(project)/items/t0").status == 403)
        #expect(try await client.get("/api/projects/\(project)/export?format=long").status == 403)
        #expect(try await client.send("POST", "/api/users", json: ["name": "eve", "role": "admin"]).status == 403)
        #expect(try await client.send("POST", "/api/projects/\(project)/guidelines", json: ["markdown": "x"]).status == 403)
        #expect(try await h.signedIn("rita").get("/api/projects/\(project)/export?format=long").status == 200)
    }

    @Test func concurrentSubmissionsNeitherLoseNorDuplicateLabels() async throws {
        let h = try await Self.harness()
        let records: [JSONValue] = (0..<120).map { ["id": .string("c\($0)"), "text": .string("item \($0)")] }
        var settings = ProjectSettings(name: "scale", data: try h.items("scale.jsonl", records), spec: try LabelSpec.parseLabels(["a", "b"], multi: false))
        settings.overlap = 0.25
        let created = try h.store.createProject(settings)
        let clients = try await [h.signedIn("alice"), h.signedIn("bob"), h.signedIn("carol")]
        let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
            for (k, client) in clients.enumerated() {
                for _ in 0..<4 {
                    group.addTask {
                        var acked: [String] = []
                        while let item = try await client.next(created.id) {
                            let key = item["item"]!.stringValue!
                            let response = try await client.label(created.id, key, k % 2 == 0 ? "a" : "b")
                            if response.status == 201 { acked.append("\(key)|\(["alice", "bob", "carol"][k])") }
                        }
                        return acked
                    }
                }
            }
            var all: [String] = []
            for try await part in group { all += part }
            return all
        }
        let admin = try await h.signedIn("admin")
        let rows = try await admin.get("/api/projects/\(created.id)/export?format=long").text.split(separator: "\n").map { line -> String in
            let row = try! JSONParser.parse(String(line))
            return "\(row["item"]!.stringValue!)|\(row["annotator"]!.stringValue!)"
        }
        #expect(Set(rows).count == rows.count)
        #expect(Set(acknowledged) == Set(rows))
        // Every item got exactly its target: one annotator, two for the overlap share.
        #expect(rows.count == 120 + created.overlapItems)
    }

    @Test func acknowledgedLabelsAndSessionsSurviveARestart() async throws {
        let h = try await Self.harness()
        let project = try Self.pilotProject(h)
        let alice = try await h.signedIn("alice")
        var acked: [String] = []
        while let item = try await alice.next(project) {
            let key = item["item"]!.stringValue!
            if try await alice.label(project, key, "pos").status == 201 { acked.append(key) }
        }
        try await h.restart()
        let again = StudioClient(http: h.http, base: "http://127.0.0.1:\(h.port)")
        again.cookie = alice.cookie
        again.csrf = alice.csrf
        let mine = try await again.get("/api/projects/\(project)/labels")
        #expect(mine.status == 200)
        #expect(Set(mine.json?["labels"]?.arrayValue?.compactMap { $0["item"]?.stringValue } ?? []) == Set(acked))
        let reopened = try StudioDatabase(path: h.dbPath)
        #expect(try reopened.readSync { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM labels") } == acked.count)
        #expect(try reopened.readSync { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func itemTextAndGuidelinesAreEscapedOnEveryPage() async throws {
        let h = try await Self.harness()
        let payload = "<script>window.pwned=1</script><img src=x onerror=alert(1)>"
        var settings = ProjectSettings(name: "xss <b>name</b>", data: try h.items("xss.jsonl", [["id": "x1", "text": .string(payload)]]),
                                       spec: try LabelSpec.parseLabels(["ok", "<svg onload=alert(1)>"], multi: false))
        settings.guidelines = "# Rules\n\n<img src=x onerror=alert(2)> [click](javascript:alert(3)) **bold**"
        let project = try h.store.createProject(settings).id
        let alice = try await h.signedIn("alice")
        let page = try await alice.get("/projects/\(project)/annotate")
        #expect(page.status == 200)
        #expect(!page.text.contains("<script>window") && !page.text.contains("<img") && !page.text.contains("<svg onload"))
        #expect(page.text.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"))
        #expect(!page.text.contains("href=\"javascript:"))
        #expect(page.text.contains("<strong>bold</strong>"))
        #expect(page.headers["content-security-policy"].first?.contains("script-src 'self'") == true)
        let dashboard = try await alice.get("/")
        #expect(dashboard.text.contains("xss &lt;b&gt;name&lt;/b&gt;") && !dashboard.text.contains("<b>name"))
    }

    /// A library refusal names the parameter as each front end spells it: the API its JSON field
    /// (the CLI its flag, `Tests/SiftCLITests/StudioCommandTests.swift`), never a CLI flag.
    @Test func invalidProjectSettingsNameTheJSONField() async throws {
        let h = try await Self.harness()
        let admin = try await h.signedIn("admin")
        let data: JSONValue = ["filename": "few.jsonl", "text": "{\"id\": \"a\", \"text\": \"one\"}\n{\"id\": \"b\", \"text\": \"two\"}\n"]
        let oneLabel = try await admin.send("POST", "/api/projects", json: ["name": "p", "data": data, "labels": ["only"]])
        #expect(oneLabel.status == 400)
        #expect(oneLabel.json?["error"]?.stringValue == "\"labels\" needs at least two labels", "\(oneLabel.text)")
        let overlap = try await admin.send("POST", "/api/projects", json: ["name": "p", "data": data, "labels": ["a", "b"], "overlap": 2])
        #expect(overlap.status == 400)
        #expect(overlap.json?["error"]?.stringValue == "\"overlap\" must be between 0 and 1", "\(overlap.text)")
    }
}
