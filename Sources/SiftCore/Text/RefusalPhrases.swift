/// Phrases that mark a response as a refusal or AI-disclaimer boilerplate ("As an AI language
/// model...", "I cannot help with that"), matched case-insensitively as substrings with curly
/// apostrophes read as straight ones. One list for every module (the audit's
/// `refusal_boilerplate`, the `instruction.refusal` filter rule, synthetic-data QA), so that an
/// audit and a clean-up agree on what a refusal is. It follows the phrase lists the community used
/// to remove such responses from ShareGPT/WizardLM/Alpaca data for the "unfiltered" variants.
public enum RefusalPhrases {
    public static let standard = [
        "as an ai language model", "as a language model", "as an ai assistant", "as an ai model",
        "as a large language model", "as an ai developed by", "i'm an ai language model", "i'm just an ai", "i am just an ai",
        "as an ai,", "as an ai i ", "i apologize, but i cannot", "i apologize, but i can't", "i apologize, but i am unable",
        "unable to provide assistance with",
        "i cannot help with that", "i can't help with that", "i cannot assist with", "i can't assist with",
        "i'm sorry, but i can't", "i'm sorry, but i cannot", "i am sorry, but i cannot", "sorry, but i can't",
        "i'm unable to help", "i am unable to help", "i cannot fulfill", "i can't fulfill",
        "i cannot comply", "i can't comply", "i'm not able to help", "i'm not able to provide", "i am not able to provide",
        "i cannot provide assistance", "i must decline", "it is not appropriate for me to",
        "against my programming", "my programming prohibits", "openai's content policy", "openai's use case policy",
        "my knowledge cutoff", "i don't have personal opinions", "i do not have personal opinions",
    ]
}
