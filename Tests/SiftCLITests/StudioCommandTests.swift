import Foundation
import SiftCore
import SiftTestSupport
import Testing

/// `sift studio`'s command-line contract, with the real executable.
struct StudioCommandTests {
    @Test func initUserProjectExportAndExitStatuses() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("studio.sqlite")
        #expect(try SiftProcess.run(["studio", "init", "--db", db]).status == 0)
        #expect(try SiftProcess.run(["studio", "init", "--db", db]).status == 0)  // idempotent
        let added = try SiftProcess.run(["studio", "user", "add", "--db", db, "--name", "ana", "--role", "admin", "--json"])
        #expect(added.status == 0)
        let user = try JSONParser.parse(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(user["password"]?.stringValue?.count == 20)
        #expect(try SiftProcess.run(["studio", "user", "add", "--db", db, "--name", "ana", "--role", "admin"]).status == 64)
        #expect(try SiftProcess.run(["studio", "user", "add", "--db", dir.path("missing.sqlite"), "--name", "x", "--role", "admin"]).status == 66)

        let items = try dir.write("items.csv", "id,text\nq1,How do I reset my password?\nq2,\"Refund, please\"\nq3,\n")
        let created = try SiftProcess.run(["studio", "project", "create", "--db", db, "--name", "intents", "--data", items,
                                           "--labels", "account,billing", "--json"])
        #expect(created.status == 0)
        let summary = try JSONParser.parse(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(summary["id"]?.intValue == 1 && summary["items"]?.intValue == 2 && summary["rejected"]?.intValue == 1)
        #expect(created.stderr.contains("items.csv:4: field \"text\" is empty") || created.stderr.contains("items.csv:4:"))
        #expect(try SiftProcess.run(["studio", "project", "create", "--db", db, "--name", "x", "--data", items, "--labels", "a,b", "--scale", "1-5"]).status == 64)
        let oneLabel = try SiftProcess.run(["studio", "project", "create", "--db", db, "--name", "x", "--data", items, "--labels", "only"])
        #expect(oneLabel.status == 64 && oneLabel.stderr.contains("--labels needs at least two labels"), "\(oneLabel.stderr)")
        #expect(try SiftProcess.run(["studio", "project", "create", "--db", db, "--name", "y", "--data", dir.path("nope.jsonl"), "--labels", "a,b"]).status == 66)

        let export = try SiftProcess.run(["studio", "export", "--db", db, "--project", "intents", "--out", dir.path("labels.jsonl")])
        #expect(export.status == 0)
        #expect(try dir.read("labels.jsonl").isEmpty)
        #expect(try SiftProcess.run(["studio", "export", "--db", db, "--project", "nope", "--out", dir.path("x.jsonl")]).status == 66)
    }
}
