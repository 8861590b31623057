import Foundation
import Testing
@testable import SiftReport

@Suite("HTML reports")
struct HTMLReportTests {
    @Test("dataset text is escaped everywhere it can appear")
    func escaping() {
        var document = HTMLDocument(title: "<b>t</b>", subtitle: "a & b")
        let hostile = "<script>alert('x')</script>\u{01}"
        document.section("S\"", id: "x\"y", HTML.table(headers: ["<h>"], rows: [[.text(hostile)]]) + HTML.sample(hostile))
        document.append(SVGChart.horizontalBars([(hostile, 3)], title: hostile))
        let html = document.render()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\u{FFFD}"))
        #expect(html.contains("<title>&lt;b&gt;t&lt;/b&gt;</title>"))
        #expect(html.contains("id=\"x&quot;y\""))
    }

    @Test("charts are complete SVG elements with one bar per item")
    func charts() {
        let bars = SVGChart.horizontalBars([("a", 1), ("b", 4)], title: "labels")
        #expect(bars.hasPrefix("<svg") && bars.hasSuffix("</svg>"))
        #expect(bars.components(separatedBy: "class=\"bar\"").count == 3)
        let columns = SVGChart.columns([("0-10", 5), ("10-20", 0), ("20+", 2)], title: "lengths")
        #expect(columns.components(separatedBy: "class=\"bar\"").count == 4)
    }

    @Test("number formatting")
    func formatting() {
        #expect(Format.count(1234567) == "1,234,567")
        #expect(Format.percent(1, of: 3) == "33.3%")
        #expect(Format.fixed(2.0, digits: 2) == "2.00")
        #expect(Format.bytes(1_500_000) == "1.5 MB")
    }
}
