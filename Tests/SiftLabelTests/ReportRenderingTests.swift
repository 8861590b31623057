import Testing
@testable import SiftLabel

@Suite("guideline feedback and HTML")
struct ReportRenderingTests {
    func report() throws -> AgreementReport {
        let rows: [[String?]] = [["<b>spam</b>", "ham"], ["ham", "ham"], ["<b>spam</b>", "ham"]]
        let table = try AnnotationTable.matrix(rows, annotators: ["ann|1", "bob"])
        var options = AgreementOptions()
        options.bootstrap = 50
        return try AgreementAnalysis.run(table, input: AnnotationInput(files: ["l.csv"], layout: .wide), options: options)
    }

    @Test("Markdown shows confused pairs with examples and texts, escaped")
    func markdown() throws {
        let r = try report()
        let md = GuidelineFeedback.markdown(r, texts: ["0": "line one\n<script>alert(1)</script> | pipe"])
        #expect(md.contains("## Most confused label pairs"))
        #expect(md.contains("&lt;b&gt;spam&lt;/b&gt; vs ham: 2 times"))
        #expect(md.contains("ann\\|1: **&lt;b&gt;spam&lt;/b&gt;**"))
        #expect(md.contains("> line one &lt;script&gt;alert(1)&lt;/script&gt; \\| pipe"))
        #expect(!md.contains("<script>"))
        #expect(md.contains("## Items with no majority"))
        #expect(Set(GuidelineFeedback.exampleItems(r)) == [0, 2])
    }

    @Test("HTML is self-contained and escapes dataset text")
    func html() throws {
        let html = AgreementHTML.document(try report(), texts: ["0": "<img src=x onerror=alert(1)>"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<img") && !html.contains("<b>spam"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<script"))
        #expect(html.contains("Confusion matrices"))
    }
}
