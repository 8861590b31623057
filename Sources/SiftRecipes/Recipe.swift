import Collections
import SiftCore

/// A parsed recipe: a named pipeline of steps that reads datasets, transforms them, and writes
/// outputs with a manifest, so that a team can say exactly how a training set was made and make it
/// again byte for byte.
public struct Recipe: Sendable {
    public var name: String
    /// Where outputs, rejects, the manifest and the checkpoints go.
    public var outputDirectory: String
    public var steps: [RecipeStep]
    /// The recipe file's path and SHA-256, recorded in the manifest.
    public var path: String
    public var sha256: String
}

/// One step as written: its kind (`filter`, `dedup`...), parameters and position in the file.
public struct RecipeStep: Sendable {
    public var kind: String
    public var parameters: [(key: String, value: RecipeValue)]
    public var mark: RecipeMark
    /// 1-based position in the recipe, used to name checkpoints (`03-dedup`).
    public var number: Int

    public var label: String {
        let n = number < 10 ? "0\(number)" : "\(number)"
        return "\(n)-\(kind)"
    }

    public var parametersJSON: JSONValue {
        var object = JSONObject()
        for (key, value) in parameters { object[key] = value.json }
        return .object(object)
    }
}

/// A recipe that cannot run, reported with the file, line and column of the offending YAML before
/// any data is read.
public struct RecipeError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var mark: RecipeMark?
    public var message: String

    public init(file: String, mark: RecipeMark?, _ message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    public var description: String {
        if let mark { return "\(file):\(mark.line):\(mark.column): \(message)" }
        return "\(file): \(message)"
    }
}
