import Foundation
import Testing
@testable import SankofaCore

/// Forum posts' Markdown: what CommonMark and GitHub's extensions render, what never reaches a page
/// (raw HTML, links that are not http(s) or a site path), mentions, and hostile input's cost.
@Suite("Forum Markdown")
struct ForumMarkdownTests {
    static func html(_ markdown: String) -> String { ForumMarkdown.html(markdown) }

    @Test func emphasisListsQuotesAndCodeRender() {
        #expect(Self.html("*a **b** c* ~~gone~~") == "<p><em>a <strong>b</strong> c</em> <del>gone</del></p>\n")
        #expect(Self.html("- a\n  - b\n- c").contains("<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ul>"))
        #expect(Self.html("3. a\n4. b").hasPrefix(#"<ol start="3">"#))
        #expect(Self.html("> a\n>> b") == "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n")
        #expect(Self.html("```swift\nlet a = b < c\n```") == "<pre><code class=\"language-swift\">let a = b &lt; c\n</code></pre>\n")
        #expect(Self.html("`<b>` and snake_case_name") == "<p><code>&lt;b&gt;</code> and snake_case_name</p>\n")
        // One tilde is not strikethrough: "~5 km" stays as written.
        #expect(Self.html("~5 km to ~6 km") == "<p>~5 km to ~6 km</p>\n")
    }

    /// cmark-gfm's special characters are a global its parses change (MarkdownDocument.parsing):
    /// posts rendered on many threads at once each keep their strikethrough and table.
    @Test func postsRenderedAtOnceOnManyThreadsEachKeepTheirExtensions() async {
        let post = "*a* ~~gone~~ and more\n\n| x | y |\n|---|---|\n| 1 | 2 |\n"
        let rendered = await withTaskGroup(of: String.self) { group in
            for _ in 0..<400 { group.addTask { Self.html(post) } }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(rendered.allSatisfy { $0.contains("<del>gone</del>") && $0.contains("<table>") })
    }

    @Test func tablesRenderWithAlignment() {
        let html = Self.html("| Country | Year |\n|---|---:|\n| Ghana | 2019 |")
        #expect(html.contains("<table>") && html.contains("<th>Country</th>"))
        #expect(html.contains(#"<td align="right">2019</td>"#))
    }

    /// A quoted post arrives as a blockquote whose first line links to it.
    @Test func aQuoteOfAnotherPostKeepsItsLink() {
        let html = Self.html("> [Amina wrote](/en/forum/threads/12#post-40):\n> Seeds first.\n\nI agree.")
        #expect(html.hasPrefix("<blockquote>\n<p><a href=\"/en/forum/threads/12#post-40\" rel=\"nofollow ugc noopener\">Amina wrote</a>:"))
        #expect(html.contains("Seeds first.</p>\n</blockquote>\n<p>I agree.</p>"))
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "a <script>alert(1)</script> b",
        "<img src=x onerror=alert(1)>",
        "text <img src=x onerror=alert(1)> text",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div onclick=\"alert(1)\">\n*x*\n</div>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg><script>alert(1)</script></svg>",
        "<!-- a --><style>body{}</style>",
    ])
    func rawHTMLNeverAppears(markdown: String) {
        let html = Self.html(markdown).lowercased()
        for tag in ["<script", "<img", "<iframe", "<div", "<svg", "<style", "onerror", "onclick", "javascript:"] {
            #expect(!html.contains(tag), "\(markdown) -> \(html)")
        }
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](java&#x73;cript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](//evil.example/a)",
        "[x](/\\evil.example)",
        "[x](mailto:a@example.org)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "![x](//evil.example/pixel.gif)",
    ])
    func linksOtherThanHTTPAndSitePathsBecomeText(markdown: String) {
        let html = Self.html(markdown)
        #expect(!html.contains("<a"), "\(markdown) -> \(html)")
        #expect(!html.contains("<img"), "\(markdown) -> \(html)")
    }

