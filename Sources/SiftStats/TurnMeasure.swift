import SiftCore

/// A conversation turn as the stats count it. `StatsLineReader` and `StatsColumnReader` both split
/// their turns with `promptAndResponse`, so that both count exactly as `RecordContent.split` does.
struct TurnMeasure {
    var isAssistant: Bool
    var isSystem: Bool
    var measure: TextMeasure

    /// `role` as `Turn.normalizedRole` gives it.
    init(role: String, measure: TextMeasure) {
        isAssistant = role == "assistant"
        isSystem = role == "system"
        self.measure = measure
    }
}

extension BidirectionalCollection where Element == TurnMeasure {
    /// `RecordContent.split` on measures: the prompt is the non-system turns before a final
    /// assistant turn, joined by newlines (whitespace, so their words add up and each newline is
    /// one character); the response is that final assistant turn.
    func promptAndResponse() -> (prompt: TextMeasure?, response: TextMeasure?) {
        guard let last = self.last else { return (nil, nil) }
        let context = last.isAssistant ? count - 1 : count
        var prompt: TextMeasure?
        if context > 0 {
            var joined = TextMeasure(characters: 0, words: 0)
            var parts = 0
            for turn in prefix(context) where !turn.isSystem {
                joined.characters += turn.measure.characters
                joined.words += turn.measure.words
                parts += 1
            }
            joined.characters += Swift.max(0, parts - 1)
            prompt = joined
        }
        return (prompt, last.isAssistant ? last.measure : nil)
    }
}
