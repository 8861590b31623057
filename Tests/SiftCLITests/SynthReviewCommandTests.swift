import Foundation
import SiftTestSupport
import SynthTestSupport
import Testing

/// A generated chat record with provenance, as the generators write it.
func generatedLine(_ id: String, technique: String, prompt: String, response: String, generation: Int = 1) -> String {
    #"{"id": "\#(id)", "messages": [{"role": "user", "content": "\#(prompt)"}, {"role": "assistant", "content": "\#(response)"}], "_sift": {"provenance": {"source": "synthetic", "technique": "\#(technique)", "model": "m", "prompt_sha256": "0", "seed_ids": [], "parent_id": null, "generation": \#(generation)}, "synth": {"key": "\#(id)", "finish_reason": "stop"}}}"#
}

@Suite("sift synth qa, review, accept and sift mix")
struct SynthReviewCommandTests {
    @Test("qa: accepted + rejected = generated, malformed lines included, every rejection with reasons; the judge is cached")
    func qa() async throws {
        let dir = try TemporaryDirectory()
        var lines = [
            generatedLine("a", technique: "self-instruct", prompt: "Explain how tides work for a child.", response: "The moon pulls the oceans."),
            generatedLine("b", technique: "self-instruct", prompt: "Explain how tides work for a child.", response: "Gravity does it."),
            generatedLine("c", technique: "self-instruct", prompt: "Describe a LOW QUALITY essay plan.", response: "Some plan."),
            generatedLine("d", technique: "evol-instruct", prompt: "Name a colour you like.", response: "I'm sorry, but I cannot."),
            generatedLine("e", technique: "evol-instruct", prompt: "Give three tips for staying healthy.", response: "Sleep, eat, walk."),
            generatedLine("f", technique: "evol-instruct", prompt: "List two uses of copper wire.", response: "Wiring and motors."),
        ]
        lines.insert(#"{"id": "broken", "messages": ["#, at: 3)
        let input = try dir.write("gen.jsonl", lines.joined(separator: "\n") + "\n")
        let seeds = try dir.write("seeds.jsonl", cliSeeds)
        let server = try await LoopbackModelServer()
        defer { Task { await server.shutdown() } }
        let arguments = ["synth", "qa", "--in", input, "--out", dir.path("accepted.jsonl"), "--removed", dir.path("rejected.jsonl"),
                         "--seeds", seeds, "--judge", "--min-score", "7", "--json", dir.path("qa.json")] + modelArguments(server)
        let run = try SiftProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let accepted = try readJSONLines(dir.path("accepted.jsonl"))
        let rejected = try readJSONLines(dir.path("rejected.jsonl"))
        #expect(accepted.count + rejected.count == lines.count)
        #expect(accepted.compactMap { $0["id"] as? String } == ["a", "f"])
        func rules(_ record: [String: Any]) -> [String] {
            (((record["_sift"] as? [String: Any])?["qa"] as? [String: Any])?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
        #expect(rejected.allSatisfy { !rules($0).isEmpty })
        // Malformed lines are written as every rejects file writes them: _sift.reject with file and line.
        let byID = Dictionary(uniqueKeysWithValues: rejected.map {
            (($0["id"] as? String) ?? "line:\((($0["_sift"] as? [String: Any])?["reject"] as? [String: Any])?["line"] ?? "")", rules($0))
        })
        #expect(byID["b"] == ["duplicate"])
        #expect(byID["c"] == ["low_judge_score"])
        #expect(byID["d"] == ["refusal"])
        #expect(byID["e"] == ["duplicate_of_seed"])
        #expect(byID["line:4"] == ["malformed"])
        let summary = try readJSONObject(dir.path("qa.json"))
        #expect(summary["generated"] as? Int == 7 && summary["accepted"] as? Int == 2 && summary["rejected"] as? Int == 5)
        let judged = server.requestCount
        #expect(judged == 3)
        let again = try SiftProcess.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(server.requestCount == judged)
        #expect(try readJSONLines(dir.path("accepted.jsonl")).count == 2)
    }

    @Test("review samples each technique; accept reports Wilson intervals and gates the final set")
    func reviewAndAccept() throws {
        let dir = try TemporaryDirectory()
        var lines: [String] = []
        for i in 0..<30 { lines.append(generatedLine("si-\(i)", technique: "self-instruct", prompt: "Task number \(i) about rivers?", response: "=SUM(A1) answer \(i)")) }
        for i in 0..<10 { lines.append(generatedLine("ev-\(i)", technique: "evol-instruct", prompt: "Harder task \(i), with commas", response: "Answer \\\"\(i)\\\"\\nsecond line")) }
        let input = try dir.write("accepted.jsonl", lines.joined(separator: "\n") + "\n")
        let review = try SiftProcess.run(["synth", "review", "--in", input, "--sample", "0.2", "--out", dir.path("review.csv"), "--seed", "5"])
        #expect(review.status == 0, "\(review.stderr)")
        let csv = try dir.read("review.csv")
        #expect(csv.hasPrefix("review_id,stratum,technique,prompt,response,verdict,notes,record_sha256\r\n"))
        #expect(csv.contains("'=SUM(A1)"))
        let again = try SiftProcess.run(["synth", "review", "--in", input, "--sample", "0.2", "--out", dir.path("review2.csv"), "--seed", "5"])
        #expect(again.status == 0)
        #expect(try dir.read("review2.csv") == csv)

        // A reviewer fills the verdict column of the CSV in a spreadsheet.
        let filledCSV = csv.replacingOccurrences(of: #",,,([0-9a-f]{64})\r\n"#, with: ",accept,,$1\r\n", options: .regularExpression)
        #expect(filledCSV != csv)
        let csvReviews = try dir.write("review.done.csv", filledCSV)
        let fromCSV = try SiftProcess.run(["synth", "accept", "--in", input, "--reviews", csvReviews, "--min-accept", "0.8", "--out", dir.path("final-csv.jsonl")])
        #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
        #expect(try readJSONLines(dir.path("final-csv.jsonl")).count == 40)

        // The same review as JSON Lines, with one self-instruct record rejected.
        let reviewJSONL = try SiftProcess.run(["synth", "review", "--in", input, "--sample", "0.2", "--out", dir.path("review.jsonl"), "--seed", "5"])
        #expect(reviewJSONL.status == 0)
        let rows = try readJSONLines(dir.path("review.jsonl"))
        #expect(rows.filter { $0["technique"] as? String == "self-instruct" }.count == 6)
        #expect(rows.filter { $0["technique"] as? String == "evol-instruct" }.count == 2)
        var rejectedOne = false
        let filled = try rows.map { row -> String in
            var row = row
            row.removeValue(forKey: "record")
            let reject = row["technique"] as? String == "self-instruct" && !rejectedOne
            if reject { rejectedOne = true }
            row["verdict"] = reject ? "reject" : "accept"
            return String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
        }
        let reviews = try dir.write("review.done.jsonl", filled.joined(separator: "\n") + "\n")

        let pass = try SiftProcess.run(["synth", "accept", "--in", input, "--reviews", reviews, "--min-accept", "0.8", "--out", dir.path("final.jsonl"),
                                        "--removed", dir.path("review-rejected.jsonl"), "--json", dir.path("accept.json")])
        #expect(pass.status == 0, "\(pass.stderr)")
        #expect(try readJSONLines(dir.path("final.jsonl")).count == 39)
        #expect(try readJSONLines(dir.path("review-rejected.jsonl")).count == 1)
        let summary = try readJSONObject(dir.path("accept.json"))
        let techniques = try #require(summary["techniques"] as? [[String: Any]])
        let selfInstruct = try #require(techniques.first { $0["technique"] as? String == "self-instruct" })
        #expect(selfInstruct["reviewed"] as? Int == 6 && selfInstruct["accepted"] as? Int == 5)
        // Wilson 95 % for 5/6: statsmodels proportion_confint(5, 6, method="wilson").
        #expect(abs((selfInstruct["ci_lower"] as? Double ?? 0) - 0.4365).magnitude < 1e-3)
        #expect(abs((selfInstruct["ci_upper"] as? Double ?? 0) - 0.9699).magnitude < 1e-3)

        let refuse = try SiftProcess.run(["synth", "accept", "--in", input, "--reviews", reviews, "--min-accept", "0.9", "--out", dir.path("final2.jsonl")])
        #expect(refuse.status == 1)
        #expect(refuse.stdout.contains("refused"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("final2.jsonl")))

        let blank = try dir.write("blank.jsonl", filled[0].replacingOccurrences(of: "\"verdict\":\"accept\"", with: "\"verdict\":\"\"").replacingOccurrences(of: "\"verdict\":\"reject\"", with: "\"verdict\":\"\"") + "\n")
        let unfinished = try SiftProcess.run(["synth", "accept", "--in", input, "--reviews", blank, "--out", dir.path("final3.jsonl")])
        #expect(unfinished.status == 65)
        #expect(unfinished.stderr.contains("blank.jsonl:1: field verdict is empty"))
    }

    @Test("mix caps the synthetic share with a seeded sample and warns about generation > 1")
    func mix() throws {
        let dir = try TemporaryDirectory()
        let real = try dir.write("real.jsonl", (0..<10).map { #"{"id": "r\#($0)", "text": "real record \#($0)"}"# }.joined(separator: "\n") + "\n")
        let synthetic = try dir.write("synthetic.jsonl", (0..<25).map {
            generatedLine("g\($0)", technique: $0 < 20 ? "self-instruct" : "evol-instruct", prompt: "Prompt \($0)?", response: "Answer \($0).", generation: $0 < 20 ? 1 : 2)
        }.joined(separator: "\n") + "\n")
        let arguments = ["mix", "--real", real, "--synthetic", synthetic, "--max-synthetic-share", "0.4", "--out", dir.path("train.jsonl"),
                         "--removed", dir.path("dropped.jsonl"), "--seed", "9", "--json", dir.path("mix.json")]
        let run = try SiftProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let train = try readJSONLines(dir.path("train.jsonl"))
        let syntheticKept = train.filter { $0["_sift"] != nil }.count
        #expect(train.count - syntheticKept == 10)
        #expect(syntheticKept == 6)
        #expect(try readJSONLines(dir.path("dropped.jsonl")).count == 19)
        let summary = try readJSONObject(dir.path("mix.json"))
        #expect(summary["synthetic_kept"] as? Int == 6 && summary["synthetic_dropped"] as? Int == 19 && summary["real"] as? Int == 10)
        #expect((summary["synthetic_share"] as? Double ?? 1) <= 0.4)
        let first = try dir.read("train.jsonl")
        #expect(try SiftProcess.run(arguments).status == 0)
        #expect(try dir.read("train.jsonl") == first)
        if (summary["generation_above_1"] as? Int ?? 0) > 0 { #expect(run.stderr.contains("generation > 1")) }
        let all = try SiftProcess.run(["mix", "--real", real, "--synthetic", synthetic, "--max-synthetic-share", "0.9", "--out", dir.path("all.jsonl")])
        #expect(all.status == 0)
        #expect(all.stderr.contains("5 synthetic records have generation > 1"))
    }
}
