import ArgumentParser
import Foundation
import SiftCore
import SiftReport
import SiftStudio

struct StudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "The labelling and review web app: guidelines, blind pilot, kappa gate, scale-up with QA, monitoring.",
        discussion: """
        One process and one SQLite file: `init` a database, `user add` people, `project create` from any dataset Sift \
        reads (or a `sift synth review` file with --review), `serve` the pages and JSON API, then `export` labels for \
        `sift agree` (long), Label Studio, or `sift synth accept` (review). See docs/studio.md.
        """,
        subcommands: [StudioInitCommand.self, StudioUserCommand.self, StudioProjectCommand.self, StudioServeCommand.self,
                      StudioExportCommand.self, StudioImportCommand.self]
    )
}

struct StudioDatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("The studio's SQLite database.", valueName: "path"))
    var db: String

    func store(create: Bool = false) throws -> StudioStore {
        StudioStore(database: try StudioDatabase(path: db, create: create))
    }
}

/// Runs a studio command body, turning its errors into a one-line message and an exit status.
func reportingStudioErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as SiftError {
        printError("sift: \(error.message)")
        throw ExitCode(error.status.rawValue)
    } catch let error as StudioError {
        printError("sift: \(error.message)")
        throw ExitCode(error.exitStatus.rawValue)
    } catch let error as ParameterError {
        printError("sift: \(error.message(naming: ParameterError.flag))")
        throw ExitCode(ExitStatus.usage.rawValue)
    }
}

struct StudioInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the studio database (idempotent: an existing one is kept and migrated).")

    @OptionGroup var database: StudioDatabaseOption
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await reportingStudioErrors {
            let store = try database.store(create: true)
            let users = try store.users().count
            let projects = try store.projects().count
            if json {
                print(JSONWriter().string(["db": .string(database.db), "users": .integer(users), "projects": .integer(projects)]))
            } else {
                print("\(database.db): ready (\(users) users, \(projects) projects)")
            }
        }
    }
}

struct StudioUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage studio users.", subcommands: [StudioUserAddCommand.self])
}

extension StudioRole: ExpressibleByArgument {}

struct StudioUserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user; prints a generated password once (only a scrypt hash is stored).")

    @OptionGroup var database: StudioDatabaseOption
    @Option(help: "The user's name (what they sign in with).") var name: String
    @Option(help: "admin, annotator or reviewer.") var role: StudioRole
    @Flag(help: "Print {\"name\", \"role\", \"password\"} as JSON.") var json = false

    func run() async throws {
        try await reportingStudioErrors {
            let password = try database.store().addUser(name: name, role: role)
            if json {
                print(JSONWriter().string(["name": .string(name), "role": .string(role.rawValue), "password": .string(password)]))
            } else {
                print("user \(name) (\(role.rawValue)) added; password (shown once): \(password)")
            }
        }
    }
}

struct StudioProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "project", abstract: "Manage projects.", subcommands: [StudioProjectCreateCommand.self])
}

