import Foundation
import SiftTestSupport
import Testing
@testable import SiftCore

/// `--json /dev/null` run as root once replaced /dev/null with a regular file: reports were
/// written to a temporary file and renamed over the device. The tests aim outputs at a symbolic
/// link to /dev/null, which a rename would replace (and the test would see) without touching the
/// device itself.
@Suite("Outputs aimed at a device")
struct OutputDeviceTests {
    func expectStillALink(_ link: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/null")
    }

    @Test("a report written to a device is written in place, not renamed over it")
    func reportToDevice() throws {
        let dir = try TemporaryDirectory()
        let link = dir.path("null.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        try writeFileAtomically(link, "{\"records\": 1}\n")
        try expectStillALink(link)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["null.json"])
    }

    @Test("records written to a device are written in place; a regular file is still replaced whole")
    func recordsToDevice() throws {
        let dir = try TemporaryDirectory()
        let link = dir.path("null.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        let writer = try JSONLinesWriter(path: link)
        try writer.write(["id": "a"] as JSONValue)
        try writer.close()
        try expectStillALink(link)

        let regular = try dir.write("out.jsonl", "old contents\n")
        try writeFileAtomically(regular, "new\n")
        #expect(try dir.read("out.jsonl") == "new\n")
        #expect(isSpecialFile("/dev/null"))
        #expect(!isSpecialFile(regular))
        #expect(!isSpecialFile(dir.path("missing")))
    }
}
