import ArgumentParser
import SiftCore
import SiftRecipes
import SiftReport

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a YAML recipe: read, filter, pii, dedup, decontam, sample, split, write — with a manifest.",
        discussion: """
        Outputs, rejects.jsonl and manifest.json go to the recipe's `output` directory. Each step checkpoints \
        under <output>/.sift-run/; --resume skips the steps whose inputs and parameters are unchanged. \
        Paths in a recipe are relative to the current directory.
        """
    )

    @Argument(help: "The recipe file.")
    var recipe: String?

    @Flag(help: "Continue an interrupted run, reusing finished steps whose inputs and parameters are unchanged.")
    var resume = false

    @Flag(help: "List the step kinds and their parameters.")
    var listSteps = false

    @Option(help: ArgumentHelp("Also write the manifest to this path (- for standard output).", valueName: "path"))
    var json: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let registry = StepRegistry.standard
        if listSteps {
            for schema in registry.schemas {
                print("\(schema.kind): \(schema.summary)")
                for p in schema.parameters { print("    \(p.name)\(p.required ? " (required)" : ""): \(p.help)") }
            }
            return
        }
        guard let recipe else { throw ValidationError("give a recipe file, or --list-steps") }
        try reportingErrors {
            let parsed: Recipe
            do {
                parsed = try RecipeParser.parse(file: recipe, registry: registry)
            } catch let error as RecipeError {
                throw SiftError(error.description, status: .config)
            }
            let terminal = Terminal.standardOutput
            print(terminal.bold("recipe \(parsed.name)") + terminal.dim("  → \(parsed.outputDirectory)"))
            var table = TextTable(["step", "in", "out", "removed", ""])
            var runner = RecipeRunner(recipe: parsed, registry: registry)
            runner.onStep = { step, result, resumed in
                table.add([step.label, Format.count(result.inputRecords), Format.count(result.outputRecords),
                           Format.count(result.removedRecords), resumed ? "(resumed)" : ""])
            }
            let manifest: RecipeManifest
            do {
                manifest = try runner.run(resume: resume)
            } catch let error as RecipeError {
                // A step's parameters that only the capability can judge (bands × rows ≤ num_perm).
                throw SiftError(error.description, status: .config)
            }
            print(table.render(style: terminal.dim))
            for output in manifest.outputs {
                print("  wrote \(output["path"]?.stringValue ?? "")  (\(Format.count(output["records"]?.intValue ?? 0)) records)")
            }
            print("  manifest \(parsed.outputDirectory)/manifest.json")
            if let json {
                let text = JSONWriter(style: .pretty).string(manifest.json) + "\n"
                if json == "-" { print(text, terminator: "") } else { try writeFileAtomically(json, text) }
            }
        }
    }
}
