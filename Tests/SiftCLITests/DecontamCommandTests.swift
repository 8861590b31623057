import Foundation
import SiftTestSupport
import Testing

@Suite("sift decontam")
struct DecontamCommandTests {
    static let eval = """
    {"id": "q1", "question": "Which river flows through the city of Vienna before reaching the Black Sea in the east?", "answer": "The Danube."}
    {"id": "q2", "question": "Capital of France?", "answer": "Paris."}
    {"id": "q3", "question": "Name a prime number larger than one hundred and explain why it is prime.", "answer": "101."}
    """
    static let train = """
    {"messages": [{"role": "user", "content": "Quiz: which river flows through the city of Vienna before reaching the Black Sea?"}, {"role": "assistant", "content": "The Danube."}]}
    {"messages": [{"role": "user", "content": "What is the capital of France?"}, {"role": "assistant", "content": "Paris."}]}
    """

    @Test("removes the leaking training records and reports which eval items they contaminate")
    func removeTrain() throws {
        let dir = try TemporaryDirectory()
        let eval = try dir.write("eval.jsonl", Self.eval + "\n")
        let train = try dir.write("train.jsonl", Self.train + "\n")
        let run = try SiftProcess.run(["decontam", "--train", train, "--eval", eval, "--out", dir.path("clean.jsonl"),
                                       "--removed", dir.path("leaked.jsonl"), "--json", dir.path("report.json")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("contaminated 1 eval items"))
        #expect(run.stdout.contains("1 training records kept + 1 removed + 0 malformed = 2 read"))
        #expect(try readJSONLines(dir.path("clean.jsonl")).count == 1)
        let leaked = try readJSONLines(dir.path("leaked.jsonl"))
        let annotation = try #require((leaked.first?["_sift"] as? [String: Any])?["decontam"] as? [String: Any])
        #expect(annotation["eval_items"] as? [String] == ["q1"])
        let report = try readJSONObject(dir.path("report.json"))
        let contaminated = try #require(report["contaminated"] as? [[String: Any]])
        #expect(contaminated.map { $0["eval"] as? String } == ["q1"])
        #expect(contaminated.first?["train_records"] as? [String] == ["line:1"])
        #expect(report["counts_add_up"] as? Bool == true)
        let items = try #require(report["eval_items"] as? [String: Any])
        #expect((items["too_short"] as? [String: Any])?["records"] as? [String] == ["q2"])
    }

    @Test("--drop-eval writes the clean evaluation set; --fail-on-contamination exits 1; the training set may come on standard input")
    func dropEvalAndGate() throws {
        let dir = try TemporaryDirectory()
        let eval = try dir.write("eval.jsonl", Self.eval + "\n")
        let run = try SiftProcess.run(["decontam", "--train", "-", "--eval", eval, "--drop-eval", "--out", dir.path("eval.clean.jsonl"),
                                       "--fail-on-contamination"], stdin: Self.train + "\n")
        #expect(run.status == 1)
        #expect(try readJSONLines(dir.path("eval.clean.jsonl")).map { $0["id"] as? String } == ["q2", "q3"])
        let missing = try SiftProcess.run(["decontam", "--train", dir.path("train.jsonl"), "--eval", eval])
        #expect(missing.status == 66)
        let usage = try SiftProcess.run(["decontam", "--eval", eval])
        #expect(usage.status == 64)
    }
}
