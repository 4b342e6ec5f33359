import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// The Handbook for readers: the editions, each read chapter by chapter, and its files.
/// Visitors see published editions only; editors also see compiled ones before publication.
struct HandbookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.handbook, use: list)
        routes.get(.handbookEdition, use: contents)
        routes.get(.handbookChapter, use: chapter)
        routes.get(.handbookFile, use: download)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let store = EditionStore(database: request.db)
        var editions: [HandbookList.Edition] = []
        for edition in try await store.list(publishedOnly: true) {
            let downloads = DownloadGroup.groups(edition, try await store.files(of: edition), language, request)
            editions.append(.init(
                title: Self.title(edition, language, request), label: Self.label(edition, language, request),
                href: SiteURL.handbookEdition(language, edition: edition.slug).path,
                details: try await Self.details(edition, language, request),
                downloads: downloads, hasDownloads: !downloads.isEmpty))
        }
        let page = HandbookList(
            heading: request.t("handbook.title", language), lead: request.t("handbook.lead", language),
            editions: editions, hasEditions: !editions.isEmpty,
            manageHref: AccessPolicy.allows(request.actor, .compileHandbook) ? SiteURL.editions(language).path : nil)
        return try await request.render("handbook/list", page, language: language, title: request.t("handbook.nav", language), section: .handbook)
    }

    func contents(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (edition, book) = try await Self.book(request, language)
        let downloads = DownloadGroup.groups(edition, try await EditionStore(database: request.db).files(of: edition), language, request)
        let page = HandbookContents(
            title: book.title, label: book.editionLabel, publisher: book.publisher,
            details: try await Self.details(edition, language, request),
            status: edition.editionStatus == .published ? nil : request.t(edition.editionStatus.labelKey, language),
            contents: book.chapters.map { chapter in
                .init(title: chapter.title, href: SiteURL.handbookChapter(language, edition: edition.slug, chapter: chapter.id).path,
                      sections: (chapter.pillars ?? []).map {
                          Layout.Link(href: SiteURL.handbookChapter(language, edition: edition.slug, chapter: chapter.id).path + "#" + $0.id, label: $0.heading)
                      })
            },
            downloads: downloads, hasDownloads: !downloads.isEmpty,
            backHref: SiteURL.handbook(language).path)
        return try await request.render("handbook/contents", page, language: language, title: book.title, section: .handbook)
    }

    func chapter(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (edition, book) = try await Self.book(request, language)
        guard let id = request.parameters.get("chapter"), let chapter = book.chapter(id) else { throw Abort(.notFound) }
        let page = HandbookChapterPage(book: book, chapter: chapter, slug: edition.slug, language: language, request: request)
        return try await request.render("handbook/chapter", page, language: language, title: "\(chapter.title) · \(book.title)", section: .handbook)
    }

    /// `/handbook/{edition}/{edition}-{lang}.{ext}`: only names the database lists for the edition
    /// are served, so no path from the request ever reaches the file system.
    func download(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("edition"), let name = request.parameters.get("file"),
              let edition = try await Self.visibleEdition(request, slug) else { throw Abort(.notFound) }
        let store = EditionStore(database: request.db)
        let files = try await store.files(of: edition)
        guard let file = files.first(where: { $0.fileName == name }), let format = BookFormat(rawValue: file.format),
              let language = Language(rawValue: file.language) else { throw Abort(.notFound) }
        let folder = request.application.handbook.folder(for: edition.slug)
        let cache = HandbookFileCache(folder: folder)
        let path = try cache.path(of: file)
        if !FileManager.default.fileExists(atPath: path.path) {
            let content: Data
            if let kept = try await store.content(ofFile: file) {
                // The bytes the node that built the file kept in the database: what was published.
                content = kept
            } else if format == .pdf {
                // A PDF takes WeasyPrint and seconds, so it is not made inside a request. One built
                // before migration 012 has no kept bytes: the builder's own file is served, where it is.
                let built = folder.appendingPathComponent(file.fileName)
                guard let own = (try? Data(contentsOf: built)).flatMap({ $0.count == file.size ? $0 : nil }) else { throw Abort(.notFound) }
                content = own
            } else {
                // HTML and EPUB recorded before their bytes were kept: made again from the frozen
                // edition (the same bytes while the code that lays out the book is the same).
                let scratch = folder.appendingPathComponent(".files").appendingPathComponent("build-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: scratch) }
                _ = try await HandbookService(request.application).build(edition, languages: [language], formats: [format], folder: scratch)
                guard let made = try? Data(contentsOf: scratch.appendingPathComponent(file.fileName)) else { throw Abort(.notFound) }
                content = made
            }
            let current = Set(files.compactMap(\.id))
            try await request.application.threadPool.runIfActive { try cache.store(content, of: file, current: current) }
        }
        let response = try await request.fileio.asyncStreamFile(at: path.path)
        response.headers.replaceOrAdd(name: .contentType, value: format.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.fileName)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: edition.editionStatus == .published ? "public, max-age=3600" : "no-store")
        // A whole file served counts once, in the book's language (a reader's range requests do not).
        if response.status == .ok { request.application.usageCounter.count(.handbookDownload, language: language) }
        return response
    }

    /// The edition `slug` when the policy lets the reader read it; nil (a 404) otherwise, as for no
    /// edition of that name. A draft has no book yet: its editors see it on its editions page.
    static func visibleEdition(_ request: Request, _ slug: String) async throws -> EditionModel? {
        guard let edition = try await EditionStore(database: request.db).find(slug: slug, publishedOnly: false),
              AccessPolicy.allows(request.actor, .readEdition(status: edition.editionStatus)),
              edition.editionStatus != .draft else { return nil }
        return edition
    }

    static func book(_ request: Request, _ language: Language) async throws -> (EditionModel, Book) {
        guard let slug = request.parameters.get("edition"), let edition = try await visibleEdition(request, slug) else {
            throw Abort(.notFound)
        }
        let frozen = try await EditionStore(database: request.db).frozen(edition)
        let builder = BookBuilder(catalogs: request.application.catalogs, baseURL: request.application.settings.baseURL)
        return (edition, builder.book(frozen, language))
    }

    static func title(_ edition: EditionModel, _ language: Language, _ request: Request) -> String {
        let title = edition.texts[language.rawValue]?.title ?? ""
        return title.isEmpty ? request.t("handbook.title", language) : title
    }

    static func label(_ edition: EditionModel, _ language: Language, _ request: Request) -> String {
        request.t("handbook.editionLabel", language, ["number": NumberFormatting.integer(edition.number, language),
                                                      "year": DateFormatting.year(edition.year, language)])
    }

    /// "Practices: 38 · Compiled on 29 November 2026".
    static func details(_ edition: EditionModel, _ language: Language, _ request: Request) async throws -> String {
        let count = try await EditionStore(database: request.db).entryCount(of: edition)
        var parts = [request.t("handbook.entryCount", language, ["count": NumberFormatting.integer(count, language)])]
        if let compiled = edition.compiledAt {
            parts.append(request.t("handbook.compiledOn", language, ["date": DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(compiled)), language)]))
        }
        return parts.joined(separator: " · ")
    }
}
