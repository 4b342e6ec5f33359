import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The directory of experts and Focal Points: list with facets, profile pages, CSV export.
/// Every read goes through ``ExpertDirectory``: the reader's audience's projection of the
/// profiles, filtered, counted and paged by the engine.
struct ExpertsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.experts, use: list)
        routes.get(.expertsExport, use: export)
        routes.get(.expert, use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let selection = try DirectoryListing.selection(query, ExpertFacets.all), number = try DirectoryListing.page(query)
        let result = try await ExpertStore(database: request.db).directory(
            selection, reader: ExpertDirectory.reader(request.actor), page: number, perPage: DirectoryListing.perPage)
        var page = DirectoryListing(
            result: result, selection: selection, page: number, facets: ExpertFacets.all, query: query,
            base: SiteURL.experts(language).path, heading: request.t("experts.heading", language),
            countKey: "experts.count", emptyKey: "experts.empty", language: language, request: request
        ) { DirectoryCard(expert: $0, language, request) }
        page.intro = request.t(request.actor.isMember ? "experts.intro.member" : "experts.intro.visitor", language)
        page.links = [Layout.Link(href: SiteURL.expertsExport(language).path + (query.pairs.isEmpty ? "" : "?" + QueryParameters.encode(query.pairs)),
                                  label: request.t("experts.export", language))]
        if AccessPolicy.allows(request.actor, .manageDirectory) || AccessPolicy.allows(request.actor, .ownProfile) {
            page.links.append(Layout.Link(href: SiteURL.profileEdit(language).path, label: request.t("profile.link", language)))
        }
        if AccessPolicy.allows(request.actor, .manageDirectory) {
            page.links.append(Layout.Link(href: SiteURL.expertNew(language).path, label: request.t("experts.new", language)))
        }
        return try await request.render("directory/list", page, language: language, title: page.heading, section: .experts)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let entry = try await ExpertDirectory.entry(request), slug = entry.view.slug
        let store = ExpertStore(database: request.db)
        let practices = try await PracticeStore(database: request.db).publishedTitles(entry.view.practices, in: language)
        let endorsers = try await store.endorsers(of: entry.stored.endorsements, reader: ExpertDirectory.reader(request.actor))
        var page = ExpertShow(entry, endorsers: endorsers, practices: practices, centres: try await Self.centres(of: entry, request),
                              language: language, request: request)
        let actor = request.actor
        if AccessPolicy.allows(actor, .contactExpert) {
            if entry.stored.contactEmail != nil && entry.stored.userID?.uuidString != actor.userID {
                page.contactHref = SiteURL.expertContact(language, slug: slug).path
            }
        } else {
            page.contactNote = request.t("expert.contactMembersOnly", language)
        }
        if let country = entry.view.country, AccessPolicy.allows(actor, .endorse(expertCountry: country)),
           entry.stored.userID?.uuidString != actor.userID, let user = request.user?.id {
            let own = try await store.find(owner: user)?.id
            let given = entry.stored.endorsements.contains { $0.endorserUserID == user || (own != nil && $0.endorserExpertID == own) }
            page.endorseForm = .init(action: given ? SiteURL.expertWithdraw(language, slug: slug).path : SiteURL.expertEndorse(language, slug: slug).path,
                                     label: request.t(given ? "expert.withdraw" : "expert.endorse", language))
        }
        if AccessPolicy.allows(actor, .editExpert(ownerID: entry.stored.userID?.uuidString)) {
            page.tools.append(.init(href: SiteURL.expertEdit(language, slug: slug).path, label: request.t("expert.edit", language)))
        }
        return try await request.render("experts/show", page, language: language, title: page.name,
                                        description: page.subtitle, section: .experts)
    }

    /// The centres naming the expert among theirs, and the centre they are focal point for.
    static func centres(of entry: ExpertDirectory.Entry, _ request: Request) async throws -> [StoredCentre] {
        let store = CentreStore(database: request.db)
        var centres = try await store.linked(toExpert: entry.view.slug)
        if let focal = entry.stored.record.focalPointFor, focal.hasPrefix("centre:"), !centres.contains(where: { "centre:" + $0.record.slug == focal }),
           let centre = try await store.find(slug: String(focal.dropFirst(7))) {
            centres.append(centre)
        }
        return centres
    }

    /// The directory as CSV, with the same filters and the same privacy as the page, streamed a
    /// batch of profiles at a time: the server holds one batch, whatever the directory's size.
    func export(_ request: Request) async throws -> Response {
        let language = try request.language()
        let selection = try DirectoryListing.selection(try QueryParameters(request), ExpertFacets.all)
        let store = ExpertStore(database: request.db), reader = ExpertDirectory.reader(request.actor)
        let catalogs = request.application.catalogs
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sankofa-experts-\(language.rawValue).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            do {
                try await writer.writeBuffer(ByteBuffer(string: ExpertCSV.header))
                try await store.export(selection, reader: reader) { views in
                    try await writer.writeBuffer(ByteBuffer(string: ExpertCSV.rows(views, language: language, catalogs: catalogs)))
                }
                try await writer.write(.end)
            } catch {
                try await writer.write(.error(error))
            }
        }))
    }
}
