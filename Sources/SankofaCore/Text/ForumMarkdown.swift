/// The forum's Markdown: CommonMark with GitHub's tables, strikethrough and autolinks, rendered by
/// Debian's libcmark-gfm (the README's "Markdown in the forum" says why it and not Ink), never by a
/// parser of ours. What cmark gives is then made safe and ours on its tree, not on its HTML:
/// - raw HTML is dropped (cmark's safe mode writes `<!-- raw HTML omitted -->` in its place);
/// - a link stays a link only when it goes to http(s) or to a path of this site (one "/", not the
///   protocol-relative "//host"); any other (`javascript:`, `data:`, `mailto:` ...) becomes its
///   text. Links carry `rel="nofollow ugc noopener"`: members' links vouch for nothing;
/// - an image becomes a link to the image, its alt text the link's text: an inline `<img>` from
///   any host would load on every reading (a tracker on whoever opens the thread, and weight on
///   slow connections the reader did not choose), while a link loads only for who follows it;
/// - `@handle` in text (not in code, not inside a link) links to the member the caller resolves.
/// Input cmark would spend seconds on (Debian 12's version predates upstream's fixes of several
/// quadratic cases) is refused by `ForumMarkdownLimits` before parsing: shown as plain text, or
/// parsed without the extension at fault.
public enum ForumMarkdown {
    /// Longest post in characters: the forum form refuses longer ones; `html` shows longer text as
    /// plain paragraphs without parsing it.
    public static let maximumLength = 100_000

    /// At most this many distinct handles of one post are looked up, linked and notified: a post
    /// naming thousands of members is spam, and each lookup may cost a query.
    public static let maximumMentions = 50

    /// The post as HTML to place inside a page. `mentions` gives the path of a member's page for a
    /// handle (nil: no such member, the text stays); `sitePath` says whether a path starting with a
    /// single "/" is one the site serves (links elsewhere become text like unsafe ones).
    public static func html(
        _ markdown: String,
        mentions: (String) -> String? = { _ in nil },
        sitePath: (String) -> Bool = { $0.hasPrefix("/") }
    ) -> String {
        guard let document = MarkdownDocument(markdown) else { return ForumMarkdownLimits.plainHTML(markdown) }
        let tree = document.collect()
        var resolved: [String: String?] = [:]
        for text in tree.texts {
            document.linkMentions(in: text) { handle in
                if let known = resolved[handle] { return known }
                guard resolved.count < maximumMentions else { return nil }
                let path = mentions(handle).flatMap { isAllowed($0, sitePath: sitePath) ? $0 : nil }
                resolved[handle] = path
                return path
            }
        }
        for node in tree.nested { document.unwrap(node) }
        for anchor in tree.anchors {
            let url = document.url(of: anchor)
            if isAllowed(url, sitePath: sitePath) {
                document.replaceWithAnchor(anchor, href: url, title: document.title(of: anchor))
            } else {
                document.unwrap(anchor)
            }
        }
        return document.html()
    }

    /// Handles mentioned in the post outside code and links, in order, each once (at most
    /// `maximumMentions`): whom the forum notifies. The same reading as `html`'s.
    public static func mentions(in markdown: String) -> [String] {
        guard let document = MarkdownDocument(markdown) else { return [] }
        var handles: [String] = []
        for text in document.collect().texts {
            for handle in MentionScanner.handles(in: document.literal(of: text))
            where !handles.contains(handle) && handles.count < maximumMentions {
                handles.append(handle)
            }
        }
        return handles
    }

    /// Destinations of the post's links that `html` keeps as links (http(s) and site paths; not
    /// images), in order, each once: what the forum shows as cards of practices, experts, threads.
    public static func links(in markdown: String) -> [String] {
        guard let document = MarkdownDocument(markdown) else { return [] }
        var urls: [String] = []
        for anchor in document.collect().anchors where document.isLink(anchor) {
            let url = document.url(of: anchor)
            if isAllowed(url, sitePath: { _ in true }), !urls.contains(url) { urls.append(url) }
        }
        return urls
    }

    /// http(s) anywhere, or a path of this site: a single "/" then not "/" or "\" (browsers read
    /// both `//host` and `/\host` as another host). Checked on the destination cmark decoded, so
    /// `javascript&#58;` and backslash escapes are already what a browser would see; a control
    /// character (which browsers strip: `/\t/host`) refuses the link.
    static func isAllowed(_ url: String, sitePath: (String) -> Bool) -> Bool {
        guard !url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return true }
        let bytes = Array(url.utf8.prefix(2))
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count == 2, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return false }
        return sitePath(url)
    }
}
