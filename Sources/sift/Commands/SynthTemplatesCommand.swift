import ArgumentParser
import SiftSynth

struct SynthTemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Write the built-in prompt templates to a directory, to edit and pass back with --templates."
    )

    @Argument(help: "Directory to write <name>.txt files into.")
    var directory: String

    func run() throws {
        try reportingErrors {
            for path in try TemplateLibrary.export(to: directory) { print(path) }
        }
    }
}
