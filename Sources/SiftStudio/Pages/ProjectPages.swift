import SiftCore
import SiftLabel
import SiftReport

extension Pages {
    static func dashboard(_ session: StudioSession, projects: [ProjectInfo]) -> String {
        var body = "<h1>Projects</h1>"
        if projects.isEmpty {
            body += "<p class=\"muted\">No projects yet." + (session.user.role == .admin ? " Create one on the <a href=\"/admin\">admin page</a>." : "") + "</p>"
        } else {
            let rows = projects.map { p -> [String] in
                let base = "/projects/\(p.id)"
                var links = ["<a href=\"\(base)/annotate\">\(p.isReview ? "review" : "annotate")</a>", "<a href=\"\(base)/guidelines\">guidelines</a>"]
                if session.user.role.seesEveryone || !p.isBlindPilot { links.append("<a href=\"\(base)/agreement\">agreement</a>") }
                if session.user.role.seesEveryone { links.append("<a href=\"\(base)/monitor\">monitor</a>") }
                return ["<a href=\"\(base)\">\(escapeHTML(p.name))</a>", escapeHTML(p.spec.kind), escapeHTML(phaseText(p)),
                        escapeHTML(p.spec.options.prefix(8).joined(separator: ", ") + (p.spec.options.count > 8 ? ", …" : "")),
                        String(p.guidelineVersion), links.joined(separator: " · ")]
            }
            body += table(["project", "kind", "phase", "labels", "guidelines", ""], rows, numeric: [4])
        }
        return layout(Frame(title: "Projects", session: session, page: "projects"), body)
    }

    static func phaseText(_ p: ProjectInfo) -> String {
        p.phase == .pilot ? "blind pilot, round \(p.pilotRound)" : (p.hasPilot ? "scaling (after pilot)" : "labelling")
    }

    static func project(_ session: StudioSession, _ p: ProjectInfo, counts: [String: Int], progress: [Progress], remaining: Int,
                        pilotMembers: [String], rejects: (count: Int, first: [ImportReject])) -> String {
        let admin = session.user.role == .admin
        var body = "<h1>\(escapeHTML(p.name))</h1>"
        body += cards([
            ("kind", p.spec.kind + (p.spec.isMulti ? " (multi)" : ""), ""), ("phase", phaseText(p), p.phase == .pilot ? "warn" : ""),
            ("guideline version", String(p.guidelineVersion), ""), ("items", Format.count(counts.values.reduce(0, +)), ""),
            ("left in the queue", Format.count(remaining), ""),
        ])
        body += "<section class=\"panel\"><h2>Items</h2><p>"
        body += "\(Format.count(counts["data"] ?? 0)) items, \(Format.count(counts["pilot"] ?? 0)) in the pilot, \(Format.count(counts["gold"] ?? 0)) hidden gold items; "
        body += "overlap \(Format.fixed(p.overlap * 100, digits: 0))% (items labelled by two annotators). Source: <code>\(escapeHTML(p.source))</code>. "
        body += "Answers: \(escapeHTML(p.spec.options.joined(separator: ", "))).</p>"
        if !pilotMembers.isEmpty { body += "<p>Pilot annotators: \(escapeHTML(pilotMembers.joined(separator: ", "))).</p>" }
        body += "</section>"
        body += "<section class=\"panel\"><h2>Progress</h2>"
        body += progress.isEmpty ? "<p class=\"muted\">Nobody has started.</p>" : table(
            ["annotator", "assigned this phase", "done this phase", "labels in all"],
            progress.map { [escapeHTML($0.annotator), Format.count($0.assigned), Format.count($0.done), Format.count($0.labels)] }, numeric: [1, 2, 3])
        body += "</section>"
        if session.user.role.seesEveryone {
            let base = "/api/projects/\(p.id)/export"
            body += "<section class=\"panel\"><h2>Export</h2><p><a href=\"\(base)?format=long\" download=\"labels.jsonl\">labels (long, for sift agree)</a> · "
            body += "<a href=\"\(base)?format=long&amp;as=csv\" download=\"labels.csv\">CSV</a> · <a href=\"\(base)?format=labelstudio\" download=\"labelstudio.json\">Label Studio JSON</a>"
            if p.isReview { body += " · <a href=\"\(base)?format=review\" download=\"review.done.jsonl\">review file (for sift synth accept)</a>" }
            body += "</p></section>"
        }
        if admin {
            body += "<section class=\"panel\"><h2>Phase</h2><p id=\"phase-status\" class=\"muted\"></p>"
            if p.phase == .pilot { body += "<button type=\"button\" id=\"start-scale\" class=\"primary\">End the pilot and scale up</button> " }
            if p.hasPilot { body += "<button type=\"button\" id=\"repilot\">Pilot again (new round, after refining the guidelines)</button>" }
            body += "</section>"
        }
        if rejects.count > 0 {
            body += "<section class=\"panel\"><h2>Input records not imported (\(Format.count(rejects.count)))</h2>"
            body += table(["where", "reason"], rejects.first.map { ["<code>\(escapeHTML("\($0.file):\($0.line)"))</code>", escapeHTML($0.reason)] })
            body += "</section>"
        }
        return layout(Frame(title: p.name, session: session, page: "project", project: p), body)
    }

