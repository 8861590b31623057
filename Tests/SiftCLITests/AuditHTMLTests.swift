#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SiftTestSupport
import Testing

/// Renders the HTML report in headless Chromium (Debian's `chromium`, installed by `.ci/run`), as a
/// person opening it would, and checks that the page loaded with its charts and logged no errors.
@Suite("sift audit --html in a browser")
struct AuditHTMLTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM after load and everything the browser logged (console messages appear as `CONSOLE`).
    static func render(_ path: String) throws -> (dom: String, log: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("sift-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(profile.path)", "--dump-dom", URL(fileURLWithPath: path).absoluteString]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // A browser that hangs must not hang the suite: stop it after two minutes.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { kill(pid, SIGKILL) } }
        nonisolated(unsafe) var log = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            log = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (String(decoding: dom, as: UTF8.self), String(decoding: log, as: UTF8.self))
    }

    @Test("the report loads with the pyramid and its charts, no console errors, and escaped dataset text",
          .enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium); CI installs it"))
    func rendersInChromium() throws {
        let dir = try TemporaryDirectory()
        var lines = (0..<30).map { i in
            "{\"id\": \"d\(i)\", \"text\": \"Document \(i) explains topic \(i % 4) in plain words.\", \"label\": \"\(i % 3 == 0 ? "billing" : "shipping")\", \"updated_at\": \"2025-0\(1 + i % 9)-10\"}"
        }
        lines.append("{\"id\": \"x1\", \"text\": \"<script>alert(1)</script>\", \"label\": \"billing\", \"updated_at\": \"2025-01-01\"}")
        lines.append("{\"id\": \"x2\", \"text\": \"<script>alert(1)</script>\", \"label\": \"shipping\", \"updated_at\": \"2025-01-01\"}")
        let input = try dir.write("docs.jsonl", lines.joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["audit", input, "--as-of", "2026-11-24", "--html", dir.path("report.html")])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try dir.read("report.html")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script"))

        let page = try Self.render(dir.path("report.html"))
        #expect(page.dom.contains("Sift audit"))
        let charts = page.dom.components(separatedBy: "<svg").count - 1
        #expect(charts >= 5, "expected the pyramid and at least four charts, found \(charts) svg elements")
        #expect(page.dom.components(separatedBy: "<polygon class=\"level\"").count - 1 == 6)
        #expect(!page.dom.contains("<script"))
        let consoleLines = page.log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleLines.isEmpty, "console output: \(consoleLines)")
    }

    @Test("the console capture does see script errors (so the check above can fail)",
          .enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium); CI installs it"))
    func consoleCaptureWorks() throws {
        let dir = try TemporaryDirectory()
        let page = try dir.write("broken.html", "<!DOCTYPE html><html><body><p>x</p><script>notDefinedAnywhere();</script></body></html>")
        let rendered = try Self.render(page)
        #expect(rendered.log.contains("CONSOLE"))
        #expect(rendered.log.contains("notDefinedAnywhere"))
    }
}
