import Foundation

/// A folder given as one input: a Hugging Face `datasets` folder (`save_to_disk`: Arrow stream
/// files listed in `state.json`, one subfolder per split of a `DatasetDict` named in
/// `dataset_dict.json`), or a folder of Parquet/Arrow part files, where `key=value` folders
/// (Hive-style partitioning, as Spark, pyarrow and DuckDB write it) become fields of its records.
enum DatasetFolder {
    struct Part {
        var path: String
        var partition: PartitionFields
    }

    /// The files to read for `path`, or nil when `path` is not a folder.
    static func parts(of path: String, split: String?) throws -> [Part]? {
        var isDirectory: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let root = URL(fileURLWithPath: path)
        let dictFile = root.appendingPathComponent("dataset_dict.json").path
        if FileManager.default.fileExists(atPath: dictFile) {
            let splits = try jsonFile(dictFile)["splits"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let chosen: [String]
            if let split {
                guard splits.contains(split) else {
                    throw SiftError("\(path): no split \(split) (this datasets folder has \(splits.joined(separator: ", ")))", status: .usage)
                }
                chosen = [split]
            } else {
                chosen = splits
            }
            return try chosen.flatMap { try arrowFiles(root.appendingPathComponent($0)) }
        }
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("state.json").path) {
            if let split { throw SiftError("\(path): a single-split datasets folder has no split \(split)", status: .usage) }
            return try arrowFiles(root)
        }
        var parts: [Part] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw SiftError("\(path): cannot list the folder", status: .noInput)
        }
        for case let url as URL in walker {
            let relative = Array(url.pathComponents.dropFirst(root.pathComponents.count))
            // Hidden and underscore names are bookkeeping (_SUCCESS, _metadata, .crc files).
            if relative.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("_") }) { continue }
            guard let implied = DatasetFormat.implied(byName: url.path), implied.isColumnar,
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if let split, !matches(relative, split: split) { continue }
            parts.append(Part(path: url.path, partition: partition(relative.dropLast())))
        }
        parts.sort { $0.path < $1.path }
        guard !parts.isEmpty else {
            throw SiftError("\(path): is a directory without Parquet, Arrow or datasets files\(split.map { " of split \($0)" } ?? ""); pass the dataset files inside it (e.g. \(path)/*.jsonl)", status: .noInput)
        }
        return parts
    }

    /// A part belongs to a split when a folder is named after it or its file name starts with it
    /// (`train/part-0.parquet`, `train-00000-of-00002.parquet`, as the Hugging Face Hub lays out Parquet).
    private static func matches(_ relative: [String], split: String) -> Bool {
        if relative.dropLast().contains(split) || relative.dropLast().contains("split=\(split)") { return true }
        guard let name = relative.last else { return false }
        return name == split || name.hasPrefix(split + "-") || name.hasPrefix(split + "_") || name.hasPrefix(split + ".")
    }

    private static func arrowFiles(_ folder: URL) throws -> [Part] {
        let state = try jsonFile(folder.appendingPathComponent("state.json").path)
        guard let files = state["_data_files"]?.arrayValue else {
            throw SiftError("\(folder.path)/state.json: no _data_files list (not a datasets folder?)", status: .dataError)
        }
        return try files.map { entry in
            guard let name = entry["filename"]?.stringValue, !name.contains("/"), !name.hasPrefix(".") else {
                throw SiftError("\(folder.path)/state.json: a data file entry without a plain filename", status: .dataError)
            }
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { throw SiftError("\(path): no such file (listed in state.json)", status: .noInput) }
            return Part(path: path, partition: PartitionFields())
        }
    }

    private static func jsonFile(_ path: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else { throw SiftError("\(path): cannot read", status: .noInput) }
        do {
            return try JSONParser.parse(Array(data))
        } catch {
            throw SiftError("\(path): invalid JSON (\(error))", status: .dataError)
        }
    }

    /// `key=value` folder names as fields: values percent-decoded, integers as numbers, Hive's
    /// `__HIVE_DEFAULT_PARTITION__` as null.
    static func partition(_ folders: ArraySlice<String>) -> PartitionFields {
        var fields: [(String, JSONValue)] = []
        for folder in folders {
            guard let eq = folder.firstIndex(of: "="), eq != folder.startIndex else { continue }
            let key = String(folder[..<eq]).removingPercentEncoding ?? String(folder[..<eq])
            let raw = String(folder[folder.index(after: eq)...])
            let text = raw.removingPercentEncoding ?? raw
            let value: JSONValue
            if text == "__HIVE_DEFAULT_PARTITION__" {
                value = .null
            } else if let n = Int64(text), String(n) == text {
                value = .number(text)
            } else {
                value = .string(text)
            }
            if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = value } else { fields.append((key, value)) }
        }
        return PartitionFields(fields)
    }
}