    static func guidelines(_ session: StudioSession, _ p: ProjectInfo, versions: [GuidelineVersion]) -> String {
        var body = "<h1>Guidelines</h1>"
        if versions.isEmpty { body += "<p class=\"muted\">No guidelines published yet.</p>" }
        for v in versions.reversed() {
            body += "<section class=\"panel guideline\" id=\"v\(v.version)\"><h2>Version \(v.version)"
            body += "<span class=\"muted small\"> · \(escapeHTML(isoTime(v.createdAt)))\(v.createdBy.map { " · " + escapeHTML($0) } ?? "")</span></h2>"
            body += "<div class=\"markdown\">" + SafeMarkdown.html(v.markdown) + "</div></section>"
        }
        if session.user.role == .admin {
            body += "<section class=\"panel\"><h2>Publish a new version</h2>"
            body += "<p class=\"muted\">Labels made from now on record the new version; pilot again to compare agreement before and after.</p>"
            body += "<form id=\"guidelines-form\"><textarea id=\"guidelines-markdown\" rows=\"14\">\(escapeHTML(versions.last?.markdown ?? ""))</textarea>"
            body += "<button type=\"submit\" class=\"primary\">Publish</button> <span id=\"guidelines-status\" role=\"status\"></span></form></section>"
        }
        return layout(Frame(title: "Guidelines · \(p.name)", session: session, page: "guidelines", project: p, active: "guidelines"), body)
    }

