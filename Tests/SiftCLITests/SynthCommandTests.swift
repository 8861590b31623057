import Foundation
import SiftTestSupport
import SynthTestSupport
import Testing

let cliSeeds = """
{"id": "s1", "instruction": "Give three tips for staying healthy.", "output": "Eat well, sleep, move."}
{"id": "s2", "instruction": "Translate the sentence into French: I like tea.", "output": "J'aime le thé."}
{"id": "s3", "instruction": "Write a haiku about autumn leaves falling.", "output": "Red leaves drift down."}
{"id": "s4", "instruction": "Explain what a binary search does.", "output": "It halves the range."}

"""

/// Model options pointing at a loopback server, with quick retries.
func modelArguments(_ server: LoopbackModelServer, concurrency: Int = 4) -> [String] {
    ["--base-url", server.baseURL, "--model", "loopback-model", "--concurrency", String(concurrency), "--max-retries", "3", "--timeout", "5"]
}

@Suite("sift synth generators")
struct SynthGeneratorCommandTests {
    @Test("--dry-run prints the prompts and a token estimate and calls no model")
    func dryRun() async throws {
        let dir = try TemporaryDirectory()
        let seeds = try dir.write("seeds.jsonl", cliSeeds)
        let server = try await LoopbackModelServer()
        defer { Task { await server.shutdown() } }
        let run = try SiftProcess.run(["synth", "self-instruct", "--seeds", seeds, "--count", "10", "--out", dir.path("gen.jsonl"),
                                       "--prompts-per-round", "2", "--dry-run", "--json", dir.path("plan.json")] + modelArguments(server))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("--- request 1 of 2"))
        #expect(run.stdout.contains("Give three tips for staying healthy.") || run.stdout.contains("Explain what a binary search does."))
        #expect(run.stdout.contains("estimated prompt tokens"))
        #expect(server.requestCount == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path("gen.jsonl")))
        let plan = try readJSONObject(dir.path("plan.json"))
        #expect(plan["requests"] as? Int == 2)
        #expect((plan["estimated_prompt_tokens"] as? Int ?? 0) > 50)
    }

    @Test("self-instruct writes the records; the same command again makes zero new requests")
    func cacheOnRerun() async throws {
        let dir = try TemporaryDirectory()
        let seeds = try dir.write("seeds.jsonl", cliSeeds)
        let server = try await LoopbackModelServer()
        defer { Task { await server.shutdown() } }
        let arguments = ["synth", "self-instruct", "--seeds", seeds, "--count", "12", "--out", dir.path("gen.jsonl"), "--prompts-per-round", "2",
                         "--removed", dir.path("dropped.jsonl"), "--json", dir.path("summary.json")] + modelArguments(server)
        let first = try SiftProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let records = try readJSONLines(dir.path("gen.jsonl"))
        #expect(records.count == 12)
        let summary = try readJSONObject(dir.path("summary.json"))
        #expect(summary["written"] as? Int == 12)
        #expect((summary["candidates"] as? Int) == 12 + (summary["removed"] as? Int ?? -1))
        #expect(try readJSONLines(dir.path("dropped.jsonl")).count == summary["removed"] as? Int)
        let requests = server.requestCount
        let second = try SiftProcess.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.requestCount == requests)
        let again = try readJSONObject(dir.path("summary.json"))
        let usage = try #require(again["usage"] as? [String: Any])
        #expect(usage["http_requests"] as? Int == 0)
        #expect(usage["cache_hits"] as? Int == requests)
        #expect(again["written"] as? Int == 0 && again["resumed"] as? Int == 12)
        #expect(try readJSONLines(dir.path("gen.jsonl")).count == 12)
    }

    @Test("kill -9 mid-run, then resume: nothing lost, nothing duplicated, answers not bought twice")
    func resumeAfterKill() async throws {
        let dir = try TemporaryDirectory()
        let seeds = try dir.write("seeds.jsonl", cliSeeds)
        let server = try await LoopbackModelServer { .slow(seconds: 0.1, .completion(ScriptedModel.answer(to: $0))) }
        defer { Task { await server.shutdown() } }
        let arguments = ["synth", "self-instruct", "--seeds", seeds, "--count", "30", "--prompts-per-round", "2", "--tasks-per-prompt", "3"]
            + modelArguments(server, concurrency: 2)
        let out = dir.path("gen.jsonl")

        let process = Process()
        process.executableURL = SiftProcess.executable
        process.arguments = arguments + ["--out", out]
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func lines() -> Int { (try? String(contentsOfFile: out, encoding: .utf8))?.split(separator: "\n").count ?? 0 }
        // Polls on this thread: a Task.sleep could be starved by other tests blocking the shared pool.
        let deadline = Date().addingTimeInterval(60)
        while lines() < 6, process.isRunning, Date() < deadline { usleep(5_000) }
        #expect(process.isRunning, "the run finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let killedAt = lines()
        #expect(killedAt >= 6 && killedAt < 30)
        let requestsBeforeResume = server.requests

        let resumed = try SiftProcess.run(arguments + ["--out", out, "--json", dir.path("summary.json")])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let resumedRequests = Array(server.requests[requestsBeforeResume.count...])
        #expect(resumed.stderr.contains("resuming"))
        let records = try readJSONLines(out)
        let ids = records.compactMap { $0["id"] as? String }
        #expect(ids.count == 30 && Set(ids).count == 30)
        let summary = try readJSONObject(dir.path("summary.json"))
        #expect(summary["resumed"] as? Int == killedAt)
        #expect(summary["written"] as? Int == 30 - killedAt)

        // The same run uninterrupted produces exactly the same records.
        let reference = try SiftProcess.run(arguments + ["--out", dir.path("reference.jsonl")])
        #expect(reference.status == 0, "\(reference.stderr)")
        let referenceIDs = try readJSONLines(dir.path("reference.jsonl")).compactMap { $0["id"] as? String }
        #expect(Set(referenceIDs) == Set(ids))

        // Only requests in flight at the kill (at most --concurrency) may have been sent twice.
        let before = Set(requestsBeforeResume.map(\.rawBody))
        let repeated = resumedRequests.filter { before.contains($0.rawBody) }.count
        #expect(repeated <= 2)
    }

    @Test("a refused API key stops the run with status 78 and never prints the key")
    func unauthorized() async throws {
        let dir = try TemporaryDirectory()
        let prompts = try dir.write("prompts.jsonl", #"{"id": "p1", "prompt": "Why is the sky blue?"}"# + "\n")
        let secret = "sk-live-\(UUID().uuidString)"
        let server = try await LoopbackModelServer { seen in
            .status(401, body: "{\"error\": {\"message\": \"bad key \(seen.authorization ?? "")\"}}")
        }
        defer { Task { await server.shutdown() } }
        let run = try SiftProcess.run(["synth", "distill", "--prompts", prompts, "--out", dir.path("out.jsonl"), "--api-key-env", "SIFT_TEST_KEY"]
                                      + modelArguments(server), environment: ["SIFT_TEST_KEY": secret])
        #expect(run.status == 78)
        #expect(run.stderr.contains("refused the credentials"))
        #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret))
        #expect(server.requests.first?.authorization == "Bearer \(secret)")
    }
}
