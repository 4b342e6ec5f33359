import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The members' exchange calendar, by month, and its iCal feed. A calendar program has no
/// session, so a member subscribes with a link of their own, signed like the unsubscribe links
/// (``UnsubscribeToken`` under the site's `calendar` secret) and checked on every fetch against
/// the person still being a member: a disabled or removed account's link answers 404. Without a
/// link the feed holds only the exchanges whose public summary both sides agreed to, with only
/// their public facts; a forged or altered link is a 404, never the public feed.
struct ExchangeCalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.exchangesCalendar, use: calendar)
        routes.get(.exchangesFeed, use: feed)
    }

    static let tokenList = "exchanges"
    static let monthLimit = 500
    static let feedLimit = 500

    struct Calendar: Encodable, Sendable {
        var heading: String
        var intro: String
        var month: String
        var cards: [ExchangeCard]
        var emptyMessage: String?
        var previous: Layout.Link
        var next: Layout.Link
        var feedLabel: String
        var feedHint: String
        var feedURL: String
        var publicFeed: Layout.Link
        var back: Layout.Link
    }

    func calendar(_ request: Request) async throws -> Response {
        try await request.require(.cooperation(.seeExchangeCalendar))
        let language = try request.language()
        let raw = try QueryParameters(request).first("month") ?? String(ISODay.format(Date()).prefix(7))
        guard raw.count == 7, let first = ISODay.parse(raw + "-01"), let year = Int(raw.prefix(4)), (1945...2100).contains(year) else {
            throw ParameterError(name: "month", reason: .value, value: String(raw.prefix(20)))
        }
        var utc = Foundation.Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let nextMonth = utc.date(byAdding: .month, value: 1, to: first)!, previousMonth = utc.date(byAdding: .month, value: -1, to: first)!
        let last = ISODay.format(utc.date(byAdding: .day, value: -1, to: nextMonth)!)
        let rows = try await Exchanges(database: request.db).between(raw + "-01", and: last, audience: .members, limit: Self.monthLimit)
        let secret = try await SiteSecrets(database: request.db).value(named: "calendar")
        let token = UnsubscribeToken.make(userID: try request.user!.requireID(), list: Self.tokenList, secret: secret)
        let base = request.application.settings.baseURL
        func t(_ key: String) -> String { request.t(key, language) }
        func month(_ date: Date) -> Layout.Link {
            let key = String(ISODay.format(date).prefix(7))
            return .init(href: SiteURL.exchangesCalendar(language, month: key).path, label: DateFormatting.monthYear(date, language))
        }
        let page = Calendar(
            heading: t("exchange.calendar"), intro: t("exchange.calendar.intro"), month: DateFormatting.monthYear(first, language),
            cards: rows.map { ExchangeCard($0, members: true, request, language) },
            emptyMessage: rows.isEmpty ? t("exchange.calendar.empty") : nil, previous: month(previousMonth), next: month(nextMonth),
            feedLabel: t("exchange.feed.personal"), feedHint: t("exchange.feed.personal.hint"),
            feedURL: base + SiteURL.exchangesFeed(language, token: token).path,
            publicFeed: .init(href: SiteURL.exchangesFeed(language).path, label: t("exchange.feed.public")),
            back: .init(href: SiteURL.exchanges(language).path, label: t("exchange.all")))
        return try await request.render("exchanges/calendar", page, language: language, title: page.heading, section: .exchanges)
    }

    /// The exchanges ending a month ago or later, the soonest ``feedLimit`` first, cancelled ones left out.
    func feed(_ request: Request) async throws -> Response {
        let language = try request.language()
        var members = false
        if let token = try QueryParameters(request).first("token") {
            let secret = try await SiteSecrets(database: request.db).value(named: "calendar")
            guard let userID = UnsubscribeToken.verify(token, list: Self.tokenList, secret: secret),
                  let user = try await UserStore(database: request.db).find(id: userID),
                  AccessPolicy.allows(user.actor, .cooperation(.seeExchangeCalendar)) else { throw Abort(.notFound) }
            members = true
        }
        let base = request.application.settings.baseURL
        let host = URL(string: base)?.host ?? "sankofa"
        let from = ISODay.format(Date().addingTimeInterval(-31 * 86_400))
        let rows = try await Exchanges(database: request.db).between(from, and: "9999-12-31", audience: members ? .members : .everyone, limit: Self.feedLimit)
        let events = rows.map { row -> ICalendar.Event in
            let card = ExchangeCard(row, members: members, request, language)
            let facts = [card.type, card.scope].compactMap { $0 } + card.countries + [card.themes]
            return ICalendar.Event(uid: "exchange-\(row.id)@\(host)", start: row.startsOn, end: row.endsOn, summary: card.heading,
                                   description: facts.filter { !$0.isEmpty }.joined(separator: "\n"), location: card.place,
                                   url: base + SiteURL.exchange(language, id: row.id).path, language: members ? row.language : language)
        }
        let name = "Sankofa – " + request.t(members ? "exchange.calendar" : "exchange.feed.publicName", language)
        let calendar = ICalendar(name: name, events: events, stamp: ISODay.format(Date()))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"sankofa-exchanges-\(language.rawValue).ics\"")
        // A member's feed is theirs: no shared cache may keep it.
        headers.replaceOrAdd(name: .cacheControl, value: members ? "private, no-store" : "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: calendar.render()))
    }
}
