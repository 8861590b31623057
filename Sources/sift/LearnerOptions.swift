import ArgumentParser
import SiftCore
import SiftLearn

/// The built-in learner's options, shared by `sift curve` and `sift label-errors`.
struct LearnerOptions: ParsableArguments {
    @Option(help: "Solver: sgd (a few seeded passes, the default) or lbfgs (to the optimum, as scikit-learn's lbfgs; much slower).")
    var solver: SolverChoice = .sgd

    @Option(help: ArgumentHelp("SGD passes over the training rows (default: five, kept within 50,000 to 240,000 updates and 3 to 200 passes; see docs/learn.md).", valueName: "n"))
    var epochs: Int?

    @Option(help: ArgumentHelp("Inverse L2 regularisation strength, as scikit-learn's C.", valueName: "c"))
    var regularization: Double = 1

    func options() throws -> LogisticRegression.Options {
        if let epochs, !(1...10_000).contains(epochs) {
            throw SiftError("--epochs must be between 1 and 10000, got \(epochs)", status: .usage)
        }
        guard regularization > 0, regularization.isFinite else {
            throw SiftError("--regularization must be a positive number, got \(regularization)", status: .usage)
        }
        if solver == .lbfgs, epochs != nil {
            throw SiftError("--epochs applies to --solver sgd; lbfgs runs to its tolerance", status: .usage)
        }
        switch solver {
        case .sgd: return LogisticRegression.Options(c: regularization, solver: .sgd(SGD(epochs: epochs)))
        case .lbfgs: return LogisticRegression.Options(c: regularization, solver: .lbfgs(LBFGS()))
        }
    }
}

enum SolverChoice: String, ExpressibleByArgument, CaseIterable {
    case sgd, lbfgs
}
