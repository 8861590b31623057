import ArgumentParser

@main
struct Sift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sift",
        abstract: "Audit, clean, deduplicate, label and size the data you train, evaluate and retrieve from.",
        version: siftVersion,
        subcommands: [StatsCommand.self, SynthCommand.self, MixCommand.self]
    )
}
