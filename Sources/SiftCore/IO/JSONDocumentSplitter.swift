/// Streams the records of one JSON document: the elements of a top-level array, or of the first
/// array member of a top-level object (`{"version": 2, "data": [...]}`). Elements are cut out by a
/// structural scan (strings, escapes, nesting) and parsed later, so the document is never held
/// whole. A top-level object whose first array is `messages` or `conversations`, or that holds no
/// array at all, is itself one record.
struct JSONDocumentSplitter: RecordSplitter {
    private enum State {
        case start
        /// Inside the wrapper object, expecting a key (or `}`) / a `:` / a value / `,` or `}`.
        case wrapperKey, wrapperColon(key: String), wrapperValue(key: String), wrapperAfterValue
        /// Skipping a wrapper member that is not the records array.
        case skippingValue(depth: Int, inString: Bool, escaped: Bool, resumeInArray: Bool)
        /// Inside the records array, between elements.
        case arrayBetween(expectingElement: Bool)
        /// Inside an element that started at `start` on `line`.
        case element(start: Int, line: Int, depth: Int, inString: Bool, escaped: Bool)
        /// The whole document is one record (a single chat object).
        case singleRecord(depth: Int, inString: Bool, escaped: Bool)
        case trailing
    }

    private var source: any ByteSource
    private let file: String
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private var buffer: [UInt8]
    private var pos = 0
    private var line = 1
    private var ended = false
    private var state = State.start
    private var wrapped = false
    private var arrayKey: String?
    private var pendingItems: [RawItem] = []
    private var batchStart = 0
    private(set) var diagnostics: [ReadDiagnostic] = []
    private(set) var itemsSeen = 0
    let blankLines = 0

    init(source: any ByteSource, file: String, prefix: [UInt8], chunkSize: Int, maxRecordBytes: Int) {
        self.source = source
        self.file = file
        self.buffer = prefix
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        if buffer.starts(with: utf8BOM) {
            pos = 3
            batchStart = 3
            diagnostics.append(ReadDiagnostic(file: file, line: 1, message: "UTF-8 byte-order mark at the start of the file was skipped"))
        }
    }

