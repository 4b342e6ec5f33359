import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Atom feeds of the catalogue, per language: new and updated published practices (`region` and
/// `theme` filters as on the list), and courses not yet over. A feed reader has no session:
/// nothing but public records, whoever asks, so that the page cache may keep the bytes.
struct CatalogueFeedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.practicesAtom, use: practices)
        routes.get(.coursesAtom, use: courses)
    }

    /// The filters a practices feed takes; any other value is a 400 naming the parameter.
    struct PracticeFilter: Equatable {
        var region: Region?
        var theme: Theme?

        init(region: Region? = nil, theme: Theme? = nil) {
            self.region = region
            self.theme = theme
        }

        init(_ query: QueryParameters) throws {
            if let raw = query.first("region"), !raw.isEmpty {
                guard let region = Region(rawValue: raw) else { throw ParameterError(name: "region", reason: .value, value: raw) }
                self.region = region
            }
            if let raw = query.first("theme"), !raw.isEmpty {
                guard let theme = Theme(rawValue: raw) else { throw ParameterError(name: "theme", reason: .value, value: raw) }
                self.theme = theme
            }
        }

        /// The query in one order, so that a filtered feed has one id and one self link.
        var query: String {
            let pairs = [region.map { "region=\($0.rawValue)" }, theme.map { "theme=\($0.rawValue)" }].compactMap { $0 }
            return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
        }
    }

    func practices(_ request: Request) async throws -> Response {
        let language = try request.language()
        let filter = try PracticeFilter(try QueryParameters(request))
        let entries = try await CatalogueFeeds(database: request.db).practices(language: language, region: filter.region, theme: filter.theme)
        let base = request.application.settings.baseURL
        let selfLink = base + SiteURL.practicesAtom(language).path + filter.query
        let named = [filter.region.map { request.t($0.labelKey, language) }, filter.theme.map { request.t($0.labelKey, language) }].compactMap { $0 }
        let title = request.t("feeds.practices.title", language, ["site": request.t("site.name", language)])
            + (named.isEmpty ? "" : " (" + named.joined(separator: ", ") + ")")
        let atom = AtomFeed(
            id: selfLink, title: title, language: language, selfLink: selfLink,
            alternateLink: base + SiteURL.practices(language).path + filter.query,
            updated: entries.map { Int($0.updated.timeIntervalSince1970) }.max() ?? 0, author: request.t("site.name", language),
            entries: entries.map { entry in
                AtomFeed.Entry(id: Self.tag(base, "practice", entry.id), title: entry.title, language: entry.language,
                               link: base + SiteURL.practice(language, slug: entry.slug).path, author: nil,
                               published: Int(entry.published.timeIntervalSince1970), updated: Int(entry.updated.timeIntervalSince1970),
                               summary: String(entry.summary.prefix(1000)))
            })
        return Self.response(atom)
    }

    func courses(_ request: Request) async throws -> Response {
        let language = try request.language()
        let entries = try await CatalogueFeeds(database: request.db).courses(today: ISODay.format(Date()))
        let base = request.application.settings.baseURL
        let selfLink = base + SiteURL.coursesAtom(language).path
        let atom = AtomFeed(
            id: selfLink, title: request.t("feeds.courses.title", language, ["site": request.t("site.name", language)]),
            language: language, selfLink: selfLink, alternateLink: base + SiteURL.courses(language).path,
            updated: entries.map(\.updated).max() ?? 0, author: request.t("site.name", language),
            entries: entries.map { entry in
                let course = entry.record
                let text = course.translations.resolve(language, original: course.originalLanguage)
                let place = [course.location, Countries.name(of: course.country, in: language)].compactMap { $0 }.joined(separator: ", ")
                let when = request.t("feeds.courses.when", language, [
                    "start": ISODay.parse(course.startDate).map { DateFormatting.longDate($0, language) } ?? course.startDate,
                    "end": ISODay.parse(course.endDate).map { DateFormatting.longDate($0, language) } ?? course.endDate,
                    "place": place,
                ])
                let description = text.map { String($0.value.description.prefix(1000)) } ?? ""
                return AtomFeed.Entry(id: Self.tag(base, "course", entry.id), title: text?.value.title ?? course.slug,
                                      language: text?.language ?? course.originalLanguage,
                                      link: base + SiteURL.course(language, slug: course.slug).path, author: nil,
                                      published: entry.created, updated: entry.updated,
                                      summary: description.isEmpty ? when : when + "\n\n" + description)
            })
        return Self.response(atom)
    }

    /// A tag URI (RFC 4151) naming the record by its row id under the site's host: it stays the
    /// same when the record, its slug or the site's scheme changes, so a reader sees an update as
    /// the same entry with a new `updated`.
    static func tag(_ base: String, _ kind: String, _ id: UUID) -> String {
        let host = URL(string: base)?.host ?? "sankofa.invalid"
        return "tag:\(host),2026:\(kind)/\(id.uuidString.lowercased())"
    }

    static func response(_ atom: AtomFeed) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: atom.render()))
    }
}