    static func annotate(_ session: StudioSession, _ p: ProjectInfo, first: ItemView?, guidelines: GuidelineVersion?) -> String {
        var body = "<div class=\"annotate-layout\"><div class=\"work\">"
        body += "<div class=\"bar\"><h1>\(escapeHTML(p.name))</h1><span id=\"progress\" class=\"muted\"></span></div>"
        body += "<section id=\"item\" class=\"item\" data-key=\"\(escapeHTML(first?.key ?? ""))\">"
        body += "<div class=\"item-meta\">item <code id=\"item-key\">\(escapeHTML(first?.key ?? ""))</code> <span id=\"item-state\" class=\"muted\"></span></div>"
        body += "<div id=\"item-body\" class=\"item-body\">" + (first.map { itemBody($0.text, turns: $0.turns) } ?? "") + "</div>"
        body += "<p id=\"done\" class=\"done\"\(first == nil ? "" : " hidden")>Nothing left for you here. Thank you!</p>"
        body += "</section>"
        body += "<section class=\"answer\"><div id=\"choices\" class=\"choices\" data-multi=\"\(p.spec.isMulti)\" data-kind=\"\(p.spec.kind)\">"
        for (i, option) in p.spec.options.enumerated() {
            let key = i < 9 ? "<kbd>\(i + 1)</kbd> " : (i == 9 ? "<kbd>0</kbd> " : "")
            body += "<button type=\"button\" class=\"choice\" data-index=\"\(i)\" data-value=\"\(escapeHTML(option))\">\(key)\(escapeHTML(option))</button>"
        }
        body += "</div>"
        if p.isReview {
            body += "<label class=\"block\">Note <textarea id=\"note\" rows=\"2\" placeholder=\"why (optional for accept)\"></textarea></label>"
            body += "<div id=\"edit-fields\" hidden><label class=\"block\">Corrected prompt <textarea id=\"edit-prompt\" rows=\"3\"></textarea></label>"
            body += "<label class=\"block\">Corrected response <textarea id=\"edit-response\" rows=\"6\"></textarea></label></div>"
        }
        body += "<div class=\"actions\"><button type=\"button\" id=\"submit\" class=\"primary\">Submit <kbd>Enter</kbd></button>"
        body += "<button type=\"button\" id=\"prev\"><kbd>←</kbd> previous</button><button type=\"button\" id=\"forward\">next <kbd>→</kbd></button>"
        body += "<button type=\"button\" id=\"undo\">undo <kbd>u</kbd></button></div>"
        body += "<p id=\"status\" class=\"status\" role=\"status\"></p></section>"
        body += "<p class=\"muted small\">Keys: number keys pick \(p.spec.isMulti ? "(and unpick) labels" : "a label"), Enter submits, ← and → move through your items, u undoes your last label.</p>"
        body += "</div><aside class=\"guide\"><details open><summary>Guidelines\(guidelines.map { " (version \($0.version))" } ?? "")</summary>"
        body += guidelines.map { "<div class=\"markdown\">" + SafeMarkdown.html($0.markdown) + "</div>" } ?? "<p class=\"muted\">No guidelines published.</p>"
        body += "</details></aside></div>"
        return layout(Frame(title: "Annotate · \(p.name)", session: session, page: "annotate", project: p, active: "annotate"), body)
    }

