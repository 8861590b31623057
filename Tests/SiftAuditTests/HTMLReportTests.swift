import SiftAudit
import SiftCore
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    typealias F = AuditFixture

    @Test("dataset text is escaped: a script in a record never reaches the page as markup")
    func escaping() throws {
        let hostile = "<script>alert(1)</script>"
        let report = try F.audit([
            F.chat("x1", "Show me", hostile),
            F.chat("x2", "Show me again", hostile),
            F.chat("<img src=x onerror=alert(2)>", "Hi", "Hello."),
        ])
        let html = report.html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test("the page holds the pyramid, the four required charts and the sufficiency verdict")
    func content() throws {
        let lines = (0..<30).map { F.json(["id": .string("d\($0)"), "text": .string($0 % 5 == 0 ? "same text" : F.prose($0)), "label": .string($0 % 2 == 0 ? "a" : "b"),
                                          "updated_at": .string("2026-0\(1 + $0 % 9)-01")]) }
        let html = try F.audit(lines).html
        #expect(html.contains("class=\"chart pyramid\""))
        #expect(html.components(separatedBy: "<polygon class=\"level\"").count - 1 == 6)
        for title in ["Main text length", "Records per label", "Record age at 2026-11-24", "Duplicate clusters by size"] {
            #expect(html.contains("<h3>\(title)"), "\(title)")
        }
        #expect(html.contains("Enough data?"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(http"))
    }
}
