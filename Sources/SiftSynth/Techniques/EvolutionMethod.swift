/// Evol-Instruct's ways to evolve an instruction (Xu et al. 2023, "WizardLM", arXiv:2304.12244,
/// section 3.1): five in-depth evolutions that make it harder, and in-breadth evolution that makes
/// a new instruction on a rarer topic of the same domain. Each has its template `evol.<rawValue>`.
public enum EvolutionMethod: String, Sendable, CaseIterable {
    case addConstraints = "add-constraints"
    case deepen
    case concretize
    case increaseReasoning = "increase-reasoning"
    case complicateInput = "complicate-input"
    case breadth

    public var isInDepth: Bool { self != .breadth }

    /// The in-depth template's instruction for this method.
    var guidance: String {
        switch self {
        case .addConstraints: return "add one more constraint or requirement the answer must meet."
        case .deepen: return "if the prompt asks about an issue, ask about it in more depth and breadth."
        case .concretize: return "replace general concepts with more specific ones."
        case .increaseReasoning: return "if the prompt can be solved with a few simple steps of thinking, rewrite it so that it explicitly requires reasoning in several steps."
        case .complicateInput: return "add a more complex input in a concrete data format (a table, JSON, XML, SQL, or code) that the answer must work with."
        case .breadth: return "write a new prompt on a rarer topic of the same domain."
        }
    }
}