    static func agreement(_ session: StudioSession, _ p: ProjectInfo, _ a: StudioAgreement) -> String {
        let report = a.report
        let c = report.coefficients
        var body = "<h1>Agreement</h1>"
        body += "<p class=\"muted\">The numbers of <code>\(escapeHTML(a.json["studio"]?["command"]?.stringValue ?? "sift agree"))</code> on this project's export.</p>"
        let headline = report.headline.value
        body += "<div class=\"cards\">"
        body += "<div class=\"card \(report.passed ? "ok" : "bad")\"><div class=\"value\" id=\"headline-kappa\" data-value=\"\(headline.map { String($0) } ?? "")\">\(escapeHTML(figure(report.headline)))</div>"
        body += "<div class=\"label\">Cohen's kappa, mean of pairs: \(report.passed ? "passes" : "below") the \(Format.fixed(report.options.threshold, digits: 1)) gate</div></div>"
        body += "<div class=\"card\"><div class=\"value\" id=\"fleiss-kappa\">\(escapeHTML(figure(c.fleiss.kappa)))</div><div class=\"label\">Fleiss' kappa</div></div>"
        body += "<div class=\"card\"><div class=\"value\" id=\"krippendorff-alpha\">\(escapeHTML(figure(c.alpha[.nominal] ?? .undefined(""))))</div><div class=\"label\">Krippendorff's alpha (nominal)</div></div>"
        body += "<div class=\"card\"><div class=\"value\">\(escapeHTML(percent(c.percentAgreement.value)))</div><div class=\"label\">percent agreement</div></div>"
        body += "<div class=\"card\"><div class=\"value\">\(Format.count(report.comparedItems))</div><div class=\"label\">items with 2+ labels (of \(Format.count(report.table.itemCount)))</div></div>"
        body += "</div>"
        if let gate = a.gate {
            body += "<section class=\"panel gate \(gate.passed ? "ok" : "bad")\" id=\"pilot-gate\"><h2>Pilot gate: <span class=\"verdict\">\(gate.passed ? "PASS" : "FAIL")</span></h2>"
            body += "<p>Round \(gate.round): Cohen's kappa \(escapeHTML(figure(gate.value))) on \(Format.count(gate.items)) pilot items (\(Format.count(gate.labels)) labels); the bar is \(Format.fixed(gate.threshold, digits: 1)).</p>"
            if let reason = gate.value.reason { body += "<p class=\"muted\">\(escapeHTML(reason))</p>" }
            body += "</section>"
        }
        if !c.pairs.isEmpty {
            body += "<section class=\"panel\"><h2>Pairs of annotators</h2>"
            body += table(["annotator", "annotator", "items", "agreement", "Cohen's kappa"], c.pairs.map { pair in
                let (x, y) = report.names(pair)
                return [escapeHTML(x), escapeHTML(y), Format.count(Int(pair.items)), Format.fixed(pair.agreement, digits: 3), escapeHTML(figure(pair.kappa))]
            }, numeric: [2, 3, 4])
            let bars = c.pairs.compactMap { pair -> (label: String, value: Double)? in
                guard let k = pair.kappa.value else { return nil }
                let (x, y) = report.names(pair)
                return ("\(x) / \(y)", max(0, k))
            }
            if !bars.isEmpty { body += "<figure>" + SVGChart.horizontalBars(Array(bars.prefix(30)), title: "Cohen's kappa per pair", valueFormat: { Format.fixed($0, digits: 3) }) + "</figure>" }
            body += "</section>"
        }
        if !a.versions.isEmpty {
            body += "<section class=\"panel\"><h2>By guideline version</h2><p class=\"muted\">Each annotator's last label on an item under each version: agreement before and after a refinement.</p>"
            body += table(["version", "labels", "items (2+ labels)", "Cohen's kappa", "Fleiss' kappa", "alpha", "percent agreement"], a.versions.map { v in
                [String(v.version), Format.count(v.labels), "\(Format.count(v.items)) (\(Format.count(v.itemsCompared)))", escapeHTML(figure(v.cohenKappa)),
                 escapeHTML(figure(v.fleissKappa)), escapeHTML(figure(v.alpha)), escapeHTML(percent(v.percentAgreement.value))]
            }, numeric: [0, 1, 3, 4, 5, 6])
            body += "</section>"
        }
        if !a.goldQA.isEmpty {
            body += "<section class=\"panel\"><h2>Gold accuracy</h2><p class=\"muted\">Hidden gold items; 95% Wilson intervals. Flagged: even the interval's upper end is below \(Format.fixed(StudioStore.goldThreshold * 100, digits: 0))%.</p>"
            body += table(["annotator", "gold items", "correct", "accuracy", "95% interval", ""], a.goldQA.map { g in
                [escapeHTML(g.annotator), Format.count(g.items), Format.count(g.correct), escapeHTML(percent(g.accuracy)),
                 "\(percent(g.interval.lower)) – \(percent(g.interval.upper))", g.flagged ? "<span class=\"flag\">flagged</span>" : ""]
            }, numeric: [1, 2, 3], rowClasses: a.goldQA.map { $0.flagged ? "flagged" : "" })
            body += "</section>"
        }
        body += "<section class=\"panel feedback\"><h2>Guideline feedback</h2><div class=\"markdown\">"
        body += SafeMarkdown.html(GuidelineFeedback.markdown(report, texts: a.texts))
        body += "</div></section>"
        return layout(Frame(title: "Agreement · \(p.name)", session: session, page: "agreement", project: p, active: "agreement"), body)
    }

    static func noAgreement(_ session: StudioSession, _ p: ProjectInfo, reason: String) -> String {
        layout(Frame(title: "Agreement · \(p.name)", session: session, page: "agreement", project: p, active: "agreement"),
               "<h1>Agreement</h1><section class=\"panel\"><p>Not measurable yet: \(escapeHTML(reason))</p></section>")
    }

