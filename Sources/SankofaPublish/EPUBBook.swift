import Foundation
import ZIPFoundation

/// The book as EPUB 3: one XHTML file per chapter, a navigation document, the package document
/// with language and page-progression direction. Reproducible: fixed entry order, every entry
/// dated at the edition's compile time, `mimetype` first and stored, so the same edition gives
/// the same bytes (checked by the tests and by scripts/handbook-checks.py).
public enum EPUBBook {
    public static func render(_ book: Book, slug: String, modified: Date) throws -> Data {
        let markup = BookMarkup(book: book) { chapter, anchor in
            "\(chapter).xhtml" + (anchor.map { "#\($0)" } ?? "")
        }
        var files: [(String, String)] = [
            ("META-INF/container.xml", container),
            ("EPUB/package.opf", package(book, slug: slug, modified: modified)),
            ("EPUB/nav.xhtml", page(book, title: book.contentsHeading, navigation: true,
                                    body: "<nav epub:type=\"toc\" id=\"toc\"><h1>\(BookMarkup.escape(book.contentsHeading))</h1>\(markup.contents())</nav>")),
            ("EPUB/style.css", BookStyle.screen(book.language)),
            ("EPUB/cover.xhtml", page(book, title: book.title, body: markup.cover())),
        ]
        for chapter in book.chapters {
            files.append(("EPUB/\(chapter.id).xhtml", page(book, title: chapter.title, body: markup.chapter(chapter, xhtml: true))))
        }

        let archive = try Archive(data: Data(), accessMode: .create)
        let mimetype = Data("application/epub+zip".utf8)
        try add(archive, "mimetype", mimetype, date: modified, method: .none)
        for (path, text) in files {
            try add(archive, path, Data(text.utf8), date: modified, method: .deflate)
        }
        guard let data = archive.data else { throw EPUBError.noData }
        return data
    }

    enum EPUBError: Error { case noData }

    private static func add(_ archive: Archive, _ path: String, _ data: Data, date: Date, method: CompressionMethod) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                             permissions: 0o644, compressionMethod: method) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
        </container>

        """

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func package(_ book: Book, slug: String, modified: Date) -> String {
        let e = BookMarkup.escape
        var manifest = """
            <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
            <item id="style" href="style.css" media-type="text/css"/>
            <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>

            """
        var spine = "    <itemref idref=\"cover\"/>\n    <itemref idref=\"nav\"/>\n"
        for chapter in book.chapters {
            manifest += "    <item id=\"c-\(chapter.id)\" href=\"\(chapter.id).xhtml\" media-type=\"application/xhtml+xml\"/>\n"
            spine += "    <itemref idref=\"c-\(chapter.id)\"/>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="\(book.language)" dir="\(book.dir)">
              <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier id="book-id">urn:sankofa:handbook:\(e(slug)):\(book.language)</dc:identifier>
                <dc:title>\(e(book.title))</dc:title>
                <dc:language>\(book.language)</dc:language>
                <dc:publisher>\(e(book.publisher))</dc:publisher>
                <dc:description>\(e(book.editionLabel))</dc:description>
                <meta property="dcterms:modified">\(timestamp(modified))</meta>
              </metadata>
              <manifest>
            \(manifest)  </manifest>
              <spine page-progression-direction="\(book.dir)">
            \(spine)  </spine>
            </package>

            """
    }

    static func page(_ book: Book, title: String, navigation: Bool = false, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"\(navigation ? " xmlns:epub=\"http://www.idpf.org/2007/ops\"" : "") \
        xml:lang="\(book.language)" lang="\(book.language)" dir="\(book.dir)">
        <head><meta charset="utf-8"/><title>\(BookMarkup.escape(title))</title>
        <link rel="stylesheet" type="text/css" href="style.css"/></head>
        <body>\(body)</body>
        </html>

        """
    }
}
