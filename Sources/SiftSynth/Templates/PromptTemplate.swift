import Foundation
import SiftCore

/// A prompt with `{{name}}` placeholders. Templates are plain text files so that people can read,
/// version and override them (`--templates DIR`, one `<name>.txt` per template); a user's file must
/// use exactly the placeholders the step fills, which is checked when the file is loaded rather
/// than discovered halfway through a paid run.
public struct PromptTemplate: Sendable, Equatable {
    public var name: String
    public var text: String
    /// Where the text came from: `built-in` or the file's path, for error messages and reports.
    public var origin: String

    public init(name: String, text: String, origin: String = "built-in") {
        self.name = name
        self.text = text
        self.origin = origin
    }

    /// The placeholder names the text uses, in order of first use.
    public var placeholders: [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !names.contains(name) { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// Fills every placeholder in one pass, so a value that itself contains `{{...}}` (dataset text
    /// is untrusted) is inserted literally and never expanded.
    public func render(_ values: [String: String]) -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += values[name] ?? ""
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}

/// The templates a run uses: the built-in defaults, each replaced by `<dir>/<name>.txt` if present.
public struct TemplateLibrary: Sendable {
    private var templates: [String: PromptTemplate]

    public init(directory: String? = nil) throws {
        templates = [:]
        for (name, spec) in DefaultTemplates.all {
            var template = PromptTemplate(name: name, text: spec.text)
            if let directory {
                let path = (directory as NSString).appendingPathComponent("\(name).txt")
                if FileManager.default.fileExists(atPath: path) {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw SiftError("\(path): cannot read the template", status: .ioError)
                    }
                    template = PromptTemplate(name: name, text: String(decoding: data, as: UTF8.self), origin: path)
                    let used = Set(template.placeholders)
                    let allowed = Set(spec.placeholders)
                    if let unknown = used.subtracting(allowed).sorted().first {
                        throw SiftError("\(path): unknown placeholder {{\(unknown)}}; \(name) can use \(spec.placeholders.map { "{{\($0)}}" }.joined(separator: ", "))", status: .usage)
                    }
                    if let missing = spec.required.subtracting(used).sorted().first {
                        throw SiftError("\(path): the template must contain {{\(missing)}}", status: .usage)
                    }
                }
            }
            templates[name] = template
        }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw SiftError("\(directory): no such template directory", status: .noInput)
            }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            if let stray = files.sorted().first(where: { $0.hasSuffix(".txt") && DefaultTemplates.all[String($0.dropLast(4))] == nil }) {
                throw SiftError("\((directory as NSString).appendingPathComponent(stray)): not a known template name (known: \(DefaultTemplates.all.keys.sorted().joined(separator: ", ")))", status: .usage)
            }
        }
    }

    public subscript(_ name: String) -> PromptTemplate { templates[name]! }

    /// Writes the built-in templates into `directory`, as a starting point for overrides.
    public static func export(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for name in DefaultTemplates.all.keys.sorted() {
            let path = (directory as NSString).appendingPathComponent("\(name).txt")
            try writeFileAtomically(path, DefaultTemplates.all[name]!.text)
            written.append(path)
        }
        return written
    }
}
