import SiftCore

/// What the review sample is stratified by: every stratum (each technique, say) gets its share of
/// the sample, so a technique with few records is still reviewed and gets its own acceptance rate.
public enum ReviewStratum: String, Sendable, CaseIterable {
    case technique, model, none

    public func value(of fields: JSONObject) -> String {
        switch self {
        case .technique: return Provenance.technique(of: fields) ?? "unknown"
        case .model: return fields[RecordSchema.annotationKey]?["provenance"]?["model"]?.stringValue ?? "unknown"
        case .none: return "all"
        }
    }
}

/// A seeded, stratified sample without replacement: in each stratum of N records, ⌈rate · N⌉ are
/// drawn by a Fisher–Yates shuffle seeded from `seed` and the stratum's name. Rounding up means
/// every non-empty stratum is reviewed at least once; the same seed and input always give the
/// same sample, so a review can be reproduced and audited.
public enum ReviewSample {
    public static func select(strata: [String], rate: Double, seed: UInt64) -> Set<Int> {
        var byStratum: [String: [Int]] = [:]
        for (index, stratum) in strata.enumerated() { byStratum[stratum, default: []].append(index) }
        var chosen = Set<Int>()
        for (stratum, indices) in byStratum {
            let size = min(indices.count, Int((rate * Double(indices.count)).rounded(.up)))
            var generator = SplitMix64(seed: seed ^ XXH64.hash(stratum))
            chosen.formUnion(indices.sample(size, using: &generator))
        }
        return chosen
    }

    /// The digest that ties a review row to the exact record reviewed: SHA-256 of its JSON line.
    public static func digest(_ record: Record) -> String { SHA256Digest.hex(record.jsonLine) }
}

/// Writes the review file: JSON Lines (each row also carries the whole record) or CSV for a
/// spreadsheet. Columns: `review_id` (the record's id, or file:line), `stratum`, `technique`,
/// `prompt`, `response`, `verdict` (empty: for the reviewer, accept or reject), `notes`,
/// `record_sha256`.
public struct ReviewFileWriter {
    public static let columns = ["review_id", "stratum", "technique", "prompt", "response", "verdict", "notes", "record_sha256"]

    public enum Format: Sendable { case jsonl, csv }

    private let format: Format
    private var jsonl: DatasetWriter?
    private var csv: [UInt8] = []
    private let path: String

    public init(path: String) throws {
        self.path = path
        format = path.lowercased().hasSuffix(".csv") ? .csv : .jsonl
        if format == .jsonl { jsonl = try DatasetWriter(path: path) } else { CSVText.appendRow(Self.columns, to: &csv) }
    }

    public mutating func write(_ record: Record, stratum: String) throws {
        let kind = DatasetKind.of(record.fields)
        let prompt = SourceText.instruction(record) ?? ""
        let response = kind.isInstructionData ? (record.content(as: kind).response ?? "") : ""
        let id = Provenance.reference(record)
        let technique = Provenance.technique(of: record.fields) ?? "unknown"
        let digest = ReviewSample.digest(record)
        switch format {
        case .jsonl:
            try jsonl!.write(.object([
                "review_id": .string(id), "stratum": .string(stratum), "technique": .string(technique), "prompt": .string(prompt),
                "response": .string(response), "verdict": "", "notes": "", "record_sha256": .string(digest), "record": .object(record.fields),
            ]))
        case .csv:
            CSVText.appendRow([id, stratum, technique, CSVText.neutralized(prompt), CSVText.neutralized(response), "", "", digest], to: &csv)
        }
    }

    public func close() throws {
        switch format {
        case .jsonl: try jsonl!.close()
        case .csv: try writeFileAtomically(path, csv)
        }
    }
}

/// RFC 4180 CSV output.
public enum CSVText {
    public static func appendRow(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: field.utf8)
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// Dataset text is untrusted: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return
    /// is run as a formula by spreadsheet programs (CSV injection, OWASP), so it gets a leading
    /// apostrophe, which spreadsheets show as plain text. Only display columns are neutralized;
    /// `accept` reads back the id and verdict, never the text.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
