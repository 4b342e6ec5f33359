import Foundation
import SankofaCore
import SankofaPublish
import Vapor

/// `/{lang}/open-data` explains the open data; `/open-data/sankofa-open-data.zip` and
/// `/open-data/catalog.jsonld` serve the kept build (``OpenDataService``) with a strong `ETag`,
/// answering `If-None-Match` with 304. Public: everything in them is what a visitor may see.
struct OpenDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.openData, use: page)
        routes.get(.openDataFile, use: zip)
        routes.get(.openDataCatalog, use: catalog)
    }

    func page(_ request: Request) async throws -> Response {
        let language = try request.language()
        let manifest = await request.application.openData.current
        if manifest == nil { startFirstBuild(request.application) }
        let page = OpenDataPage(request: request, language: language, manifest: manifest)
        let response = try await request.render("open-data/index", page, language: language, title: page.heading)
        // The page says when the data was built, which moves without the public data version
        // that keys the shared page cache: kept out of it (rendering it is cheap).
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return response
    }

    func zip(_ request: Request) async throws -> Response {
        let service = request.application.openData
        guard let manifest = await service.current else { return notReady(request) }
        return try await serve(request, path: await service.zipPath(manifest), etag: manifest.etag,
                               type: "application/zip", disposition: "attachment; filename=\"sankofa-open-data.zip\"")
    }

    func catalog(_ request: Request) async throws -> Response {
        let service = request.application.openData
        guard let manifest = await service.current else { return notReady(request) }
        return try await serve(request, path: await service.catalogPath(manifest), etag: manifest.catalogETag,
                               type: "application/ld+json; charset=utf-8", disposition: nil)
    }

    private func serve(_ request: Request, path: String, etag: String, type: String, disposition: String?) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        // Revalidate every time: the answer is a 304 without a body while the build is the same.
        headers.replaceOrAdd(name: .cacheControl, value: "public, no-cache")
        if Self.matches(request.headers[.ifNoneMatch], etag) {
            return Response(status: .notModified, headers: headers)
        }
        let response = try await request.fileio.asyncStreamFile(at: path)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        response.headers.replaceOrAdd(name: .contentType, value: type)
        if let disposition { response.headers.replaceOrAdd(name: .contentDisposition, value: disposition) }
        return response
    }

    /// RFC 9110 13.1.2: a list of tags, or `*`; the weak comparison (a `W/` prefix is ignored).
    static func matches(_ values: [String], _ etag: String) -> Bool {
        values.flatMap { $0.split(separator: ",") }.contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// Before the first build: a 503 that says to come back, never a build inside the request.
    private func notReady(_ request: Request) -> Response {
        startFirstBuild(request.application)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .retryAfter, value: "60")
        headers.contentType = .plainText
        let language = AcceptLanguage.preferred(request.headers.first(name: .acceptLanguage))
        return Response(status: .serviceUnavailable, headers: headers, body: .init(string: request.t("openData.preparing", language) + "\n"))
    }

    /// The background pass builds at boot; this covers a node asked before that pass ran (or
    /// where it failed), in a task of its own that the request does not wait for.
    private func startFirstBuild(_ app: Application) {
        guard app.environment != .testing else { return }
        let service = app.openData, database = app.db, catalogs = app.catalogs, baseURL = app.settings.baseURL, logger = app.logger
        Task.detached {
            guard await service.claimFirstBuild() else { return }
            do { try await service.refresh(database: database, catalogs: catalogs, baseURL: baseURL) } catch {
                logger.error("open data: \(String(reflecting: error))")
            }
        }
    }
}
