import Testing
@testable import SiftStudio

struct SafeMarkdownTests {
    @Test func markupInTheSourceIsText() {
        let html = SafeMarkdown.html("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> & co")
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;img src=x onerror=alert(1)&gt; &amp; co</p>\n")
    }

    @Test func onlySafeLinksBecomeLinks() {
        #expect(SafeMarkdown.inline("[a](https://example.org/x?y=1&z=2)") == "<a href=\"https://example.org/x?y=1&amp;z=2\" rel=\"noopener noreferrer\">a</a>")
        #expect(!SafeMarkdown.inline("[a](javascript:alert(1))").contains("<a"))
        #expect(!SafeMarkdown.inline("[a](\" onmouseover=\"x)").contains("<a"))
        #expect(!SafeMarkdown.inline("[a](//evil.example)").contains("<a"))
    }

    @Test func emphasisCodeEscapesAndReferences() {
        #expect(SafeMarkdown.inline("**bold** and *em* and `<code>`") == "<strong>bold</strong> and <em>em</em> and <code>&lt;code&gt;</code>")
        #expect(SafeMarkdown.inline("snake_case_name \\*not em\\*") == "snake_case_name *not em*")
        #expect(SafeMarkdown.inline("&lt;b&gt; &amp; &#39; &bogus") == "&lt;b&gt; &amp; &#39; &amp;bogus")
        #expect(SafeMarkdown.inline("**unclosed") == "<strong>unclosed</strong>")
    }

    @Test func blocks() {
        let html = SafeMarkdown.html("# Title\n\n- one\n- two\n\n1. first\n\n> quoted <b>\n\n| a | b |\n|---|---:|\n| x \\| y | 2 |\n\n```\n<raw>\n```\n---")
        #expect(html.contains("<h1>Title</h1>"))
        #expect(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
        #expect(html.contains("<ol>\n<li>first</li>\n</ol>"))
        #expect(html.contains("<blockquote><p>quoted &lt;b&gt;</p>\n</blockquote>"))
        #expect(html.contains("<td>x | y</td><td class=\"num\">2</td>"))
        #expect(html.contains("<pre><code>&lt;raw&gt;</code></pre>"))
        #expect(html.contains("<hr>"))
    }
}
