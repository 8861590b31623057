import ArgumentParser
import Foundation
import SiftCore
import SiftRecipes

/// `sift run-task`: one task of a sharded `sift run`, started by the local executor or by a Slurm
/// array job. Hidden: users run `sift run --executor`, which plans and starts these.
struct RunTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run one task of a sharded recipe run (started by sift run --executor).",
        shouldDisplay: false
    )

    @Option(help: "The run's work directory (holds plan.json).")
    var workdir: String

    @Option(help: "The stage's name, as in plan.json.")
    var stage: String

    @Option(help: "The task's index in the stage.")
    var task: Int

    func run() throws {
        try reportingErrors {
            let dir = ScaleWorkdir(workdir)
            let plan = try ScalePlan.load(dir.plan)
            let recipe: Recipe
            do {
                recipe = try RecipeParser.parse(file: plan.recipePath, registry: StepRegistry.standard)
            } catch let error as RecipeError {
                throw SiftError(error.description, status: .config)
            }
            guard recipe.sha256 == plan.recipeSHA256 else {
                throw SiftError("\(plan.recipePath) changed since the run was planned; start it again", status: .config)
            }
            let started = Date()
            try ScaleTask(plan: plan, recipe: recipe, registry: .standard, workdir: dir).run(stage: stage, task: task)
            // The figures docs/scale.md reports per stage: wall time and peak resident memory.
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            print("done: stage \(stage) task \(task) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s, "
                  + "peak RSS \(usage.ru_maxrss / 1024) MB")
        }
    }
}
