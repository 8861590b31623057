import SiftCore
import SiftReport

extension DedupReport {
    /// The human summary of `sift dedup`; `seconds` adds the throughput line.
    public func render(on terminal: Terminal, seconds: Double? = nil, removedPath: String? = nil) -> String {
        var out: [String] = []
        let fileList = files.count == 1 ? files[0] : "\(files.count) files"
        out.append(terminal.bold(fileList) + terminal.dim("  (\(kind.rawValue); compared: \(compared))"))
        out.append("  method     " + methodDescription)
        out.append("  kept       \(Format.count(kept))")
        var removedLine = "  removed    \(Format.count(removed))  " + terminal.dim("(\(Format.percent(removed, of: records)))")
        if removed > 0 {
            removedLine += "  exact \(Format.count(removedExact)), near \(Format.count(removedNear)) in \(Format.count(clusters)) clusters (largest \(Format.count(largestCluster)))"
        }
        out.append(removedLine)
        if blankTexts.count > 0 {
            out.append(terminal.color("  blank      \(Format.count(blankTexts.count)) records with a blank text, kept and not compared: ", .yellow)
                       + references(blankTexts))
        }
        if withoutText.count > 0 {
            out.append(terminal.color("  no text    \(Format.count(withoutText.count)) records without \(compared), kept untouched: ", .yellow)
                       + references(withoutText))
        }
        if malformedCount > 0 {
            let destination = removedPath.map { " (written to \($0))" } ?? ""
            out.append(terminal.color("  malformed  \(Format.count(malformedCount))\(destination)", .red))
            for item in malformed.prefix(5) { out.append("    " + item.description) }
        }
        if !sampleClusters.isEmpty {
            out.append("")
            out.append(terminal.bold("Clusters") + terminal.dim("  (first \(sampleClusters.count); all in --removed)"))
            var table = TextTable(["cluster", "size", "kept", "removed", "reason", "similarity"],
                                  alignments: [.right, .right, .left, .left, .left, .right])
            for sample in sampleClusters {
                for (i, member) in sample.removed.enumerated() {
                    table.add([i == 0 ? String(sample.id) : "", i == 0 ? String(sample.size) : "", i == 0 ? (sample.kept ?? "?") : "",
                               member.reference, member.reason, Format.fixed(member.similarity, digits: 3)])
                }
            }
            out.append(table.render(style: terminal.dim))
        }
        if !diagnostics.isEmpty {
            out.append("")
            for d in diagnostics.prefix(10) { out.append(terminal.dim("  note: " + d.description)) }
        }
        out.append("")
        var footer = "\(Format.count(kept)) kept + \(Format.count(removed)) removed + \(Format.count(malformedCount)) malformed = \(Format.count(items)) read"
        if !countsAddUp { footer += terminal.color("  (counts do not add up: please report this)", .red) }
        out.append(terminal.dim(footer))
        if let seconds, seconds > 0 {
            out.append(terminal.dim("\(Format.fixed(seconds, digits: 2)) s, \(Format.count(Int(Double(records) / seconds))) records/s, "
                                    + "\(Format.bytes(bytesHeldPerDocument)) held per document"))
        }
        return out.joined(separator: "\n")
    }

    private var methodDescription: String {
        let minhash = "MinHash-LSH on \(options.shingler.unit == .word ? "word" : "character") \(options.shingler.size)-grams, "
            + "\(options.numPerm) permutations, \(options.resolvedBanding), threshold \(Format.fixed(options.threshold, digits: 2))"
            + (options.verify ? ", verified by exact Jaccard" : "")
        switch options.method {
        case .exact: return "exact (canonical text: NFKC, case-folded, whitespace collapsed); keep \(options.keep.rawValue)"
        case .minhash: return minhash + "; keep \(options.keep.rawValue)"
        case .both: return "exact, then " + minhash + "; keep \(options.keep.rawValue)"
        }
    }

    private func references(_ sample: ReferenceSample) -> String {
        let shown = sample.references.prefix(5).joined(separator: ", ")
        return sample.count > 5 ? shown + ", …" : shown
    }
}