    @Test func linksCarryRelAndImagesBecomeLinks() {
        #expect(Self.html("[a](https://example.org/x \"T\")")
            == "<p><a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\" title=\"T\">a</a></p>\n")
        #expect(Self.html("see https://example.org/a.")
            == "<p>see <a href=\"https://example.org/a\" rel=\"nofollow ugc noopener\">https://example.org/a</a>.</p>\n")
        #expect(Self.html("[r]\n\n[r]: /en/practices/seeds") == "<p><a href=\"/en/practices/seeds\" rel=\"nofollow ugc noopener\">r</a></p>\n")
        #expect(Self.html("![A map](https://example.org/map.png)")
            == "<p><a href=\"https://example.org/map.png\" rel=\"nofollow ugc noopener\">A map</a></p>\n")
        // An image in a link would be an anchor in an anchor: its alt text stays inside the link.
        #expect(Self.html("[![logo](https://example.org/l.png)](https://example.org)")
            == "<p><a href=\"https://example.org\" rel=\"nofollow ugc noopener\">logo</a></p>\n")
        // A path the site does not serve is refused like an unsafe link.
        #expect(ForumMarkdown.html("[a](/admin)", sitePath: { $0.hasPrefix("/en/") }) == "<p>a</p>\n")
        // Attribute text cannot break out of the quotes.
        #expect(Self.html("[a](https://example.org/\"onmouseover=x \"t\\\"\")").contains("href=\"https://example.org/&quot;onmouseover=x\""))
    }

    @Test func mentionsLinkKnownMembersOutsideCode() {
        let members = ["amina": "/en/members/amina", "jean-luc.b": "/en/members/jean-luc.b"]
        let html = ForumMarkdown.html(
            "Thanks @amina and @jean-luc.b. Ask @nobody, not `@amina`, x@amina or amina@example.org.\n\n    @amina\n\n[@amina](https://example.org)",
            mentions: { members[$0] }
        )
        #expect(html.hasPrefix("<p>Thanks <a class=\"mention\" href=\"/en/members/amina\">@amina</a> and "
            + "<a class=\"mention\" href=\"/en/members/jean-luc.b\">@jean-luc.b</a>. Ask @nobody, not <code>@amina</code>, x@amina or amina@example.org.</p>"))
        #expect(html.contains("<pre><code>@amina\n</code></pre>"))
        #expect(html.contains("<p><a href=\"https://example.org\" rel=\"nofollow ugc noopener\">@amina</a></p>"))
        // A resolver that answers something other than a site path links nothing.
        #expect(ForumMarkdown.html("@amina", mentions: { _ in "javascript:alert(1)" }) == "<p>@amina</p>\n")
    }

    @Test func mentionsAndLinksAreListed() {
        let post = "@amina and @Kofi_2, again @amina; `@code` a@b.org x@notme\n\n> @quoted\n\n"
            + "[p](/en/practices/seeds) https://example.org/x [bad](javascript:x) [p again](/en/practices/seeds) ![i](https://example.org/i.png) <//evil.example>"
        #expect(ForumMarkdown.mentions(in: post) == ["amina", "Kofi_2", "quoted"])
        #expect(ForumMarkdown.links(in: post) == ["/en/practices/seeds", "https://example.org/x"])
        let crowd = (0..<200).map { "@m\($0)" }.joined(separator: " ")
        #expect(ForumMarkdown.mentions(in: crowd).count == ForumMarkdown.maximumMentions)
    }

    @Test func quotesNestedAThousandDeepRenderBounded() {
        let markdown = String(repeating: ">", count: 1_000) + " deep"
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = Self.html(markdown) }
        #expect(elapsed < Self.bound(floor: .seconds(1)), "\(elapsed)")
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == 1_000)
        #expect(html.utf8.count < 30_000)
        #expect(html.contains("<p>deep</p>"))
    }

    /// The form refuses a post over the limit; the renderer shows such text as plain paragraphs
    /// without parsing it, quickly, and escaped.
    @Test func aMegabytePostIsTooLongAndStillRendersQuicklyAsText() {
        #expect(ForumMarkdown.maximumLength == 100_000)
        // Ordinary lines (none of ForumMarkdownLimits' other counts is reached): only the length refuses.
        let megabyte = String(repeating: "Seeds & water, see [the practice](https://e.org).\n", count: 20_000)
        #expect(megabyte.utf8.count >= 1_000_000 && megabyte.count > ForumMarkdown.maximumLength)
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = Self.html(megabyte) }
        #expect(elapsed < Self.bound(floor: .seconds(1)), "\(elapsed)")
        #expect(html.hasPrefix("<p>Seeds &amp; water, see [the practice](https://e.org).<br>\n"))
        #expect(!html.contains("<a "))
        #expect(ForumMarkdown.mentions(in: megabyte).isEmpty && ForumMarkdown.links(in: megabyte).isEmpty)
        // Just under the limit it is parsed.
        let long = String(("*Seeds* " + String(repeating: "Seeds are shared. ", count: 6_000)).prefix(ForumMarkdown.maximumLength))
        let parsed = Self.html(long).hasPrefix("<p><em>Seeds</em> Seeds are shared.")
        #expect(long.count == ForumMarkdown.maximumLength && parsed)
    }
}