    static func monitor(_ session: StudioSession, _ p: ProjectInfo, _ series: MonitorSeries) -> String {
        var body = "<h1>Monitor</h1><p class=\"windows\">Window: "
        body += TimeWindow.allCases.map { w in
            w == series.window ? "<strong>\(w.rawValue)</strong>" : "<a href=\"/projects/\(p.id)/monitor?window=\(w.rawValue)\">\(w.rawValue)</a>"
        }.joined(separator: " · ") + "</p>"
        let windows = series.windows
        if windows.isEmpty {
            body += "<section class=\"panel\"><p class=\"muted\">No labels with two annotators or gold answers yet.</p></section>"
        } else {
            let labels = windows.map { TimeWindows.date($0.start) }
            var lines = [SVGChart.Series(name: "agreement (Cohen's kappa)", color: "#3f51b5", values: windows.map { $0.agreement.value }, alerts: windows.map(\.agreementDrop))]
            if windows.contains(where: { $0.goldItems > 0 }) {
                lines.append(SVGChart.Series(name: "gold accuracy", color: "#26a69a", values: windows.map(\.goldAccuracy), alerts: windows.map(\.goldDrop)))
            }
            body += "<section class=\"panel\"><h2>Agreement and gold accuracy per \(series.window.rawValue)</h2><figure id=\"monitor-chart\">"
            body += SVGChart.lines(lines, xLabels: labels, title: "Agreement and gold accuracy per \(series.window.rawValue)", yRange: -0.2...1,
                                   references: [("kappa gate 0.7", StudioStore.gateThreshold)])
            body += "<figcaption>Red points: a drop of \(Format.fixed(StudioStore.dropSize, digits: 1)) or more from the window before, or below the gate (0.7 kappa, 80% gold accuracy).</figcaption></figure>"
            body += table(["from", "items", "labels", "Cohen's kappa", "gold items", "gold accuracy", ""], windows.map { w in
                [escapeHTML(TimeWindows.date(w.start)), Format.count(w.items), Format.count(w.labels), escapeHTML(figure(w.agreement)), Format.count(w.goldItems),
                 escapeHTML(percent(w.goldAccuracy)), (w.agreementDrop || w.goldDrop) ? "<span class=\"flag\">drop</span>" : ""]
            }, numeric: [1, 2, 3, 4, 5], rowClasses: windows.map { $0.agreementDrop || $0.goldDrop ? "flagged" : "" })
            body += "</section>"
        }
        return layout(Frame(title: "Monitor · \(p.name)", session: session, page: "monitor", project: p, active: "monitor"), body)
    }

    static func admin(_ session: StudioSession, users: [StudioUser]) -> String {
        var body = "<h1>Admin</h1><section class=\"panel\"><h2>Users</h2>"
        body += table(["name", "role"], users.map { [escapeHTML($0.name), $0.role.rawValue] })
        body += """
        <form id="user-form" class="inline"><input id="user-name" placeholder="name" required>
        <select id="user-role"><option>annotator</option><option>reviewer</option><option>admin</option></select>
        <button type="submit">Add user</button></form>
        <p class="muted">The password is shown once: <output id="user-password"></output></p></section>
        <section class="panel"><h2>New project</h2>
        <form id="project-form" class="grid">
        <label>Name <input id="project-name" required></label>
        <label>Items (JSONL, JSON, CSV/TSV, gzip; or a <code>sift synth review</code> file) <input id="project-data" type="file" required></label>
        <label>Text field (optional) <input id="project-text-field" placeholder="the record's own text"></label>
        <fieldset><legend>Answers</legend>
        <label><input type="radio" name="kind" value="labels" checked> labels <input id="project-labels" placeholder="positive,negative,neutral"></label>
        <label><input type="checkbox" id="project-multi"> several labels per item</label>
        <label><input type="radio" name="kind" value="scale"> rating scale <input id="project-scale" placeholder="1-5"></label>
        <label><input type="radio" name="kind" value="review"> review of synthetic data (accept / reject / edit)</label>
        </fieldset>
        <label>Guidelines (Markdown) <textarea id="project-guidelines" rows="6"></textarea></label>
        <label>Pilot items <input id="project-pilot" type="number" min="0" value="0"></label>
        <label>Pilot annotators <input id="project-pilot-annotators" placeholder="alice,bob,carol"></label>
        <label>Overlap (share of items given to two annotators) <input id="project-overlap" type="number" min="0" max="1" step="0.05" value="0.1"></label>
        <label>Gold items (optional) <input id="project-gold" type="file"></label>
        <button type="submit" class="primary">Create project</button>
        </form>
        <div id="project-result" role="status"></div></section>
        """
        return layout(Frame(title: "Admin", session: session, page: "admin", active: "admin"), body)
    }
}
