import Foundation
import SiftTestSupport
import SiftCore
import Testing
@testable import SiftDedup

@Suite("Decontamination (GPT-3 13-gram overlap)")
struct DecontaminatorTests {
    @Test("words are case-folded, whitespace-delimited and stripped of punctuation; symbols and digits stay")
    func words() {
        let words = ContaminationWords("U.S.-based   “Quotes”, e.g. 2 + 2 = 4! — ok")
        #expect(words.text(first: 0, length: words.count) == "usbased quotes eg 2 + 2 = 4 ok")
        #expect(words.count == 9)
        #expect(ContaminationWords("... !!! ---").count == 0)
        #expect(words.hash(first: 1, length: 2) == XXH64.hash("quotes eg"))
    }

    @Test("an item matches by any shared 13-gram; a shorter item by its whole text; under min-words it is not checked")
    func rules() {
        var index = EvalOverlapIndex(ngram: 13, minWords: 8)
        let long = ContaminationWords("Which river flows through the city of Vienna before reaching the Black Sea in the east? The Danube.")
        #expect(index.add(item: 0, words: long) == .ngram)
        #expect(index.add(item: 1, words: ContaminationWords("What colour do you get by mixing blue and yellow? Green.")) == .wholeText)
        #expect(index.add(item: 2, words: ContaminationWords("Capital of France? Paris.")) == .tooShort)

        let leak = index.match(ContaminationWords("Quiz night: which river flows through the city of Vienna before reaching the Black Sea?"))
        #expect(leak?.items == [0])
        #expect(leak?.example == "which river flows through the city of vienna before reaching the black sea")
        // Twelve shared words are not a 13-gram.
        #expect(index.match(ContaminationWords("river flows through the city of Vienna before reaching the Black Sea")) == nil)
        let whole = index.match(ContaminationWords("Art class. WHAT colour do you get by mixing blue and yellow — green, of course."))
        #expect(whole?.items == [1])
        #expect(index.match(ContaminationWords("What colour do you get by mixing blue and red? Purple.")) == nil)
        #expect(index.match(ContaminationWords("The capital of France is Paris.")) == nil)
    }

    static let eval = """
    {"id": "q1", "input": "Which river flows through the city of Vienna before reaching the Black Sea in the east?", "expected": "The Danube."}
    {"id": "q2", "input": "What colour do you get by mixing blue and yellow?", "expected": "Green."}
    {"id": "q3", "input": "Capital of France?", "expected": "Paris."}
    {"id": "q4", "input": "Name a prime number larger than one hundred and explain why it is prime.", "expected": "101, because no smaller prime divides it."}
    """
    static let train = """
    {"id": "t1", "text": "Trivia. Which river flows through the city of Vienna before reaching the Black Sea? Answer below."}
    {"id": "t2", "text": "Paris is the capital of France."}
    {"id": "t3", "text": "Painting tips: what colour do you get by mixing blue and yellow? Green, naturally."}
    {"id": "t4", "text": "Unrelated notes about sourdough starters and hydration."}
    not json
    {"id": "t5", "title": "no text"}
    """

    @Test("contaminating training records are removed, annotated with the eval items they leak; counts add up")
    func removeTrain() throws {
        let directory = try TemporaryDirectory()
        let evalPath = try directory.write("eval.jsonl", Self.eval + "\n")
        let trainPath = try directory.write("train.jsonl", Self.train + "\n")
        let report = try Decontaminator(trainPaths: [trainPath], evalPaths: [evalPath], readOptions: testReadOptions, options: DecontamOptions())
            .run(out: directory.path("clean.jsonl"), removed: directory.path("leaked.jsonl"))
        #expect(try readLines(directory.path("clean.jsonl")).map { $0["id"]! } == ["t2", "t4", "t5"])
        let leaked = try readLines(directory.path("leaked.jsonl"))
        #expect(leaked.compactMap { $0["id"] } == ["t1", "t3"])
        #expect(leaked[0]["_sift"]!["decontam"]!["eval_items"] == ["q1"])
        #expect(leaked[0]["_sift"]!["decontam"]!["matches"] == 1)
        #expect(leaked[1]["_sift"]!["decontam"]!["eval_items"] == ["q2"])
        #expect(leaked[2]["_sift"]!["reject"]!["line"] == 5)
        #expect(report.contaminated.map(\.reference) == ["q1", "q2"])
        #expect(report.contaminated.map(\.rule) == [.ngram, .wholeText])
        #expect(report.contaminated[0].trainRecords.references == ["t1"])
        #expect(report.checkedByNgram == 2 && report.checkedWhole == 1 && report.tooShort.references == ["q3"])
        #expect(report.kept == 3 && report.removed == 2 && report.train.malformedCount == 1)
        #expect(report.train.withoutText.references == ["t5"])
        #expect(report.countsAddUp)
    }

    @Test("--drop-eval removes the contaminated eval items instead and leaves the training set alone")
    func dropEval() throws {
        let directory = try TemporaryDirectory()
        let evalPath = try directory.write("eval.jsonl", Self.eval + "\n")
        let trainPath = try directory.write("train.jsonl", Self.train + "\n")
        var options = DecontamOptions()
        options.dropEval = true
        let report = try Decontaminator(trainPaths: [trainPath], evalPaths: [evalPath], readOptions: testReadOptions, options: options)
            .run(out: directory.path("eval.clean.jsonl"), removed: directory.path("eval.leaked.jsonl"))
        #expect(try readLines(directory.path("eval.clean.jsonl")).map { $0["id"]! } == ["q3", "q4"])
        let leaked = try readLines(directory.path("eval.leaked.jsonl"))
        #expect(leaked.map { $0["id"]! } == ["q1", "q2"])
        #expect(leaked[1]["_sift"]!["decontam"]!["rule"] == "whole_text")
        #expect(leaked[1]["_sift"]!["decontam"]!["train_records"] == ["t3"])
        #expect(report.kept == 2 && report.removed == 2 && report.countsAddUp)
    }

    @Test("with --min-words 1 a short item is matched whole, as the paper's rule says literally")
    func shortItems() throws {
        let directory = try TemporaryDirectory()
        let evalPath = try directory.write("eval.jsonl", Self.eval + "\n")
        let trainPath = try directory.write("train.jsonl", Self.train + "\n")
        var options = DecontamOptions()
        options.minWords = 1
        let report = try Decontaminator(trainPaths: [trainPath], evalPaths: [evalPath], readOptions: testReadOptions, options: options).run(out: nil, removed: nil)
        // "capital of france paris" does not occur in "paris is the capital of france": word order matters.
        #expect(report.contaminated.map(\.reference) == ["q1", "q2"])
        #expect(report.tooShort.count == 0 && report.checkedWhole == 2)
    }
}
