extension SVGChart {
    /// One line of a `lines` chart: a value per x position (nil: no point there), and which
    /// points to mark as alerts (drawn larger, in red, with "drop" in their tooltip).
    public struct Series: Sendable {
        public var name: String
        public var color: String
        public var values: [Double?]
        public var alerts: [Bool]

        public init(name: String, color: String, values: [Double?], alerts: [Bool] = []) {
            self.name = name
            self.color = color
            self.values = values
            self.alerts = alerts
        }
    }

    /// Lines over ordered x labels (time windows) on a fixed y range, with optional horizontal
    /// reference lines (a gate at 0.7, say) and a legend: agreement and accuracy over time.
    public static func lines(_ series: [Series], xLabels: [String], title: String, yRange: ClosedRange<Double> = 0...1,
                             references: [(label: String, value: Double)] = [], width: Int = 720, height: Int = 260,
                             valueFormat: (Double) -> String = { Format.fixed($0, digits: 3) }) -> String {
        let left = 44, right = 44, top = 28, bottom = 40
        let plotWidth = Double(width - left - right)
        let plotHeight = Double(height - top - bottom)
        let span = max(yRange.upperBound - yRange.lowerBound, 1e-9)
        func x(_ i: Int) -> Double { Double(left) + (xLabels.count > 1 ? plotWidth * Double(i) / Double(xLabels.count - 1) : plotWidth / 2) }
        func y(_ v: Double) -> Double { Double(top) + plotHeight * (1 - (min(max(v, yRange.lowerBound), yRange.upperBound) - yRange.lowerBound) / span) }
        var out = open(width: width, height: height, title: title)
        for k in 0...4 {
            let v = yRange.lowerBound + span * Double(k) / 4
            out += "<line x1=\"\(left)\" y1=\"\(fmt(y(v)))\" x2=\"\(width - right)\" y2=\"\(fmt(y(v)))\" stroke=\"#e3e7ee\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6478\">\(escapeHTML(Format.fixed(v, digits: 2)))</text>"
        }
        for reference in references {
            out += "<line x1=\"\(left)\" y1=\"\(fmt(y(reference.value)))\" x2=\"\(width - right)\" y2=\"\(fmt(y(reference.value)))\" stroke=\"#c62828\" stroke-dasharray=\"5 4\"/>"
            out += "<text x=\"\(width - right)\" y=\"\(fmt(y(reference.value) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#c62828\">\(escapeHTML(reference.label))</text>"
        }
        let labelEvery = max(1, xLabels.count / 8)
        for (i, label) in xLabels.enumerated() where i % labelEvery == 0 {
            out += "<text x=\"\(fmt(x(i)))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5b6478\">\(escapeHTML(label))</text>"
        }
        for (s, line) in series.enumerated() {
            var path = ""
            var pen = false
            for (i, value) in line.values.enumerated() {
                guard let value else { pen = false; continue }
                path += "\(pen ? "L" : "M")\(fmt(x(i))) \(fmt(y(value))) "
                pen = true
            }
            if !path.isEmpty { out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"/>" }
            for (i, value) in line.values.enumerated() {
                guard let value else { continue }
                let alert = i < line.alerts.count && line.alerts[i]
                let tip = "\(line.name) \(xLabels[i]): \(valueFormat(value))\(alert ? " (drop)" : "")"
                out += "<circle class=\"\(alert ? "point alert" : "point")\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(value)))\" r=\"\(alert ? 6 : 3.5)\" fill=\"\(alert ? "#c62828" : line.color)\"\(alert ? " stroke=\"#fff\" stroke-width=\"2\"" : "")><title>\(escapeHTML(tip))</title></circle>"
            }
            out += "<rect x=\"\(left + s * 240)\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(line.color)\"/>"
            out += "<text x=\"\(left + s * 240 + 18)\" y=\"18\" font-size=\"12\" fill=\"#1d2330\">\(escapeHTML(line.name))</text>"
        }
        return out + "</svg>"
    }
}
