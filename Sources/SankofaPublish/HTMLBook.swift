/// The whole book as one HTML file: the `html` download, and what WeasyPrint lays out as the PDF.
/// Self-contained (the stylesheet is inline) so it reads offline, and free of dates or paths so
/// the same edition gives the same bytes.
public enum HTMLBook {
    public static func render(_ book: Book) -> String {
        let markup = BookMarkup(book: book) { chapter, anchor in "#" + (anchor ?? chapter) }
        var out = """
        <!DOCTYPE html>
        <html lang="\(book.language)" dir="\(book.dir)"><head><meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(BookMarkup.escape(book.title)) · \(BookMarkup.escape(book.editionLabel))</title>
        <style>\(BookStyle.screen(book.language))
        \(BookStyle.print(book.language))\(book.extraStyle)</style></head><body>

        """
        out += markup.cover() + "\n"
        out += "<nav class=\"contents\" aria-labelledby=\"contents-heading\"><h1 id=\"contents-heading\">\(BookMarkup.escape(book.contentsHeading))</h1>"
        out += markup.contents() + "</nav>\n"
        for chapter in book.chapters {
            out += markup.chapter(chapter, xhtml: false) + "\n"
        }
        return out + "</body></html>\n"
    }
}
