import Foundation
import SiftCore
import SiftTestSupport

/// The objects of a JSON Lines file, parsed by Sift's parser.
func readLines(_ path: String) throws -> [JSONValue] {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
}

/// Small read chunks, so that the tests' corpora span several chunks and results are checked
/// across the chunk boundaries the reader stitches.
let testReadOptions = ReadOptions(chunkBytes: 1 << 16)
