/// The studio's style sheet and script, served from `/static/` (the content security policy
/// allows no inline script or style). Hand-written, no build step, nothing fetched from a CDN.
enum StudioAssets {
    static let style = #"""
:root{--fg:#1d2330;--muted:#5b6478;--line:#dde2ea;--bg:#f4f6fa;--panel:#fff;--ok:#2e7d32;--bad:#c62828;--warn:#b26a00;--accent:#3f51b5}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.top{display:flex;align-items:center;gap:18px;padding:10px 24px;background:#1d2330;color:#fff}
header.top a{color:#dfe4f5;text-decoration:none}header.top a:hover,header.top a.active{color:#fff;text-decoration:underline}
.brand{font-weight:700;color:#fff!important}nav{display:flex;gap:14px;flex:1;align-items:center}.sep{color:#8a93a6}
.who{color:#dfe4f5;font-size:14px}.role{font-size:12px;background:#3f51b5;border-radius:8px;padding:1px 7px;margin-left:4px}
button.link{background:none;border:none;color:#dfe4f5;cursor:pointer;text-decoration:underline;font:inherit;padding:0 0 0 8px}
main{max-width:1200px;margin:0 auto;padding:20px 24px}
h1{font-size:24px;margin:4px 0 14px}h2{font-size:18px;margin:0 0 10px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:16px 0}
.panel.narrow{max-width:420px;margin:40px auto}
.muted{color:var(--muted)}.small{font-size:13px}.error{color:var(--bad)}
label{display:block;margin:8px 0}label.block textarea{display:block;width:100%}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #c5ccd8;border-radius:6px;background:#fff}
textarea{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
button{font:inherit;padding:7px 14px;border:1px solid #c5ccd8;border-radius:6px;background:#fff;cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button:disabled{opacity:.5;cursor:default}
form.inline{display:flex;gap:8px;align-items:center;flex-wrap:wrap}form.inline input{width:200px}
form.grid label{max-width:640px}form.grid input:not([type=radio]):not([type=checkbox]){width:100%}
fieldset{border:1px solid var(--line);border-radius:8px;max-width:640px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:13px}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}th.center,td.center{text-align:center}
tr.flagged td{background:#fdecea}.flag{color:#fff;background:var(--bad);border-radius:8px;padding:1px 8px;font-size:12px;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
.card{flex:1 1 160px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px}
.card .value{font-size:26px;font-weight:700;font-variant-numeric:tabular-nums}.card .label{color:var(--muted);font-size:13px}
.card.ok{border-left:5px solid var(--ok)}.card.bad{border-left:5px solid var(--bad)}.card.warn{border-left:5px solid var(--warn)}
.gate.ok{border-left:5px solid var(--ok)}.gate.bad{border-left:5px solid var(--bad)}.gate.ok .verdict{color:var(--ok)}.gate.bad .verdict{color:var(--bad)}
code,kbd,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
kbd{border:1px solid #c5ccd8;border-bottom-width:2px;border-radius:4px;padding:0 5px;background:#f6f8fb;color:var(--fg)}
pre{background:#f6f8fb;border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto}
blockquote{margin:6px 0;padding:2px 12px;border-left:3px solid #c5ccd8;color:#39404f;word-break:break-word}blockquote p{margin:4px 0}
.markdown table{margin:8px 0}
.annotate-layout{display:grid;grid-template-columns:minmax(0,2fr) minmax(260px,1fr);gap:20px}
@media (max-width:900px){.annotate-layout{grid-template-columns:1fr}}
.bar{display:flex;align-items:baseline;gap:16px}.bar h1{margin:0}
.item{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:12px 0}
.item-meta{font-size:13px;color:var(--muted);margin-bottom:8px}
.item-body{max-height:55vh;overflow:auto}
.text,.turn .content{white-space:pre-wrap;word-break:break-word;font-size:16px}
.turns{display:flex;flex-direction:column;gap:10px}
.turn{border-radius:10px;padding:8px 12px;max-width:92%}.turn .speaker{font-size:12px;font-weight:700;color:var(--muted);text-transform:uppercase}
.turn.user{background:#eef1fb;align-self:flex-start}.turn.assistant{background:#e8f5f3;align-self:flex-end}
.turn.system,.turn.tool,.turn.other{background:#f3f3f3}
.done{font-size:18px;color:var(--ok)}
.answer{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.choices{display:flex;flex-wrap:wrap;gap:8px}
.choice{padding:9px 14px;font-size:15px}.choice.selected{background:var(--accent);color:#fff;border-color:var(--accent)}
.choice.selected kbd{background:#5c6bc0;color:#fff;border-color:#7986cb}
.actions{display:flex;gap:8px;margin-top:12px;flex-wrap:wrap}
.status{min-height:1.5em;margin:8px 0 0}.status.ok{color:var(--ok)}.status.bad{color:var(--bad)}
.guide{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;align-self:start;max-height:85vh;overflow:auto}
summary{cursor:pointer;font-weight:600}
svg{max-width:100%;height:auto;display:block}figure{margin:8px 0}figcaption{color:var(--muted);font-size:13px}
.windows{margin:0 0 8px}
"""#
}
