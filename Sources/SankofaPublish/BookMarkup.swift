import SankofaCore

/// The markup of a book's chapters, shared by the single HTML file (web and PDF) and the EPUB's
/// XHTML files. It is well-formed XML and valid HTML5 at once: every element closed, every text
/// escaped, no named entities. How a link reaches an entry differs by format, hence `href`.
struct BookMarkup {
    var book: Book
    /// (chapter id, anchor or nil) → the address of that place in this format.
    var href: (String, String?) -> String

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func e(_ text: String) -> String { Self.escape(text) }

    /// `lang` and `dir` for content whose language may differ from the book's; XHTML wants
    /// `xml:lang` beside `lang`.
    private func langAttributes(_ lang: String, _ dir: String, xhtml: Bool) -> String {
        (xhtml ? " xml:lang=\"\(lang)\"" : "") + " lang=\"\(lang)\" dir=\"\(dir)\""
    }

    func cover() -> String {
        """
        <section class="cover" id="cover"><p class="publisher">\(e(book.publisher))</p>\
        <h1 class="book-title">\(e(book.title))</h1><p class="edition">\(e(book.editionLabel))</p></section>
        """
    }

    /// The table of contents: chapters and, under region chapters, their pillar sections.
    /// The print stylesheet adds page numbers after each link with target-counter().
    func contents() -> String {
        var out = "<ol class=\"toc\">"
        for chapter in book.chapters {
            out += "<li><a href=\"\(e(href(chapter.id, nil)))\">\(e(chapter.title))</a>"
            if let sections = chapter.pillars {
                out += "<ol>" + sections.map { "<li><a href=\"\(e(href(chapter.id, $0.id)))\">\(e($0.heading))</a></li>" }.joined() + "</ol>"
            }
            out += "</li>"
        }
        return out + "</ol>"
    }

    func chapter(_ chapter: Chapter, xhtml: Bool) -> String {
        var out = "<section class=\"chapter chapter-\(kind(chapter))\" id=\"\(chapter.id)\"><h1 class=\"chapter-title\">\(e(chapter.title))</h1>"
        if let text = chapter.text {
            if let note = text.fallbackNote { out += "<p class=\"fallback-note\">\(e(note))</p>" }
            out += "<div class=\"front-text\"\(langAttributes(text.lang, text.dir, xhtml: xhtml))>"
            out += text.paragraphs.map { "<p>\(e($0))</p>" }.joined() + "</div>"
        }
        for section in chapter.guide ?? [] {
            out += "<section class=\"guide\" id=\"\(section.id)\"><h2>\(e(section.heading))</h2><p>\(e(section.lead))</p><ul>"
            out += section.terms.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>"
        }
        for section in chapter.pillars ?? [] {
            out += "<section class=\"pillar\" id=\"\(section.id)\"><h2 class=\"pillar-title\">\(e(section.heading))</h2>"
            out += section.entries.map { entry($0, xhtml: xhtml) }.joined() + "</section>"
        }
        if let groups = chapter.index {
            out += "<dl class=\"book-index\">"
            for group in groups {
                out += "<dt>\(e(group.heading))</dt>"
                out += group.links.map {
                    "<dd><a href=\"\(e(href($0.chapter, $0.anchor)))\"\(langAttributes($0.lang, $0.dir, xhtml: xhtml))>\(e($0.title))</a></dd>"
                }.joined()
            }
            out += "</dl>"
        }
        if let markup = chapter.markup { out += markup }
        return out + "</section>"
    }

    func kind(_ chapter: Chapter) -> String {
        chapter.text != nil ? "text" : chapter.guide != nil ? "guide" : chapter.pillars != nil ? "region"
            : chapter.markup != nil ? "report" : "index"
    }

    func entry(_ entry: Entry, xhtml: Bool) -> String {
        var out = "<article class=\"entry\" id=\"\(entry.id)\">"
        out += "<header\(langAttributes(entry.lang, entry.dir, xhtml: xhtml))><h3 class=\"entry-title\">\(e(entry.title))</h3>"
        let summaryLang = entry.summaryLang == entry.lang ? "" : langAttributes(entry.summaryLang, entry.summaryDir, xhtml: xhtml)
        out += "<p class=\"summary\"\(summaryLang)>\(e(entry.summary))</p></header>"
        if let note = entry.fallbackNote { out += "<p class=\"fallback-note\">\(e(note))</p>" }
        // A table, not a grid of <dt>/<dd>: WeasyPrint lays grid columns out left to right even in
        // a right-to-left book, which put the Arabic PDF's labels on the left, after their values.
        // Table columns follow the direction everywhere (WeasyPrint, browsers, EPUB readers), so
        // the label (a row header) comes first: on the left in LTR, on the right in RTL.
        out += "<aside class=\"facts\"><h4>\(e(entry.factsHeading))</h4><table class=\"facts-table\"><tbody>"
        for fact in entry.facts {
            out += "<tr><th scope=\"row\">\(e(fact.label))</th><td>"
                + fact.values.map { "<span class=\"fact-value\">\(e($0))</span>" }.joined() + "</td></tr>"
        }
        out += "<tr><th scope=\"row\">\(e(entry.platformLabel))</th><td class=\"platform\"><a href=\"\(e(entry.platformURL))\" dir=\"ltr\">\(e(entry.platformURL))</a></td></tr>"
        // Headings are the book's language; the paragraphs under them, the text's own.
        out += "</tbody></table></aside><div class=\"entry-text\">"
        for section in entry.sections {
            out += "<h4>\(e(section.heading))</h4>"
            if let note = section.note { out += "<p class=\"fallback-note section-note\">\(e(note))</p>" }
            out += "<div\(langAttributes(section.lang, section.dir, xhtml: xhtml))>"
            out += section.paragraphs.map { "<p>\(e($0))</p>" }.joined() + "</div>"
        }
        return out + "</div></article>"
    }
}
