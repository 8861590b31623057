import SiftCore
import SiftReport

extension DecontamReport {
    /// The human summary of `sift decontam`.
    public func render(on terminal: Terminal) -> String {
        var out: [String] = []
        out.append(terminal.bold("Evaluation") + terminal.dim("  \(list(eval.files)) (\(eval.kind.rawValue); compared: \(eval.compared))"))
        out.append(terminal.bold("Training  ") + terminal.dim("  \(list(train.files)) (\(train.kind.rawValue); compared: \(train.compared))"))
        out.append("  rule       \(options.ngram)-gram overlap (GPT-3 paper); items under \(options.ngram) words matched whole, under \(options.minWords) not checked")
        out.append("  eval       \(Format.count(eval.records)) items: \(Format.count(checkedByNgram)) checked by n-gram, "
                   + "\(Format.count(checkedWhole)) whole, \(Format.count(tooShort.count)) too short, \(Format.count(eval.withoutText.count)) without text")
        let contaminatedLine = "  contaminated \(Format.count(contaminated.count)) eval items (\(Format.percent(contaminated.count, of: eval.records))) "
            + "by \(Format.count(contaminatingTrainRecords)) training records"
        out.append(contaminated.isEmpty ? terminal.color(contaminatedLine, .green) : terminal.color(contaminatedLine, .red))
        if !contaminated.isEmpty {
            out.append("")
            var table = TextTable(["eval item", "rule", "train records", "first", "shared text"], alignments: [.left, .left, .right, .left, .left])
            for item in contaminated.prefix(15) {
                table.add([item.reference, item.rule.rawValue, Format.count(item.trainRecords.count), item.trainRecords.references.first ?? "",
                           String(item.example.prefix(60))])
            }
            out.append(table.render(style: terminal.dim))
            if contaminated.count > 15 { out.append(terminal.dim("  … \(contaminated.count - 15) more (all are listed in --json)")) }
        }
        if tooShort.count > 0 {
            out.append(terminal.color("  note: \(Format.count(tooShort.count)) eval items have fewer than \(options.minWords) words and were not checked: ", .yellow)
                       + tooShort.references.prefix(5).joined(separator: ", "))
        }
        for side in [eval, train] where side.malformedCount > 0 {
            out.append(terminal.color("  malformed: \(Format.count(side.malformedCount)) in \(list(side.files))", .red))
            for item in side.malformed.prefix(5) { out.append("    " + item.description) }
        }
        out.append("")
        let noun = options.dropEval ? "eval items" : "training records"
        var footer = "\(Format.count(kept)) \(noun) kept + \(Format.count(removed)) removed + \(Format.count(filtered.malformedCount)) malformed = \(Format.count(filtered.items)) read"
        if !countsAddUp { footer += terminal.color("  (counts do not add up: please report this)", .red) }
        out.append(terminal.dim(footer))
        return out.joined(separator: "\n")
    }

    private func list(_ files: [String]) -> String { files.count == 1 ? files[0] : "\(files.count) files" }
}
