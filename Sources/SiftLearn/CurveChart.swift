import Foundation
import SiftReport

/// The learning-curve figure: the metric per size (points, one per repeat, and the mean), its 95%
/// band, the fitted power law and the target, on a logarithmic size axis. Inline SVG.
enum CurveChart {
    static func svg(_ report: CurveReport, width: Int = 720, height: Int = 300) -> String {
        let left = 52.0, right = 24.0, top = 24.0, bottom = 44.0
        let sizes = report.points.map { Double($0.size) }
        var xMin = log10(sizes.first!), xMax = log10(sizes.last!)
        if report.forecast.verdict == .needs, let n = report.forecast.examples { xMax = max(xMax, log10(Double(n))) }
        if xMax - xMin < 0.5 { xMin -= 0.25; xMax += 0.25 }
        var values = report.points.flatMap { $0.scores + [$0.low, $0.high] } + [report.target]
        if let fit = report.fit { values.append(1 - fit.c) }
        let yMin = max(0, floor((values.min()! - 0.05) * 10) / 10), yMax = min(1, ceil((values.max()! + 0.02) * 10) / 10)
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        func x(_ n: Double) -> Double { left + plotWidth * (log10(n) - xMin) / (xMax - xMin) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (min(max(v, yMin), yMax) - yMin) / max(yMax - yMin, 1e-9)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let title = "\(report.metricName) by training size"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escapeHTML(title))\">"
        out += "<title>\(escapeHTML(title))</title>"
        for k in 0...4 {
            let v = yMin + (yMax - yMin) * Double(k) / 4
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(Double(width) - right))\" y2=\"\(f(y(v)))\" stroke=\"#e3e7ee\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6478\">\(String(format: "%.2f", v))</text>"
        }
        var decade = pow(10, floor(xMin))
        while log10(decade) <= xMax + 1e-9 {
            for m in [1.0, 2, 5] where log10(decade * m) >= xMin - 1e-9 && log10(decade * m) <= xMax + 1e-9 {
                let px = x(decade * m)
                out += "<line x1=\"\(f(px))\" y1=\"\(f(top))\" x2=\"\(f(px))\" y2=\"\(f(top + plotHeight))\" stroke=\"#eef1f5\"/>"
                out += "<text x=\"\(f(px))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5b6478\">\(escapeHTML(Format.count(Int(decade * m))))</text>"
            }
            decade *= 10
        }
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(height - 6)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6478\">training examples (log scale)</text>"
        // Band.
        let upper = report.points.map { "\(f(x(Double($0.size)))),\(f(y($0.high)))" }
        let lower = report.points.reversed().map { "\(f(x(Double($0.size)))),\(f(y($0.low)))" }
        out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#3f51b5\" fill-opacity=\"0.15\" stroke=\"none\"><title>95% band over repeats</title></polygon>"
        // Target.
        out += "<line x1=\"\(f(left))\" y1=\"\(f(y(report.target)))\" x2=\"\(f(Double(width) - right))\" y2=\"\(f(y(report.target)))\" stroke=\"#c62828\" stroke-dasharray=\"5 4\"/>"
        out += "<text x=\"\(f(Double(width) - right))\" y=\"\(f(y(report.target) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#c62828\">target \(String(format: "%.3f", report.target))</text>"
        // Fitted curve.
        if let fit = report.fit {
            var path = ""
            for i in 0...80 {
                let n = pow(10, xMin + (xMax - xMin) * Double(i) / 80)
                path += "\(i == 0 ? "M" : "L")\(f(x(n))) \(f(y(1 - fit.error(at: n)))) "
            }
            out += "<path d=\"\(path)\" fill=\"none\" stroke=\"#ef6c00\" stroke-width=\"2\" stroke-dasharray=\"6 3\"><title>fit: error(n) = \(String(format: "%.3g", fit.a))·n^-\(String(format: "%.3g", fit.b)) + \(String(format: "%.3g", fit.c))</title></path>"
        }
        // Points.
        out += "<path d=\"\(report.points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f(x(Double($0.element.size)))) \(f(y($0.element.mean)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#3f51b5\" stroke-width=\"2\"/>"
        for point in report.points {
            for score in point.scores {
                out += "<circle cx=\"\(f(x(Double(point.size))))\" cy=\"\(f(y(score)))\" r=\"2.5\" fill=\"#9fa8da\"/>"
            }
            out += "<circle cx=\"\(f(x(Double(point.size))))\" cy=\"\(f(y(point.mean)))\" r=\"4\" fill=\"#3f51b5\"><title>\(point.size): \(String(format: "%.4f", point.mean)) (\(String(format: "%.4f", point.low))–\(String(format: "%.4f", point.high)))</title></circle>"
        }
        return out + "</svg>"
    }
}
