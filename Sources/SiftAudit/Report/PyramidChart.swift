import SiftReport

/// The quality pyramid as inline SVG: six stacked trapezoids, apex (uniqueness) on top and base
/// (accuracy) at the bottom, as in the source diagram, each coloured by its score from red (0)
/// through amber to green (100) so the weakest level shows at a glance.
enum PyramidChart {
    static func svg(scores: [(dimension: Dimension, score: Int)], width: Int = 640) -> String {
        let levelHeight = 50
        let gap = 4
        let height = scores.count * levelHeight + 10
        let center = Double(width) / 2
        let apex = 90.0
        let base = Double(width) - 40
        let step = (base - apex) / Double(scores.count)
        var out = "<svg class=\"chart pyramid\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Data quality pyramid\"><title>Data quality pyramid</title>"
        for (i, level) in scores.enumerated() {
            let top = apex + step * Double(i)
            let bottom = apex + step * Double(i + 1)
            let y0 = Double(5 + i * levelHeight)
            let y1 = y0 + Double(levelHeight - gap)
            let points = [(center - top / 2, y0), (center + top / 2, y0), (center + bottom / 2, y1), (center - bottom / 2, y1)]
                .map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
            out += "<polygon class=\"level\" points=\"\(points)\" fill=\"\(color(level.score))\"><title>\(escapeHTML(level.dimension.rawValue)): \(level.score)/100 (\(escapeHTML(level.dimension.question)))</title></polygon>"
            out += "<text x=\"\(fmt(center))\" y=\"\(fmt(y0 + Double(levelHeight - gap) / 2 + 5))\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\" fill=\"#ffffff\">\(escapeHTML(level.dimension.rawValue)) \(level.score)</text>"
        }
        return out + "</svg>"
    }

    /// Hue 0 (red) at score 0 to hue 120 (green) at 100, dark enough for white text.
    static func color(_ score: Int) -> String {
        "hsl(\(min(100, max(0, score)) * 6 / 5), 65%, 38%)"
    }

    static func fmt(_ value: Double) -> String { String((value * 10).rounded() / 10) }
}
