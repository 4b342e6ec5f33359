import CCmarkGFM
import Foundation

/// One post parsed by libcmark-gfm, and the few changes `ForumMarkdown` makes to its tree. Owns the
/// parser and the tree (freed together: the extensions the renderer needs belong to the parser).
/// Used by one call on one thread, never shared.
final class MarkdownDocument {
    /// What a walk of the tree found, before any change (cmark's iterator must not see the tree
    /// change under it).
    struct Nodes {
        /// Links and images not inside another: each becomes an anchor of ours or its text.
        var anchors: [OpaquePointer] = []
        /// Links and images inside a link or an image (an anchor in an anchor): their text only.
        var nested: [OpaquePointer] = []
        /// Text outside links and images, where a mention can be (code is never a text node).
        var texts: [OpaquePointer] = []
    }

    /// Safe mode: raw HTML and unsafe URLs omitted (the default since cmark-gfm 0.29, named here so
    /// that the intent is read where it matters). Strikethrough needs `~~`, not one `~`, so "~5 km"
    /// in a post about distances stays as written.
    private static let options = CMARK_OPT_SAFE | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE

    /// cmark's registry of extensions, filled once (its own registration is not thread-safe; a
    /// static is initialised once by Swift).
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// cmark-gfm 0.29 keeps the inline parser's table of special characters in a global: each
    /// parse adds its extensions' characters (`~` for strikethrough) while it processes inlines
    /// and takes them out afterwards, so two posts parsed at once on two threads could each lose
    /// the other's `~~` (github/cmark-gfm#221; seen as a strikethrough rendered as text when the
    /// tests rendered in parallel). Parses take turns; a post's parse is bounded by
    /// ``ForumMarkdownLimits``, and rendering the tree afterwards does not take the lock.
    private static let parsing = NSLock()

    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// Nil when the text is too long or too costly to parse (`ForumMarkdownLimits`).
    init?(_ markdown: String) {
        guard let plan = ForumMarkdownLimits.plan(for: markdown) else { return nil }
        _ = Self.registered
        guard let parser = cmark_parser_new(Self.options) else { return nil }
        for name in plan.extensions {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var text = markdown
        let root = Self.parsing.withLock {
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            return cmark_parser_finish(parser)
        }
        guard let root else {
            cmark_parser_free(parser)
            return nil
        }
        cmark_consolidate_text_nodes(root)
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    func collect() -> Nodes {
        var nodes = Nodes()
        var depth = 0
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                if event == CMARK_EVENT_EXIT {
                    depth -= 1
                } else {
                    if depth == 0 { nodes.anchors.append(node) } else { nodes.nested.append(node) }
                    depth += 1
                }
            } else if type == CMARK_NODE_TEXT, depth == 0 {
                nodes.texts.append(node)
            }
        }
        return nodes
    }

    func html() -> String {
        guard let html = cmark_render_html(root, Self.options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    func isLink(_ node: OpaquePointer) -> Bool { cmark_node_get_type(node) == CMARK_NODE_LINK }
    func url(of node: OpaquePointer) -> String { cmark_node_get_url(node).map { String(cString: $0) } ?? "" }
    func title(of node: OpaquePointer) -> String { cmark_node_get_title(node).map { String(cString: $0) } ?? "" }
    func literal(of node: OpaquePointer) -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }

    /// The node's children take its place (a refused link shows its text, an image its alt text).
    func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            guard cmark_node_insert_before(node, child) == 1 else { break }
        }
        cmark_node_free(node)
    }

    /// A link or an image becomes our own anchor around the same children: a custom inline node
    /// whose opening tag we write (escaped, with `rel`), which cmark prints as it is.
    func replaceWithAnchor(_ node: OpaquePointer, href: String, title: String) {
        var tag = #"<a href=""# + HTMLEscaping.escape(href) + #"" rel="nofollow ugc noopener""#
        if !title.isEmpty { tag += #" title=""# + HTMLEscaping.escape(title) + #"""# }
        let anchor = customInline(open: tag + ">", close: "</a>")
        while let child = cmark_node_first_child(node) {
            guard cmark_node_append_child(anchor, child) == 1 else { break }
        }
        // An image with no alt text would be an empty link: it shows its address instead.
        if cmark_node_first_child(anchor) == nil { cmark_node_append_child(anchor, textNode(href)) }
        place(anchor, insteadOf: node)
    }

    /// Splits a text node around the mentions `resolve` knows: each becomes a link to its path.
    func linkMentions(in node: OpaquePointer, resolve: (String) -> String?) {
        let text = literal(of: node)
        var pieces: [OpaquePointer] = []
        var rest = text[...]
        for mention in MentionScanner.mentions(in: text) {
            guard let path = resolve(mention.handle) else { continue }
            pieces.append(textNode(String(rest[..<mention.range.lowerBound])))
            let link = customInline(open: #"<a class="mention" href=""# + HTMLEscaping.escape(path) + #"">"#, close: "</a>")
            cmark_node_append_child(link, textNode(String(text[mention.range])))
            pieces.append(link)
            rest = text[mention.range.upperBound...]
        }
        guard !pieces.isEmpty else { return }
        pieces.append(textNode(String(rest)))
        for piece in pieces { cmark_node_insert_before(node, piece) }
        cmark_node_free(node)
    }

    private func place(_ replacement: OpaquePointer, insteadOf node: OpaquePointer) {
        if cmark_node_insert_before(node, replacement) == 1 {
            cmark_node_free(node)
        } else {
            // Not expected (an anchor stands where a link stood); never leave the link as it was.
            cmark_node_free(replacement)
            unwrap(node)
        }
    }

    private func customInline(open: String, close: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, open)
        cmark_node_set_on_exit(node, close)
        return node
    }

    private func textNode(_ literal: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, literal)
        return node
    }
}
