/// The built-in prompt templates, one per pipeline step. They are written for Sift, following the
/// published methods' prompts in intent (cited per group); `sift synth templates DIR` writes them
/// out for editing, and `--templates DIR` reads the edited copies back.
public enum DefaultTemplates {
    public struct Spec: Sendable {
        public var text: String
        /// Placeholders the step fills (a template may use any of them).
        public var placeholders: [String]
        /// Placeholders a template must use, or the step would send the model nothing to work on.
        public var required: Set<String>
    }

    public static let all: [String: Spec] = {
        var all: [String: Spec] = [
            "self-instruct.generate": Spec(text: selfInstructGenerate, placeholders: ["examples", "count"], required: ["examples"]),
            "self-instruct.answer": Spec(text: answer, placeholders: ["instruction"], required: ["instruction"]),
            "evol.answer": Spec(text: answer, placeholders: ["instruction"], required: ["instruction"]),
            "evol.breadth": Spec(text: evolBreadth, placeholders: ["instruction"], required: ["instruction"]),
            "distill.answer": Spec(text: "{{prompt}}", placeholders: ["prompt"], required: ["prompt"]),
            "backtranslate.instruction": Spec(text: backtranslateInstruction, placeholders: ["response"], required: ["response"]),
            "backtranslate.to-pivot": Spec(text: toPivot, placeholders: ["text", "language"], required: ["text", "language"]),
            "backtranslate.from-pivot": Spec(text: fromPivot, placeholders: ["text", "language"], required: ["text"]),
            "qa.judge": Spec(text: judge, placeholders: ["instruction", "response"], required: ["instruction", "response"]),
        ]
        for method in EvolutionMethod.allCases where method.isInDepth {
            all["evol.\(method.rawValue)"] = Spec(text: evolInDepth(method.guidance), placeholders: ["instruction"], required: ["instruction"])
        }
        return all
    }()

    /// Self-Instruct (Wang et al. 2022, "Self-Instruct: Aligning Language Models with
    /// Self-Generated Instructions", arXiv:2212.10560): show sampled tasks, ask for new ones.
    static let selfInstructGenerate = """
    You are helping to build a diverse set of tasks for training an AI assistant. Here are some example tasks:

    {{examples}}

    Write {{count}} new tasks. Make them diverse: vary the verbs, the topics, the kind of task (open-ended \
    writing, classification, editing, reasoning, coding, advice, explanation) and the length. Each task must \
    be something a text-only assistant can do, stated completely in one or two sentences; include any input \
    the task needs. Do not copy the examples. Answer with a numbered list, one task per item, and nothing else.
    """

    static let answer = """
    {{instruction}}
    """

    /// Evol-Instruct's in-depth evolving (Xu et al. 2023, "WizardLM: Empowering Large Language
    /// Models to Follow Complex Instructions", arXiv:2304.12244, section 3.1).
    static func evolInDepth(_ guidance: String) -> String {
        """
        Rewrite the prompt below into a more demanding version that strong AI assistants find harder to \
        handle well. The rewritten version must stay reasonable, answerable and understandable by people, \
        and must keep every table, code block and input of the original unchanged.

        How to make it more demanding: \(guidance)

        Add no more than 10 to 20 words. Reply with the rewritten prompt only: do not explain, and do not \
        refer to "the original prompt", "the rewritten prompt" or these instructions.

        Prompt:
        {{instruction}}
        """
    }

    /// Evol-Instruct's in-breadth evolving (same paper): a new prompt from the same domain.
    static let evolBreadth = """
    Take inspiration from the prompt below to write a brand-new prompt. It must belong to the same domain \
    but be about a rarer, more specific topic, with similar length and difficulty, and be reasonable and \
    answerable by people. Reply with the new prompt only: do not explain, and do not refer to "the given \
    prompt", "the created prompt" or these instructions.

    Prompt:
    {{instruction}}
    """

    /// Instruction backtranslation's self-augmentation step (Li et al. 2023, "Self-Alignment with
    /// Instruction Backtranslation", arXiv:2308.06259): the instruction a text would answer.
    static let backtranslateInstruction = """
    Below is a text written by a person. Write the instruction or question a user could have given an AI \
    assistant for which this text would be an excellent, complete answer. Reply with the instruction only.

    Text:
    {{response}}
    """

    /// Paraphrase by round-trip translation (Sennrich, Haddow & Birch 2016; Mallinson, Sennrich &
    /// Lapata 2017): into a pivot language and back.
    static let toPivot = """
    Translate the text below into {{language}}. Keep its meaning, tone and any code or numbers exactly. \
    Reply with the translation only.

    Text:
    {{text}}
    """

    static let fromPivot = """
    Translate the text below into English. Keep its meaning, tone and any code or numbers exactly. \
    Reply with the translation only.

    Text:
    {{text}}
    """

    /// LLM-as-a-judge with a single-answer grading rubric (Zheng et al. 2023, "Judging LLM-as-a-Judge
    /// with MT-Bench and Chatbot Arena", arXiv:2306.05685): a 1-10 score with a short reason.
    static let judge = """
    You are grading one example of training data for an AI assistant: an instruction and a response.

    Score the response from 1 to 10 using this rubric:
    - 9-10: correct, complete, follows every part of the instruction, clear, safe.
    - 7-8: correct and helpful with minor omissions or style problems.
    - 4-6: partly correct, incomplete, or ignores part of the instruction.
    - 1-3: wrong, off-topic, a refusal, harmful, or nonsense.
    Judge the instruction too: if it is unclear, impossible or unsafe, score at most 3.

    Instruction:
    {{instruction}}

    Response:
    {{response}}

    Answer with JSON only, exactly in this form: {"score": <integer 1-10>, "reason": "<one sentence>"}
    """
}
