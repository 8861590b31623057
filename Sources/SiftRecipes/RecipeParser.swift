import Foundation
import Collections
import SiftCore
import Yams

/// Reads a recipe file:
///
/// ```yaml
/// name: finetune-cleanup
/// output: out/finetune
/// steps:
///   - read: {path: examples/support-chat.jsonl}
///   - filter: {rules: [instruction]}
///   - dedup: {method: both, threshold: 0.8}
///   - write: {path: train.jsonl}
/// ```
///
/// Every step and parameter is checked against the step's schema here, so a typo fails with the
/// line and column before any data is read.
public enum RecipeParser {
    public static func parse(file path: String, registry: StepRegistry) throws -> Recipe {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiftError("\(path): no such recipe file", status: .noInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RecipeError(file: path, mark: nil, "the recipe is not valid UTF-8")
        }
        return try parse(yaml: text, path: path, sha256: SHA256Digest.hex(data), registry: registry)
    }

    public static func parse(yaml text: String, path: String, sha256: String, registry: StepRegistry) throws -> Recipe {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RecipeError(file: path, mark: nil, "the recipe is empty")
            }
            root = node
        } catch let error as YamlError {
            throw RecipeError(file: path, mark: mark(of: error), "invalid YAML: \(problem(of: error))")
        }
        guard case .mapping(let top) = root else {
            throw RecipeError(file: path, mark: mark(root), "a recipe is a mapping with `name`, `output` and `steps`")
        }
        var name: String?
        var output: String?
        var stepsNode: Node?
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "name": name = try scalar(value, path: path, what: "name")
            case "output": output = try scalar(value, path: path, what: "output")
            case "steps": stepsNode = value
            default:
                throw RecipeError(file: path, mark: mark(keyNode), "unknown recipe key `\(key)` (expected name, output, steps)")
            }
        }
        guard let stepsNode else { throw RecipeError(file: path, mark: mark(root), "the recipe has no `steps`") }
        guard case .sequence(let sequence) = stepsNode, !sequence.isEmpty else {
            throw RecipeError(file: path, mark: mark(stepsNode), "`steps` must be a non-empty list")
        }
        var steps: [RecipeStep] = []
        for (i, node) in sequence.enumerated() {
            guard case .mapping(let mapping) = node, mapping.count == 1, let (keyNode, paramsNode) = mapping.first else {
                throw RecipeError(file: path, mark: mark(node), "each step is a one-key mapping such as `- dedup: {threshold: 0.8}`")
            }
            let kind = keyNode.string ?? ""
            guard let schema = registry.schema(for: kind) else {
                throw RecipeError(file: path, mark: mark(keyNode),
                                  "unknown step `\(kind)` (known steps: \(registry.kinds.joined(separator: ", ")))")
            }
            let parameters: [(key: String, value: RecipeValue)]
            switch paramsNode {
            case .mapping(let params):
                parameters = params.map { ($0.key.string ?? "", value($0.value)) }
            case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null":
                parameters = []
            default:
                throw RecipeError(file: path, mark: mark(paramsNode), "the parameters of `\(kind)` must be a mapping")
            }
            let step = RecipeStep(kind: kind, parameters: parameters, mark: mark(keyNode) ?? RecipeMark(line: 0, column: 0), number: i + 1)
            try schema.validate(step, file: path)
            steps.append(step)
        }
        try registry.validateOrder(steps, file: path)
        return Recipe(name: name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                      outputDirectory: output ?? "out/" + (name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent),
                      steps: steps, path: path, sha256: sha256)
    }

    private static func scalar(_ node: Node, path: String, what: String) throws -> String {
        guard case .scalar(let s) = node else { throw RecipeError(file: path, mark: mark(node), "`\(what)` must be a string") }
        return s.string
    }

    static func value(_ node: Node) -> RecipeValue {
        let m = mark(node) ?? RecipeMark(line: 0, column: 0)
        switch node {
        case .scalar(let s): return .scalar(s.string, m)
        case .sequence(let seq): return .list(seq.map(value), m)
        case .mapping(let map): return .map(map.map { ($0.key.string ?? "", value($0.value)) }, m)
        case .alias: return .scalar("", m)
        }
    }

    static func mark(_ node: Node) -> RecipeMark? {
        node.mark.map { RecipeMark(line: $0.line, column: $0.column) }
    }

    private static func mark(of error: YamlError) -> RecipeMark? {
        switch error {
        case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): return RecipeMark(line: m.line, column: m.column)
        case .duplicatedKeysInMapping(_, let context): return RecipeMark(line: context.mark.line, column: context.mark.column)
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let duplicates, _): return "duplicated keys \(duplicates.joined(separator: ", "))"
        default: return String(describing: error)
        }
    }
}
