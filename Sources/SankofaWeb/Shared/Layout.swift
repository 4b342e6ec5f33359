import Foundation
import SankofaCore
import Vapor

/// What the layout template needs on every page: language, direction, navigation, switcher.
struct Layout: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        var href: String
        var label: String
        var lang: String? = nil
        var current: Bool = false
    }

    var title: String
    var description: String
    var stylesheet: String
    var homeHref: String
    var navigation: [Group]
    var languages: [Link]
    var canonical: String
    var alternates: [Link]
    var year: String
    /// The session's CSRF token, which every form sends back (`#(layout.csrf)`); none without a session.
    var csrf: String?
    /// The header's link to the member's notifications with their unread count; none for visitors.
    var notifications: Link?
    /// The Atom feeds of the page (``FeedLinks``), announced in its head.
    var feeds: [Link]

    /// The part of the site a page belongs to: its link in the navigation is marked current.
    enum Section: Sendable {
        case practices, experts, centres, courses, search, handbook, about, submit, review, translate, admin, account, forum, groups, requests, exchanges, indicators
    }

    init(request: Request, language: Language, title: String, description: String? = nil, section: Section? = nil) {
        let catalogs = request.application.catalogs
        let siteName = catalogs.text("site.name", language)
        self.title = title == siteName ? siteName : "\(title) · \(siteName)"
        self.description = description ?? catalogs.text("site.tagline", language)
        self.stylesheet = SiteURL.stylesheet(fingerprint: request.application.stylesheet.fingerprint).path
        self.homeHref = SiteURL.home(language).path
        self.navigation = Self.navigation(request: request, language: language, section: section)
        // The switcher keeps the path after the language prefix and the whole query.
        let rest = request.url.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "/")
        let query = request.url.query.map { "?\($0)" } ?? ""
        self.languages = Language.displayOrder.map { other in
            Link(href: "/\(other.rawValue)/\(rest)\(query)", label: other.nativeName, lang: other.rawValue, current: other == language)
        }
        let base = request.application.settings.baseURL
        self.canonical = base + "/\(language.rawValue)/\(rest)\(query)"
        self.alternates = Language.displayOrder.map { Link(href: base + "/\($0.rawValue)/\(rest)\(query)", label: $0.rawValue, lang: $0.rawValue) }
        self.year = DateFormatting.year(Calendar(identifier: .gregorian).component(.year, from: Date()), language)
        self.csrf = request.currentSession?.record.csrfToken
        self.feeds = FeedLinks.links(request: request, language: language)
    }
}

/// The envelope of every HTML page: `lang`/`dir` at the top so `#t` and `<html>` can read them.
struct Page<Content: Encodable & Sendable>: Encodable, Sendable {
    var lang: String
    var dir: String
    var layout: Layout
    var page: Content
}

extension Request {
    /// The language of an HTML route's `/{lang}/` prefix; any other value is a 404.
    func language() throws -> Language {
        guard let code = parameters.get("lang"), let language = Language(rawValue: code) else {
            throw Abort(.notFound)
        }
        return language
    }

    /// Renders `template` with the layout around `content`. `opensSession` is for a page whose form
    /// a reader without a session may send (signing in, registering, a password reset): an anonymous
    /// session is opened so that the form has a CSRF token.
    func render<Content: Encodable & Sendable>(
        _ template: String, _ content: Content, language: Language, title: String,
        description: String? = nil, section: Layout.Section? = nil, status: HTTPStatus = .ok, opensSession: Bool = false
    ) async throws -> Response {
        if opensSession, currentSession == nil { try await startSession(user: nil) }
        var layout = Layout(request: self, language: language, title: title, description: description, section: section)
        layout.notifications = try await notificationsLink(language)
        let page = Page(lang: language.rawValue, dir: language.direction, layout: layout, page: content)
        let view = try await self.view.render(template, page).get()
        let response = try await view.encodeResponse(status: status, for: self)
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        return response
    }

    func t(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        application.catalogs.text(key, language, arguments)
    }
}
