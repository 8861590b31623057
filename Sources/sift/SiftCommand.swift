import ArgumentParser

@main
struct Sift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sift",
        abstract: "Audit, clean, deduplicate, label and size the data you train, evaluate and retrieve from.",
        version: siftVersion,
        subcommands: [StatsCommand.self, AuditCommand.self]
    )
}
