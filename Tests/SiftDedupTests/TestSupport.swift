import Foundation
import SiftCore
import SiftTestSupport

/// The objects of a JSON Lines file, parsed by Sift's parser.
func readLines(_ path: String) throws -> [JSONValue] {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
}

/// Small read chunks: SiftCore's reader zero-fills each chunk buffer element by element, which
/// unoptimised test builds make slow for the 4 MiB default.
let testReadOptions = ReadOptions(chunkBytes: 1 << 16)
