import SiftCore
import SiftDedup

/// A dataset read for learning: each record's hashed features and class, with where it came from.
/// Texts are not kept (memory stays at the features); `sketches` holds each record's MinHash
/// sketch when a near-duplicate detector is given (for the leakage check of `sift curve`).
public struct LabeledDataset: Sendable {
    public var kind: DatasetKind
    /// Class names, sorted; a record's class is an index into it.
    public var classNames: [String]
    public var labels: [Int]
    public var features: [FeatureVector]
    /// `record.reference`: the id when present, else `line:N`.
    public var references: [String]
    /// `file:line`, for messages.
    public var locations: [String]
    public var sketches: [NearDuplicateDetector.Sketch?]
    /// Each record as a JSON Lines line and its text, when read with `keepLines` (for `sift curve
    /// --train-command`, which writes the subsets for the user's command, and for the review file of
    /// `sift label-errors --review`); else empty.
    public var lines: [[UInt8]] = []
    public var texts: [String] = []

    public var count: Int { labels.count }

    /// The text a record is classified by: `textField` when given, else the kind's text
    /// (`RecordContent.comparableText`: the document of a classification record, the turns of a
    /// conversation, the prompt and response of an instruction pair, an eval case's input and
    /// expected output). A malformed record is an error, unless `skippingMalformed`: then it is
    /// left out and the records keep the numbering of the well-formed ones, which is how a caller
    /// that writes malformed input to its rejects (`sift split --drop-label-errors`) numbers them.
    public static func read(paths: [String], labelField: String, textField: String? = nil, readOptions: ReadOptions = ReadOptions(),
                            classNames fixedClasses: [String]? = nil, detector: NearDuplicateDetector? = nil,
                            keepLines: Bool = false, skippingMalformed: Bool = false) throws -> LabeledDataset {
        let stream = try DatasetStream(paths: paths, options: readOptions)
        let kind = try stream.detectKind()
        let hasher = TextFeatures()
        struct Item: Sendable {
            var label: String?
            var text: String
            var reference: String
            var location: String
            var features: FeatureVector
            var sketch: NearDuplicateDetector.Sketch?
            var line: [UInt8]?
        }
        var items: [Item] = []
        while let batch = try stream.nextBatch() {
            let decoded = parallelMap(count: batch.count, minimumPerSlice: 16) { i -> Result<Item, MalformedRecord> in
                switch batch[i] {
                case .malformed(let malformed): return .failure(malformed)
                case .record(let record):
                    let label = record.fields[labelField].flatMap { value -> String? in
                        if case .array(let items) = value, items.count == 1 { return items[0].scalarText }
                        return value.isNull ? nil : value.scalarText
                    }
                    let text = textField.map { record.fields[$0]?.scalarText ?? "" } ?? record.content(as: kind).comparableText
                    return .success(Item(label: label, text: text, reference: record.reference, location: record.location.description,
                                         features: hasher.vector(text), sketch: detector?.sketch(of: text),
                                         line: keepLines ? record.jsonLine : nil))
                }
            }
            for result in decoded {
                switch result {
                case .success(let item): items.append(item)
                case .failure(let malformed): if !skippingMalformed { throw malformed }
                }
            }
        }
        for item in items {
            guard let label = item.label, !label.isEmpty else {
                throw SiftError("\(item.location): field \"\(labelField)\" is missing or empty; every record needs a label (drop unlabelled records first, e.g. with `sift filter`)")
            }
            if item.features.buckets.isEmpty {
                let what = textField.map { "field \"\($0)\" is missing or has no words" } ?? "the record's text is empty (no words)"
                throw SiftError("\(item.location): \(what); choose another text field or drop such records first")
            }
        }
        let names = fixedClasses ?? Array(Set(items.map { $0.label! })).sorted()
        var classOf: [String: Int] = [:]
        for (i, name) in names.enumerated() { classOf[name] = i }
        var labels: [Int] = []
        labels.reserveCapacity(items.count)
        for item in items {
            guard let c = classOf[item.label!] else {
                throw SiftError("\(item.location): label \"\(item.label!)\" does not occur in the training data; an evaluation set can only use the training set's classes")
            }
            labels.append(c)
        }
        return LabeledDataset(kind: kind, classNames: names, labels: labels, features: items.map(\.features),
                              references: items.map(\.reference), locations: items.map(\.location), sketches: items.map(\.sketch),
                              lines: keepLines ? items.map { $0.line! } : [], texts: keepLines ? items.map(\.text) : [])
    }

    /// Checks what every learner here needs: two classes or more.
    public func requireClasses(minimumPerClass: Int = 1, what: String = "") throws {
        guard classNames.count >= 2 else {
            throw SiftError("only \(classNames.count) class (\(classNames.first ?? "none")) in the labels; learning needs at least 2 classes", status: .dataError)
        }
        let counts = classCounts
        if let small = counts.indices.first(where: { counts[$0] < minimumPerClass }) {
            throw SiftError("class \"\(classNames[small])\" has \(counts[small]) record\(counts[small] == 1 ? "" : "s"), fewer than \(minimumPerClass)\(what); use fewer folds or add examples of it", status: .dataError)
        }
    }

    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[label] += 1 }
        return counts
    }
}

extension LabeledDataset {
    /// A dataset from features already computed (the audit's `label_noise` check hashes each
    /// record's text as it streams by); no near-duplicate sketches, lines or texts. In an
    /// extension, so the memberwise initialiser stays.
    public init(kind: DatasetKind, classNames: [String], labels: [Int], features: [FeatureVector], references: [String], locations: [String]) {
        self.init(kind: kind, classNames: classNames, labels: labels, features: features, references: references, locations: locations,
                  sketches: Array(repeating: nil, count: labels.count))
    }
}
