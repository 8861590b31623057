/// 1 for true, 0 for false. The scans over every character of a document (line breaks, `#` and
/// dots, C4's line scan, the tokenizer's chunks) add and or these instead of branching, in loops
/// with wrapping arithmetic over raw pointers: that is the shape the compiler vectorises, and a
/// branch per character is what they avoid.
@inline(__always)
func bit(_ condition: Bool) -> UInt32 { condition ? 1 : 0 }