    mutating func nextBatch() throws -> RawBatch? {
        while true {
            scan()
            let pendingBytes = pos - batchStart
            if !pendingItems.isEmpty, pendingBytes >= chunkSize || ended {
                return cutBatch()
            }
            if ended {
                return finish()
            }
            if case .element(let start, let elementLine, _, _, _) = state, pos - start > maxRecordBytes {
                // Report and drop the oversized element, then resynchronise at the next element.
                itemsSeen += 1
                pendingItems.append(.malformed(MalformedRecord(
                    file: file, line: elementLine,
                    error: "array element is longer than the record limit of \(maxRecordBytes) bytes (raise it with --max-record-bytes); skipped",
                    raw: rawText(buffer.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[start..<min(start + 200, pos)]) }) + "…")))
                if case .element(_, _, let depth, let inString, let escaped) = state {
                    state = .skippingValue(depth: depth, inString: inString, escaped: escaped, resumeInArray: true)
                }
            }
            compact()
            if try source.read(into: &buffer, maxCount: chunkSize) == 0 { ended = true }
        }
    }

    private mutating func cutBatch() -> RawBatch {
        let end = pendingItemsEnd
        var batch = RawBatch()
        batch.bytes = Array(buffer[batchStart..<end])
        batch.items = pendingItems.map { item in
            if case .json(let range, let line, let unterminated) = item {
                return .json(range: (range.lowerBound - batchStart)..<(range.upperBound - batchStart), line: line, unterminated: unterminated)
            }
            return item
        }
        pendingItems.removeAll(keepingCapacity: true)
        batchStart = end
        return batch
    }

    private var pendingItemsEnd: Int {
        for item in pendingItems.reversed() {
            if case .json(let range, _, _) = item { return range.upperBound }
        }
        return batchStart
    }

    /// Drops bytes no pending item or open element needs.
    private mutating func compact() {
        var keepFrom = min(batchStart, pos)
        switch state {
        case .element(let start, _, _, _, _): keepFrom = min(keepFrom, start)
        case .singleRecord, .start, .wrapperKey, .wrapperColon, .wrapperValue, .wrapperAfterValue: keepFrom = 0
        case .skippingValue where arrayKey == nil: keepFrom = 0
        default: break
        }
        guard keepFrom > 0, pendingItems.isEmpty else { return }
        buffer.removeFirst(keepFrom)
        pos -= keepFrom
        batchStart -= keepFrom
        if case .element(let start, let l, let d, let s, let e) = state {
            state = .element(start: start - keepFrom, line: l, depth: d, inString: s, escaped: e)
        }
    }

    private mutating func finish() -> RawBatch? {
        switch state {
        case .trailing:
            return nil
        case .start:
            state = .trailing
            diagnostics.append(ReadDiagnostic(file: file, message: "file is empty"))
            return nil
        case .element(let start, let elementLine, _, _, _):
            itemsSeen += 1
            state = .trailing
            let text = rawText(buffer.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[start..<buffer.count]) })
            return RawBatch(items: [.malformed(MalformedRecord(file: file, line: elementLine,
                error: "unexpected end of file inside this array element (the file looks truncated)", raw: text))])
        case .singleRecord:
            itemsSeen += 1
            state = .trailing
            return RawBatch(items: [.malformed(MalformedRecord(file: file, line: 1,
                error: "unexpected end of file inside the JSON document (the file looks truncated)", raw: rawText(buffer.withUnsafeBufferPointer { $0 })))])
        default:
            let previous = state
            state = .trailing
            if case .arrayBetween = previous {
                diagnostics.append(ReadDiagnostic(file: file, line: line, message: "unexpected end of file: the records array is not closed with ']' (the file looks truncated)"))
            } else if itemsSeen == 0, arrayKey == nil {
                diagnostics.append(ReadDiagnostic(file: file, message: "no records array found: a JSON dataset is an array of objects, or an object holding one (e.g. {\"data\": [...]})"))
            }
            return nil
        }
    }

    private mutating func fail(_ message: String) {
        diagnostics.append(ReadDiagnostic(file: file, line: line, message: message))
    }

    /// Advances the state machine over the bytes read so far.
    private mutating func scan() {
        let count = buffer.count
        buffer.withUnsafeBufferPointer { bytes in
            while pos < count {
                let byte = bytes[pos]
                switch state {
                case .start:
                    if isSpace(byte) { advance(byte); continue }
                    if byte == UInt8(ascii: "[") { state = .arrayBetween(expectingElement: true); pos += 1 }
                    else if byte == UInt8(ascii: "{") { wrapped = true; state = .wrapperKey; pos += 1 }
                    else {
                        fail("a JSON dataset must start with '[' or '{', found \(Character(Unicode.Scalar(byte)))")
                        state = .trailing
                    }
                case .wrapperKey:
                    if isSpace(byte) || byte == UInt8(ascii: ",") { advance(byte); continue }
                    if byte == UInt8(ascii: "}") { pos += 1; closeWrapper(); continue }
                    guard byte == UInt8(ascii: "\"") else {
                        fail("expected a key in the top-level object"); state = .trailing; continue
                    }
                    guard let close = closingQuote(bytes, from: pos + 1) else { return }
                    let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(pos + 1)..<close]), as: UTF8.self)
                    pos = close + 1
                    state = .wrapperColon(key: key)
                case .wrapperColon(let key):
                    if isSpace(byte) { advance(byte); continue }
                    pos += 1
                    state = byte == UInt8(ascii: ":") ? .wrapperValue(key: key) : .trailing
                case .wrapperValue(let key):
                    if isSpace(byte) { advance(byte); continue }
                    if byte == UInt8(ascii: "["), arrayKey == nil {
                        if key == "messages" || key == "conversations" {
                            // The document itself is one conversation record.
                            pos = batchStart
                            line = 1
                            state = .singleRecord(depth: 0, inString: false, escaped: false)
                            continue
                        }
                        arrayKey = key
                        pos += 1
                        state = .arrayBetween(expectingElement: true)
                    } else {
                        if byte == UInt8(ascii: "["), let arrayKey {
                            diagnostics.append(ReadDiagnostic(file: file, line: line, message: "records are read from \"\(arrayKey)\"; the array \"\(key)\" is ignored"))
                        }
                        state = .skippingValue(depth: 0, inString: false, escaped: false, resumeInArray: false)
                    }
                case .wrapperAfterValue:
                    if isSpace(byte) { advance(byte); continue }
                    pos += 1
                    if byte == UInt8(ascii: ",") { state = .wrapperKey } else { closeWrapper() }
                case .skippingValue(var depth, var inString, var escaped, let resumeInArray):
                    // A value ends at a ',' or closing bracket of its parent, which is left unconsumed.
                    if inString {
                        if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    } else if byte == UInt8(ascii: "\"") {
                        inString = true
                    } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        depth += 1
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",") {
                        if depth == 0 {
                            state = resumeInArray ? .arrayBetween(expectingElement: false) : .wrapperAfterValue
                            continue
                        }
                        if byte != UInt8(ascii: ",") { depth -= 1 }
                    }
                    advance(byte)
                    state = .skippingValue(depth: depth, inString: inString, escaped: escaped, resumeInArray: resumeInArray)
                case .arrayBetween(let expectingElement):
                    if isSpace(byte) { advance(byte); continue }
                    if byte == UInt8(ascii: ",") {
                        if expectingElement { fail("empty element (extra ',') in the records array") }
                        pos += 1
                        state = .arrayBetween(expectingElement: true)
                        continue
                    }
                    if byte == UInt8(ascii: "]") {
                        pos += 1
                        batchStart = pendingItems.isEmpty ? pos : batchStart
                        state = wrapped ? .wrapperAfterValue : .trailing
                        continue
                    }
                    if !expectingElement { fail("missing ',' between array elements") }
                    state = .element(start: pos, line: line, depth: 0, inString: false, escaped: false)
                case .element(let start, let elementLine, var depth, var inString, var escaped):
                    // Tight inner loop: stays in this element until it ends or the bytes run out.
                    var i = pos
                    var lineCount = line
                    var done = false
                    while i < count {
                        let b = bytes[i]
                        if inString {
                            if escaped { escaped = false }
                            else if b == UInt8(ascii: "\\") { escaped = true }
                            else if b == UInt8(ascii: "\"") { inString = false }
                            else if b == 0x0A { lineCount += 1 }
                        } else {
                            switch b {
                            case UInt8(ascii: "\""): inString = true
                            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                                if depth == 0 { done = true } else { depth -= 1 }
                            case UInt8(ascii: ","): if depth == 0 { done = true }
                            case 0x0A: lineCount += 1
                            default: break
                            }
                        }
                        if done { break }
                        i += 1
                    }
                    line = lineCount
                    pos = i
                    if done {
                        var end = i
                        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
                        itemsSeen += 1
                        pendingItems.append(.json(range: start..<end, line: elementLine, unterminated: false))
                        state = .arrayBetween(expectingElement: false)
                    } else {
                        state = .element(start: start, line: elementLine, depth: depth, inString: inString, escaped: escaped)
                    }
                case .singleRecord(var depth, var inString, var escaped):
                    advance(byte)
                    if inString {
                        if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    } else if byte == UInt8(ascii: "\"") {
                        inString = true
                    } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        depth += 1
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 {
                            itemsSeen += 1
                            pendingItems.append(.json(range: batchStart..<pos, line: 1, unterminated: false))
                            state = .trailing
                            continue
                        }
                    }
                    state = .singleRecord(depth: depth, inString: inString, escaped: escaped)
                case .trailing:
                    if !isSpace(byte) {
                        fail("unexpected content after the end of the JSON document; ignored")
                        pos = count
                        return
                    }
                    advance(byte)
                }
            }
        }
    }

    /// The top-level object ended. Without any array member it was a single record.
    private mutating func closeWrapper() {
        state = .trailing
        if arrayKey == nil {
            itemsSeen += 1
            pendingItems.append(.json(range: batchStart..<pos, line: 1, unterminated: false))
        }
    }

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    @inline(__always) private mutating func advance(_ byte: UInt8) {
        if byte == 0x0A { line += 1 }
        pos += 1
    }

    private func closingQuote(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        var escaped = false
        while i < bytes.count {
            if escaped { escaped = false } else if bytes[i] == UInt8(ascii: "\\") { escaped = true } else if bytes[i] == UInt8(ascii: "\"") { return i }
            i += 1
        }
        return nil
    }
}
