import SiftCore
import SiftLabel
import SiftReport

/// The studio's pages: HTML rendered on the server, every dataset string and every name escaped
/// (`escapeHTML`), Markdown through `SafeMarkdown`. Script comes only from `/static/studio.js`
/// (the content security policy forbids inline script), and it writes dataset text with
/// `textContent`, never as markup.
enum Pages {
    struct Frame {
        var title: String
        var session: StudioSession?
        var page: String
        var project: ProjectInfo?
        var active: String = ""
    }

    static func layout(_ frame: Frame, _ body: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escapeHTML(frame.title)) · Sift studio</title>\n"
        out += "<link rel=\"stylesheet\" href=\"/static/studio.css\">\n"
        out += "<script src=\"/static/studio.js\" defer></script>\n"
        if let session = frame.session { out += "<meta name=\"csrf-token\" content=\"\(escapeHTML(session.csrf))\">\n" }
        out += "</head>\n<body data-page=\"\(escapeHTML(frame.page))\""
        if let project = frame.project { out += " data-project=\"\(project.id)\"" }
        if let session = frame.session { out += " data-user=\"\(escapeHTML(session.user.name))\"" }
        out += ">\n<header class=\"top\"><a class=\"brand\" href=\"/\">Sift studio</a>"
        if let session = frame.session {
            out += "<nav><a href=\"/\">Projects</a>"
            if let project = frame.project {
                let base = "/projects/\(project.id)"
                out += "<span class=\"sep\">›</span><a href=\"\(base)\">\(escapeHTML(project.name))</a>"
                out += link(base + "/annotate", project.isReview ? "Review" : "Annotate", frame.active == "annotate")
                out += link(base + "/guidelines", "Guidelines", frame.active == "guidelines")
                if session.user.role.seesEveryone || !project.isBlindPilot {
                    out += link(base + "/agreement", "Agreement", frame.active == "agreement")
                }
                if session.user.role.seesEveryone { out += link(base + "/monitor", "Monitor", frame.active == "monitor") }
            }
            if session.user.role == .admin { out += link("/admin", "Admin", frame.active == "admin") }
            out += "</nav><span class=\"who\">\(escapeHTML(session.user.name)) <span class=\"role\">\(session.user.role.rawValue)</span>"
            out += " <button type=\"button\" id=\"logout\" class=\"link\">Sign out</button></span>"
        }
        out += "</header>\n<main>\n" + body + "\n</main>\n</body>\n</html>\n"
        return out
    }

    static func link(_ href: String, _ text: String, _ active: Bool) -> String {
        "<a href=\"\(href)\"\(active ? " class=\"active\"" : "")>\(escapeHTML(text))</a>"
    }

    static func errorPage(_ error: StudioError) -> String {
        layout(Frame(title: "\(error.status)", session: nil, page: "error"),
               "<section class=\"panel\"><h1>\(error.status)</h1><p class=\"error\">\(escapeHTML(error.message))</p><p><a href=\"/\">Back to the projects</a></p></section>")
    }

    static func login() -> String {
        layout(Frame(title: "Sign in", session: nil, page: "login"), """
        <section class="panel narrow">
        <h1>Sign in</h1>
        <form id="login-form" autocomplete="on">
        <label>Name <input id="login-name" name="name" autocomplete="username" required autofocus></label>
        <label>Password <input id="login-password" name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" class="primary">Sign in</button>
        <p id="login-error" class="error" role="alert"></p>
        </form>
        </section>
        """)
    }

    static func cards(_ cards: [(label: String, value: String, tone: String)]) -> String {
        "<div class=\"cards\">" + cards.map {
            "<div class=\"card \($0.tone)\"><div class=\"value\">\(escapeHTML($0.value))</div><div class=\"label\">\(escapeHTML($0.label))</div></div>"
        }.joined() + "</div>"
    }

    static func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], rowClasses: [String]? = nil) -> String {
        var out = "<table><thead><tr>"
        for (i, h) in headers.enumerated() { out += "<th\(numeric.contains(i) ? " class=\"num\"" : "")>\(escapeHTML(h))</th>" }
        out += "</tr></thead><tbody>"
        for (r, row) in rows.enumerated() {
            let cls = rowClasses.map { $0[r].isEmpty ? "" : " class=\"\($0[r])\"" } ?? ""
            out += "<tr\(cls)>"
            for (i, cell) in row.enumerated() { out += "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(cell)</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    static func figure(_ value: MetricValue) -> String { value.value.map { Format.fixed($0, digits: 3) } ?? "n/a" }

    static func percent(_ value: Double?) -> String { value.map { Format.fixed($0 * 100, digits: 1) + "%" } ?? "n/a" }

    /// An item's text: turns for conversations, else the text with whitespace kept; long texts
    /// scroll inside their box.
    static func itemBody(_ text: String, turns: [Turn]?) -> String {
        if let turns, !turns.isEmpty {
            return "<div class=\"turns\">" + turns.map {
                "<div class=\"turn \(escapeHTML(roleClass($0.role)))\"><div class=\"speaker\">\(escapeHTML($0.role))</div><div class=\"content\">\(escapeHTML($0.content))</div></div>"
            }.joined() + "</div>"
        }
        return "<div class=\"text\">\(escapeHTML(text))</div>"
    }

    static func roleClass(_ role: String) -> String {
        ["user", "assistant", "system", "tool"].contains(role) ? role : "other"
    }
}
