import ArgumentParser
import SiftCore

/// A capability's parameter as a CLI option: the flag is the parameter's name in kebab case, so
/// `sift dedup --num-perm` and a recipe's `num_perm` are one definition and cannot drift apart.
extension NameSpecification {
    static func parameter(_ parameter: IntegerParameter) -> NameSpecification {
        .customLong(ParameterError.longName(parameter.name))
    }

    static func parameter(_ parameter: NumberParameter) -> NameSpecification {
        .customLong(ParameterError.longName(parameter.name))
    }
}
