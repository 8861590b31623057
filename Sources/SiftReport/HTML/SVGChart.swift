/// Inline SVG charts for reports. Each returns a complete `<svg>` element with a `class="chart"`,
/// a `<title>` for accessibility, and escaped labels.
public enum SVGChart {
    public static let palette = ["#3f51b5", "#26a69a", "#ef6c00", "#8e24aa", "#c62828", "#2e7d32", "#6d4c41", "#00838f", "#ad1457", "#546e7a"]

    /// Horizontal bars, one per item, longest first as given: label distributions, finding counts.
    public static func horizontalBars(_ items: [(label: String, value: Double)], title: String, width: Int = 640,
                                      valueFormat: (Double) -> String = { Format.count(Int($0)) }) -> String {
        let rowHeight = 22
        let labelWidth = min(220, max(80, (items.map { $0.label.count }.max() ?? 8) * 7 + 10))
        let valueWidth = 70
        let barSpace = Double(width - labelWidth - valueWidth - 10)
        let peak = max(items.map(\.value).max() ?? 1, 1e-9)
        let height = max(rowHeight, items.count * rowHeight) + 8
        var out = open(width: width, height: height, title: title)
        for (i, item) in items.enumerated() {
            let y = 4 + i * rowHeight
            let length = max(1.0, barSpace * item.value / peak)
            let label = item.label.count > 32 ? String(item.label.prefix(31)) + "…" : item.label
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d2330\">\(escapeHTML(label))</text>"
            out += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(length))\" height=\"\(rowHeight - 6)\" rx=\"3\" fill=\"\(palette[i % palette.count])\"><title>\(escapeHTML(item.label)): \(escapeHTML(valueFormat(item.value)))</title></rect>"
            out += "<text x=\"\(fmt(Double(labelWidth) + length + 6))\" y=\"\(y + 15)\" font-size=\"12\" fill=\"#5b6478\">\(escapeHTML(valueFormat(item.value)))</text>"
        }
        return out + "</svg>"
    }

    /// Vertical columns over ordered bins: histograms of lengths or ages.
    public static func columns(_ bins: [(label: String, value: Double)], title: String, width: Int = 640, height: Int = 220,
                               color: String = "#3f51b5") -> String {
        let left = 48, bottom = 40, top = 10
        let plotWidth = Double(width - left - 10)
        let plotHeight = Double(height - bottom - top)
        let peak = max(bins.map(\.value).max() ?? 1, 1e-9)
        let step = bins.isEmpty ? 0 : plotWidth / Double(bins.count)
        var out = open(width: width, height: height, title: title)
        out += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" stroke=\"#8a93a6\"/>"
        out += "<text x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6478\">\(escapeHTML(Format.count(Int(peak))))</text>"
        out += "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6478\">0</text>"
        let labelEvery = max(1, bins.count / 10)
        for (i, bin) in bins.enumerated() {
            let h = plotHeight * bin.value / peak
            let x = Double(left) + Double(i) * step
            out += "<rect class=\"bar\" x=\"\(fmt(x + 1))\" y=\"\(fmt(Double(height - bottom) - h))\" width=\"\(fmt(max(1, step - 2)))\" height=\"\(fmt(h))\" fill=\"\(color)\"><title>\(escapeHTML(bin.label)): \(escapeHTML(Format.count(Int(bin.value))))</title></rect>"
            if i % labelEvery == 0 {
                out += "<text x=\"\(fmt(x + step / 2))\" y=\"\(height - bottom + 14)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5b6478\">\(escapeHTML(bin.label))</text>"
            }
        }
        return out + "</svg>"
    }

    static func open(width: Int, height: Int, title: String) -> String {
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escapeHTML(title))\"><title>\(escapeHTML(title))</title>"
    }

    static func fmt(_ value: Double) -> String { Format.fixed(value, digits: 1) }
}
