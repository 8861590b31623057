import SiftCore

/// What the data is for. The purpose sets how much data is enough (`Sufficiency`) and which
/// findings matter most (freshness for a knowledge base, label coverage for evaluation).
public enum Purpose: String, Sendable, CaseIterable {
    case rag
    case finetuneLoRA = "finetune-lora"
    case finetuneFull = "finetune-full"
    case eval
    case pretrain
    case fewShot = "few-shot"

    /// The purpose a dataset's kind suggests: documents feed a knowledge base, evaluation cases an
    /// evaluation set, bare text pretraining; instruction and labelled data are finetuning data,
    /// and LoRA is the common case (the cheaper, smaller-data route).
    public static func suggested(for kind: DatasetKind) -> Purpose {
        switch kind {
        case .ragDocument: return .rag
        case .evalCase: return .eval
        case .text: return .pretrain
        case .chat, .sharegpt, .alpaca, .promptCompletion, .classification, .unknown: return .finetuneLoRA
        }
    }

    /// How much data the purpose needs, from the source document's table ("How Much Data Do You
    /// Need?", Huyen, *AI Engineering*, ch. 8). Pretraining is not in that table; see `docs/audit.md`.
    public var thresholds: SufficiencyThresholds {
        switch self {
        case .finetuneLoRA: return SufficiencyThresholds(unit: .records, minimum: 200, sweetSpot: 1_000...10_000)
        case .finetuneFull: return SufficiencyThresholds(unit: .records, minimum: 5_000, sweetSpot: 50_000...500_000)
        // "Thousands" of documents: read as 1,000 to 10,000.
        case .rag: return SufficiencyThresholds(unit: .documents, minimum: 10, sweetSpot: 1_000...10_000)
        case .eval: return SufficiencyThresholds(unit: .records, minimum: 50, sweetSpot: 200...500)
        case .fewShot: return SufficiencyThresholds(unit: .records, minimum: 2, sweetSpot: 3...5)
        // Chinchilla (Hoffmann et al. 2022): ~20 training tokens per parameter is compute-optimal.
        // 200M tokens trains a ~10M-parameter model that way (TinyStories scale, Eldan & Li 2023);
        // 2.5B-20B tokens is compute-optimal for the 125M-1B models teams pretrain themselves.
        case .pretrain: return SufficiencyThresholds(unit: .tokens, minimum: 200_000_000, sweetSpot: 2_500_000_000...20_000_000_000)
        }
    }
}
