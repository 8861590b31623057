import ArgumentParser
import SiftCore

@main
struct Sift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sift",
        abstract: "Audit, clean, deduplicate, label and size the data you train, evaluate and retrieve from.",
        version: siftVersion,
        subcommands: [StatsCommand.self, ConvertCommand.self, AuditCommand.self, DedupCommand.self, DecontamCommand.self, FilterCommand.self, PIICommand.self, SplitCommand.self, AgreeCommand.self, RunCommand.self, RunTaskCommand.self, SynthCommand.self, MixCommand.self, StudioCommand.self, CurveCommand.self, LabelErrorsCommand.self]
    )

    static func main() async {
        MemoryTuning.keepFreedMemory()
        await main(nil)
    }
}
