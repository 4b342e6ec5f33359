/// The Handbook's stylesheets. One sheet serves the screen and, through `@media print`, WeasyPrint:
/// A4 pages, running headers, page numbers, a table of contents with page numbers and PDF
/// bookmarks. Logical properties (`inline-start`) make the Arabic book mirror by itself.
enum BookStyle {
    /// Noto fonts from Debian (fonts-noto-core, fonts-noto-cjk). The book's script comes first;
    /// the others follow so that an entry shown in its original language still has glyphs.
    static func fontStack(_ language: String) -> String {
        let arabic = "\"Noto Naskh Arabic\", \"Noto Sans Arabic\""
        let cjk = "\"Noto Serif CJK SC\", \"Noto Sans CJK SC\""
        let latin = "\"Noto Serif\", \"Noto Sans\""
        switch language {
        case "ar": return "\(arabic), \(latin), \(cjk), serif"
        case "zh": return "\(cjk), \(latin), \(arabic), serif"
        default: return "\(latin), \(arabic), \(cjk), serif"
        }
    }

    /// Arabic page numbers in Arabic-Indic digits, as the Arabic edition's numbering.
    static func pageCounter(_ language: String) -> String {
        language == "ar" ? "counter(page, arabic-indic)" : "counter(page)"
    }

    static func screen(_ language: String) -> String {
        // Arabic numbering in the Arabic book, lists included.
        let listStyle = language == "ar" ? ".toc{list-style-type:arabic-indic}" : ""
        return """
        \(listStyle)
        html{font-family:\(fontStack(language));line-height:1.55;color:#1a1a1a;background:#fff}
        body{max-width:46em;margin:0 auto;padding:1em}
        :lang(zh){line-height:1.7}
        .cover{text-align:center;padding:3em 0}
        .book-title{font-size:2em;line-height:1.25}
        .publisher,.edition{font-size:1.1em}
        .toc ol{list-style:none;padding-inline-start:1.5em}
        .toc{padding-inline-start:1.2em}
        .chapter-title{border-block-end:2px solid #7a4a12;padding-block-end:.2em}
        .pillar-title{color:#7a4a12}
        .entry{margin-block:2em;border-block-start:1px solid #bbb;padding-block-start:.5em}
        .entry-title{font-size:1.25em;margin-block-end:.2em}
        .summary{font-weight:bold}
        .fallback-note{border-inline-start:3px solid #b36b00;padding-inline-start:.6em;color:#5a3a00}
        .facts{border:1px solid #999;background:#f7f4ee;padding:.3em .8em;margin-block:1em;font-size:.9em}
        .facts h4{margin:.2em 0}
        .facts-table{border-collapse:collapse;width:100%}
        .facts-table th{width:30%;text-align:start;vertical-align:top;padding-block:.1em;padding-inline:0 1em}
        .facts-table td{vertical-align:top;padding:.1em 0}
        .fact-value{display:block}
        .platform a{word-break:break-all}
        .book-index dt{font-weight:bold;margin-block-start:.6em}
        .book-index dd{margin-inline-start:1.2em}
        a{color:#0b4f8a}
        """
    }

    static func print(_ language: String) -> String {
        let counter = pageCounter(language)
        return """
        @media print{
        @page{size:A4;margin:22mm 18mm 22mm 18mm;
          @top-center{content:string(chapter);font-size:8.5pt;color:#555}
          @bottom-center{content:\(counter);font-size:9pt}}
        @page:first{@top-center{content:none}@bottom-center{content:none}}
        body{max-width:none;margin:0;padding:0;font-size:10.5pt}
        a{color:inherit;text-decoration:none}
        .cover{break-after:page;padding-top:70mm}
        .contents{break-after:page}
        .chapter{break-before:page}
        .chapter-title{string-set:chapter content(text)}
        .book-title,.contents h1,h4,.facts h4{bookmark-level:none}
        .chapter-title{bookmark-level:1}
        .pillar-title,.guide h2{bookmark-level:2}
        .entry-title{bookmark-level:3}
        .entry-title{break-after:avoid}
        .toc a::after{content:leader('.') \(counter.replacingOccurrences(of: "counter(page", with: "target-counter(attr(href), page"))}
        .platform a{font-size:8.5pt}
        }
        """
    }
}
