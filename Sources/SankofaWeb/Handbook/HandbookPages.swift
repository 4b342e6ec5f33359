import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// The files of an edition as links, grouped by the book's language.
struct DownloadGroup: Encodable, Sendable {
    struct File: Encodable, Sendable { var href: String; var label: String; var size: String; var type: String }
    var language: String
    var lang: String
    var dir: String
    var files: [File]

    static func groups(_ edition: EditionModel, _ files: [EditionFileModel], _ language: Language, _ request: Request) -> [DownloadGroup] {
        groups(files, language, request, language: \.language, format: \.format, size: \.size) {
            SiteURL.handbookFile(edition: edition.slug, file: $0.fileName).path
        }
    }

    /// Any book's files (the Handbook's, the annual report's) as links grouped by their language,
    /// in the site's order of languages and of formats.
    static func groups<F>(_ files: [F], _ language: Language, _ request: Request, language fileLanguage: (F) -> String,
                          format fileFormat: (F) -> String, size: (F) -> Int, href: (F) -> String) -> [DownloadGroup] {
        Language.displayOrder.compactMap { book in
            let mine = BookFormat.allCases.compactMap { format in
                files.first { fileLanguage($0) == book.rawValue && fileFormat($0) == format.rawValue }.map { file in
                    File(href: href(file), label: request.t(format.labelKey, language), size: FileSize.text(size(file), language, request),
                         type: format.contentType.split(separator: ";")[0].description)
                }
            }
            guard !mine.isEmpty else { return nil }
            return DownloadGroup(language: book.nativeName, lang: book.rawValue, dir: book.direction, files: mine)
        }
    }
}

enum FileSize {
    /// "340 KB", "1.2 MB": kilobytes below a megabyte, one decimal above, in the page's digits.
    static func text(_ bytes: Int, _ language: Language, _ request: Request) -> String {
        if bytes < 1_000_000 {
            let kb = max(1, Int((Double(bytes) / 1000).rounded()))
            return request.t("handbook.size.kb", language, ["size": NumberFormatting.integer(kb, language)])
        }
        let mb = (Double(bytes) / 1_000_000 * 10).rounded() / 10
        let text = mb.formatted(.number.precision(.fractionLength(1)).locale(language.locale))
        return request.t("handbook.size.mb", language, ["size": text])
    }
}

/// `/{lang}/handbook`: the published editions, newest first, with their downloads.
struct HandbookList: Encodable, Sendable {
    struct Edition: Encodable, Sendable {
        var title: String
        var label: String
        var href: String
        var details: String
        var downloads: [DownloadGroup]
        var hasDownloads: Bool
    }
    var heading: String
    var lead: String
    var editions: [Edition]
    var hasEditions: Bool
    /// The editors' page, for those who may compile.
    var manageHref: String?
}

/// `/{lang}/handbook/{edition}`: cover, table of contents and downloads.
struct HandbookContents: Encodable, Sendable {
    struct Item: Encodable, Sendable { var title: String; var href: String; var sections: [Layout.Link] }
    var title: String
    var label: String
    var publisher: String
    var details: String
    var status: String?
    var contents: [Item]
    var downloads: [DownloadGroup]
    var hasDownloads: Bool
    var backHref: String
}

/// `/{lang}/handbook/{edition}/{chapter}`: one chapter of the book, with the way on and back.
struct HandbookChapterPage: Encodable, Sendable {
    struct IndexLink: Encodable, Sendable { var title: String; var lang: String; var dir: String; var href: String }
    struct IndexGroup: Encodable, Sendable { var heading: String; var links: [IndexLink] }
    var bookTitle: String
    var label: String
    var contentsHref: String
    var chapter: Chapter
    var index: [IndexGroup]
    var hasIndex: Bool
    var previous: Layout.Link?
    var next: Layout.Link?
}

extension HandbookChapterPage {
    init(book: Book, chapter: Chapter, slug: String, language: Language, request: Request) {
        let position = book.chapters.firstIndex { $0.id == chapter.id } ?? 0
        func link(_ index: Int) -> Layout.Link? {
            guard book.chapters.indices.contains(index) else { return nil }
            return Layout.Link(href: SiteURL.handbookChapter(language, edition: slug, chapter: book.chapters[index].id).path,
                               label: book.chapters[index].title)
        }
        bookTitle = book.title
        label = book.editionLabel
        contentsHref = SiteURL.handbookEdition(language, edition: slug).path
        self.chapter = chapter
        index = (chapter.index ?? []).map { group in
            IndexGroup(heading: group.heading, links: group.links.map {
                IndexLink(title: $0.title, lang: $0.lang, dir: $0.dir,
                          href: SiteURL.handbookChapter(language, edition: slug, chapter: $0.chapter).path + "#" + $0.anchor)
            })
        }
        hasIndex = !index.isEmpty
        previous = link(position - 1)
        next = link(position + 1)
    }
}