struct StudioProjectCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a labelling or review project from a dataset.",
        discussion: """
        Items come from any input Sift reads (JSON Lines, JSON, CSV/TSV, gzip); the item id is the record's id \
        (else line:N) and the text its own text (chat turns kept as turns), or --text-field. Malformed lines and \
        records without text are reported with file and line and kept as the project's rejects; the good items are \
        imported. --review reads a `sift synth review` file for reviewers to accept, reject or edit.
        """)

    @OptionGroup var database: StudioDatabaseOption
    @Option(help: "The project's name.") var name: String
    @Option(help: ArgumentHelp("The items (or, with --review, the `sift synth review` file).", valueName: "path")) var data: String
    @Option(help: ArgumentHelp("Field holding the text to label (default: the record's own text).", valueName: "field")) var textField: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The labels, in order (number keys pick them).", valueName: "a,b,c")) var labels: String?
    @Option(help: ArgumentHelp("An integer rating scale instead of labels.", valueName: "1-5")) var scale: String?
    @Flag(help: "A review project over a `sift synth review` file (accept / reject / edit with a note).") var review = false
    @Flag(help: "Several labels per item.") var multi = false
    @Option(help: ArgumentHelp("Guideline Markdown, published as version 1.", valueName: "path")) var guidelines: String?
    @Option(help: ArgumentHelp("Items in the blind pilot (each labelled by every pilot annotator).", valueName: "n")) var pilot: Int = 0
    @Option(help: ArgumentHelp("The pilot's annotators.", valueName: "a,b,c")) var pilotAnnotators: String?
    @Option(help: "Share of the other items given to two annotators, for agreement while scaling up.") var overlap: Double = 0
    @Option(help: ArgumentHelp("Gold items (id, text, gold label), mixed unannounced into every annotator's queue.", valueName: "path")) var gold: String?
    @Option(help: "Share of each annotator's items that are gold, until they have seen every gold item.") var goldRate: Double = 0.1
    @Option(help: "Seed of the pilot sample, the annotators' orders and the overlap sample.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON ({\"id\": ..., counts, rejects}).") var json = false

    func validate() throws {
        let kinds = [labels != nil, scale != nil, review].filter { $0 }.count
        guard kinds == 1 else { throw ValidationError("give exactly one of --labels, --scale and --review") }
        if multi && labels == nil { throw ValidationError("--multi goes with --labels") }
    }

    func run() async throws {
        try await reportingStudioErrors {
            let spec: LabelSpec
            if review {
                spec = .review
            } else if let scale {
                spec = try LabelSpec.parseScale(scale)
            } else {
                spec = try LabelSpec.parseLabels(list(labels!), multi: multi)
            }
            var settings = ProjectSettings(name: name, data: data, spec: spec)
            settings.textField = textField
            if let guidelines {
                guard let text = try? String(contentsOfFile: guidelines, encoding: .utf8) else {
                    throw SiftError("\(guidelines): cannot read the guidelines", status: .noInput)
                }
                settings.guidelines = text
            }
            settings.pilot = pilot
            settings.pilotAnnotators = pilotAnnotators.map(list) ?? []
            settings.overlap = overlap
            settings.gold = gold
            settings.goldRate = goldRate
            settings.seed = seed
            let created = try database.store().createProject(settings)
            for reject in created.rejects.prefix(20) { printError("sift: \(reject.description) (not imported)") }
            if created.rejects.count > 20 { printError("sift: … \(created.rejects.count - 20) more records not imported (listed on the project page)") }
            if json {
                print(JSONWriter().string(created.json))
            } else {
                print("project \(created.id) \"\(created.name)\": \(Format.count(created.items)) items from \(Format.count(created.records)) records"
                      + (created.pilotItems > 0 ? ", \(created.pilotItems) in the blind pilot" : "")
                      + (created.overlapItems > 0 ? ", \(created.overlapItems) with overlap" : "")
                      + (created.goldItems > 0 ? ", \(created.goldItems) gold" : "")
                      + (created.rejects.isEmpty ? "" : "; \(created.rejects.count) not imported"))
            }
        }
    }

    func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

struct StudioServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the studio's pages and JSON API.")

    @OptionGroup var database: StudioDatabaseOption
    @Option(help: "Address to listen on (127.0.0.1 keeps it on this machine).") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one; the address is printed).") var port = 8080

    func run() async throws {
        try await reportingStudioErrors {
            let server = StudioServer(store: try database.store(), host: host, port: port)
            try await server.run { port in
                // Written unbuffered: scripts that start the server read the port from this line.
                FileHandle.standardOutput.write(Data("sift studio: serving \(database.db) on http://\(host):\(port)\n".utf8))
            }
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

struct StudioExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a project's labels: long (for sift agree), labelstudio, or review (for sift synth accept).",
        discussion: "An --out ending in .csv writes the long and review formats as CSV.")

    @OptionGroup var database: StudioDatabaseOption
    @Option(help: "The project's id or name.") var project: String
    @Option(help: ArgumentHelp("Output file.", valueName: "path")) var out: String
    @Option(help: "long, labelstudio or review.") var format: ExportFormat = .long

    func run() async throws {
        try await reportingStudioErrors {
            let store = try database.store()
            let info = try store.project(named: project)
            let csv = out.lowercased().hasSuffix(".csv") && format != .labelstudio
            let bytes = try await store.export(project: info.id, format: format, csv: csv)
            try writeFileAtomically(out, bytes)
            let lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            print("\(info.name): \(format.rawValue) export → \(out) (\(Format.count(bytes.count)) bytes, \(Format.count(lines)) lines)")
            if format == .review {
                let pending = try await store.unreviewed(project: info.id)
                if pending > 0 { printError("sift: \(pending) rows not reviewed yet; `sift synth accept` refuses the file until every row has a verdict") }
            }
        }
    }
}

struct StudioImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import labels from a Label Studio JSON export.")

    @OptionGroup var database: StudioDatabaseOption
    @Option(help: "The project's id or name.") var project: String
    @Option(help: ArgumentHelp("Label Studio JSON export (tasks with annotations).", valueName: "path")) var labelstudio: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await reportingStudioErrors {
            let store = try database.store()
            let info = try store.project(named: project)
            let result = try store.importLabelStudio(project: info.id, path: labelstudio)
            for refusal in result.refused.prefix(20) { printError("sift: task \(refusal.item), \(refusal.annotator): \(refusal.reason)") }
            if json {
                print(JSONWriter().string(result.json))
            } else {
                print("\(info.name): imported \(Format.count(result.imported)) labels from \(Format.count(result.annotations)) annotations "
                      + "(\(result.cancelled) cancelled, \(result.empty) empty, \(result.replaced) replaced, \(result.refused.count) refused)"
                      + (result.usersCreated.isEmpty ? "" : "; new annotators: \(result.usersCreated.joined(separator: ", "))"))
            }
        }
    }
}
