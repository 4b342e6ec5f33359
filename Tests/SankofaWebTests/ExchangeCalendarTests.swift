import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The members' exchange calendar and its iCal feed: a month at a time for members; the feed
/// through a member's own signed link, checked against the person still being a member; without a
/// link only public summaries, with only their public facts.
@Suite("Exchange calendar")
struct ExchangeCalendarTests {
    /// The month of today and the exchanges the tests put in it.
    static let month = String(ISODay.format(Date()).prefix(7))

    @Test("members read the calendar by month; visitors are sent to sign in; a bad month is a 400", arguments: TestEngine.all)
    func calendarByMonth(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await CooperationFixtures.requester(app, "member@example.org")
            _ = try await ExchangeTests.exchange(app, expert: nil, title: "Review this month", starts: Self.month + "-10", ends: Self.month + "-12")
            _ = try await ExchangeTests.exchange(app, expert: nil, title: "Review long ago", starts: "2019-05-06", ends: "2019-05-08")
            let cancelled = try await ExchangeTests.exchange(app, expert: nil, title: "Cancelled review", starts: Self.month + "-03", ends: Self.month + "-04")
            try await Exchanges(database: app.db).changeStatus(cancelled, to: .cancelled, actorID: nil, note: "", now: CooperationFixtures.now)
            let member = Browser(app)
            try await member.signIn("member@example.org")
            let page = try await member.get("/en/exchanges/calendar").body.string
            #expect(page.contains("Review this month") && !page.contains("Review long ago") && !page.contains("Cancelled review"))
            let old = try await member.get("/fr/exchanges/calendar?month=2019-05")
            #expect(old.status == .ok && old.body.string.contains("Review long ago") && old.body.string.contains("mai 2019"))
            #expect(try await member.get("/en/exchanges/calendar?month=2019-13").status == .badRequest)
            #expect(try await member.get("/en/exchanges/calendar?month=%3Cscript%3E").status == .badRequest)
            #expect(try await Browser(app).get("/en/exchanges/calendar").headers.first(name: .location)?.hasSuffix("/account/login") == true)
        }
    }

    @Test("the feed: a member's signed link holds every exchange; no link, only public summaries; a stale or altered link, nothing", arguments: TestEngine.all)
    func feedBySignedLink(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let member = try await CooperationFixtures.requester(app, "member@example.org")
            try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            let shown = try await ExchangeTests.exchange(app, title: "Agreed review", starts: Self.month + "-10", ends: Self.month + "-12")
            _ = try await ExchangeTests.exchange(app, title: "Private review", starts: Self.month + "-14", ends: Self.month + "-15")
            for side in [ExchangeSide.provider, .beneficiary] {
                try await Exchanges(database: app.db).agree(shown, side: side, agreed: true, actorID: nil, now: CooperationFixtures.now)
            }
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            let page = try await browser.get("/en/exchanges/calendar").body.string
            let link = try #require(firstAttribute("value", of: "input id=\"feed-url\"", in: page))
            let path = String(link.dropFirst(app.settings.baseURL.count)).replacingOccurrences(of: "&amp;", with: "&")
            #expect(path.hasPrefix("/en/exchanges/calendar.ics?token="))

            // No session: a calendar program.
            let feed = try await Browser(app).get(path)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            let text = feed.body.string
            #expect(text.contains("SUMMARY;LANGUAGE=en:Agreed review") && text.contains("SUMMARY;LANGUAGE=en:Private review"))
            #expect(feed.headers.first(name: .cacheControl)?.contains("no-store") == true)

            let publicFeed = try await Browser(app).get("/en/exchanges/calendar.ics").body.string
            #expect(publicFeed.contains("UID:exchange-\(shown)@") && publicFeed.contains("Peer review: Senegal → Kenya"))
            for secret in ["Agreed review", "Private review", "Nairobi", "Dakar", "Name providerexpert"] {
                #expect(!publicFeed.contains(secret), "\(secret)")
            }
            // An altered link and another list's signature are worth nothing, and never fall back to the public feed.
            let token = String(path.split(separator: "=").last!)
            #expect(try await Browser(app).get("/en/exchanges/calendar.ics?token=\(token.dropLast())x").status == .notFound)
            let secret = try await SiteSecrets(database: app.db).value(named: "unsubscribe")
            let forum = UnsubscribeToken.make(userID: try member.requireID(), secret: secret)
            #expect(try await Browser(app).get("/en/exchanges/calendar.ics?token=\(forum)").status == .notFound)
            // The link dies with the membership.
            member.status = AccountStatus.disabled.rawValue
            try await member.save(on: app.db)
            #expect(try await Browser(app).get(path).status == .notFound)
        }
    }
}
