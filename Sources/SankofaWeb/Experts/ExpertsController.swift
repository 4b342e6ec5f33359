import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The directory of experts and Focal Points: list with facets, profile pages, CSV export.
/// Every read goes through ``ExpertDirectory``, which applies the experts' privacy choices.
struct ExpertsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.experts, use: list)
        routes.get(.expertsExport, use: export)
        routes.get(.expert, use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let text = DirectorySearch.text(query)
        let entries = try await ExpertDirectory.load(request).matching(text, request: request)
            .sorted { $0.view.name.compare($1.view.name, locale: language.locale) == .orderedAscending }
        var page = try DirectoryListing(
            items: entries.map(\.view), facets: ExpertFacets.all(today: ISODay.format(Date())), query: query, text: text,
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
        let directory = try await ExpertDirectory.load(request)
        // A profile the reader may not see is a 404, like one that does not exist: no hint of it.
        guard let slug = request.parameters.get("slug"), let entry = directory.entry(slug: slug) else { throw Abort(.notFound) }
        let practices = try await PracticeStore(database: request.db).publishedTitles(entry.view.practices, in: language)
        let centres = try await CentreStore(database: request.db).all()
        var page = ExpertShow(entry, directory: directory, practices: practices, centres: centres, language: language, request: request)
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
            let own = directory.byID.values.first { $0.userID == user }?.id
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

    /// The directory as CSV, with the same filters and the same privacy as the page.
    func export(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let entries = try await ExpertDirectory.load(request).matching(DirectorySearch.text(query), request: request)
        let facets = ExpertFacets.all(today: ISODay.format(Date()))
        let selected = try DirectoryListing.selection(query, facets)
        let views = Faceting.apply(entries.map(\.view), dimensions: facets.map(\.dimension), selected: selected).matching
        let csv = ExpertCSV.render(views, language: language, catalogs: request.application.catalogs)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sankofa-experts-\(language.rawValue).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }
}
