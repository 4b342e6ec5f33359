import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

extension CooperationIsolationTests {
    static let institutionWord = "Kestrelinstitution"
    /// The expert's name as the directory fixtures write it: a person, so a detail.
    static let expertName = "Name kestrelexpert"

    /// An exchange answering `request`, the invited expert on the provider side, with `word` in its
    /// words, the institution word in its parties and contributor, and the detail word in its history
    /// its contribution's source and its outcome report.
    static func exchange(_ app: Application, _ world: World, request: Int, _ word: String, published: Bool) async throws -> Int {
        let record = ExchangeRecord(
            title: "\(word) peer review", description: "The \(word) review of the rehabilitation programme.", language: .en,
            type: .peerReview, status: .agreed, startsOn: "2027-04-06", endsOn: "2027-04-09", place: "\(word) training hall",
            themes: [.prisons], pillars: [.preventingCombating],
            parties: [ExchangeParty(side: .provider, country: "SN", institution: "\(institutionWord) of Senegal", expert: expertSlug),
                      ExchangeParty(side: .beneficiary, country: "KE", institution: "\(institutionWord) of Kenya")],
            requestID: request)
        let exchanges = Exchanges(database: app.db)
        let id = try await exchanges.create(record, createdBy: try world.users["editor"]!.requireID(), now: now)
        try await exchanges.changeStatus(id, to: .underWay, actorID: try world.users["editor"]!.requireID(),
                                         note: "\(detailWord) the trainers arrived", now: now + 1)
        // A contribution: its giver is shown to members; its source is a detail.
        _ = try await Contributions(database: app.db).add(
            ContributionRecord(kind: .financial, contributorKind: .organisation, contributorCountry: "SN",
                               contributorName: "\(institutionWord) Fund", amount: Money(milli: 5_000_000, currency: "USD"),
                               description: "Trainers' travel", givenOn: "2027-04-01", source: "\(detailWord) transfer receipt"),
            exchangeID: id, actorID: try world.users["editor"]!.requireID(), now: now + 1, notify: false)
        // Held, and the beneficiary's outcome report filed: what was learned is a detail.
        try await exchanges.changeStatus(id, to: .held, actorID: try world.users["editor"]!.requireID(), note: "", now: now + 2)
        let requester = world.users["requester"]!
        _ = try await OutcomeReports(database: app.db).file(
            OutcomeReport(language: .en, participants: 3, gender: .init(women: 2, men: 1, unspecified: 0),
                          institutions: [.init(type: .government, count: 3)], capacity: [.init(theme: .prisons, before: 2, after: 4)],
                          learned: "\(detailWord) lessons on peer review."),
            exchangeID: id, side: .beneficiary,
            by: .init(userID: try requester.requireID(), audit: .init(at: now + 3, actorID: try requester.requireID().uuidString,
                                                                      actorEmail: requester.email, action: "report.filed",
                                                                      target: "exchange:\(id)", detail: "", ip: "127.0.0.1")),
            now: now + 3)
        if published {
            for side in [ExchangeSide.provider, .beneficiary] {
                try await exchanges.agree(id, side: side, agreed: true, actorID: try world.users["editor"]!.requireID(), now: now + 2)
            }
        }
        return id
    }

    @Test("Exchanges: a summary for members, a public one only when both sides agreed, details for the people involved",
          arguments: TestEngine.all)
    func exchangesReachOnlyTheirReaders(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await Self.world(app)
            let request = try await Self.request(app, world, Self.membersWord, .members)
            try await Self.invite(app, world, to: request, Self.membersWord)
            let published = try await Self.exchange(app, world, request: request, Self.publicWord, published: true)
            // Those who may read no member's summary: their pages must not move when an exchange without
            // a public summary is written (a list's total or the feed's length would show it).
            var before: [String: [String: String]] = [:]
            for name in ["visitor", "disabled"] {
                for path in Self.surfaces(signedIn: name != "visitor") {
                    before[name, default: [:]][path] = try await world.browsers[name]!.get(path).text
                }
            }
            let hidden = try await Self.exchange(app, world, request: request, Self.hiddenWord, published: false)
            for (name, pages) in before {
                for (path, text) in pages.sorted(by: { $0.key < $1.key }) {
                    let after = try await world.browsers[name]!.get(path).text
                    #expect(after == text, "\(path) as \(name) moved when an unpublished exchange was written: \(Self.difference(after, text))")
                }
            }
            let involved: Set<String> = ["requester", "fpHome", "invited", "editor", "admin"]
            for name in Self.readers {
                let browser = world.browsers[name]!
                let isMember = Self.members.contains(name)
                // Each exchange's own page.
                for (id, word) in [(hidden, Self.hiddenWord), (published, Self.publicWord)] {
                    let path = "/en/exchanges/\(id)"
                    if isMember {
                        let page = try await browser.get(path)
                        #expect(page.status == .ok, "\(path) as \(name) gave \(page.status.code)")
                        #expect(page.text.contains(word), "\(path) as \(name) shows the exchange")
                        #expect(page.text.contains(Self.detailWord) == involved.contains(name), "\(path) as \(name): its history")
                        #expect(page.text.contains(Self.expertName) == involved.contains(name), "\(path) as \(name): its people")
                    } else if id == published {
                        // The public summary: countries, type, themes, dates; none of the members' words.
                        let page = try await browser.get(path)
                        #expect(page.status == .ok, "\(path) as \(name) gave \(page.status.code)")
                        for secret in [Self.publicWord, Self.institutionWord, Self.detailWord, Self.expertName, Self.expertSlug, Self.membersWord] {
                            #expect(!page.text.contains(secret), "\(path) as \(name) shows \(secret)")
                        }
                    } else {
                        try await Self.expectRefused(browser, path, id: id, name)
                    }
                    if !isMember || !involved.contains(name) {
                        for sub in ["edit", "status", "agree", "contributions/new", "reports/provider", "reports/beneficiary",
                                    "reports/beneficiary/follow-up"] {
                            let response = try await browser.get("\(path)/\(sub)")
                            #expect(!response.text.contains(Self.detailWord) && !response.text.contains(Self.expertName), "\(path)/\(sub) as \(name)")
                            #expect([.notFound, .forbidden, .seeOther, .methodNotAllowed].contains(response.status),
                                    "\(path)/\(sub) as \(name) gave \(response.status.code)")
                        }
                    }
                }
                // Lists, calendar, feed, search, API, notifications.
                for surface in Self.surfaces(signedIn: name != "visitor") {
                    let text = try await browser.get(surface).text
                    if !isMember {
                        for secret in [Self.hiddenWord, Self.publicWord, Self.institutionWord, Self.membersWord] {
                            #expect(!text.contains(secret), "\(surface) as \(name) shows \(secret)")
                        }
                    }
                    if !involved.contains(name) {
                        #expect(!text.contains(Self.detailWord) && !text.contains(Self.expertName), "\(surface) as \(name) shows a detail")
                    }
                }
                // A member's own iCal feed (the link on the calendar page): the members' summaries, no details.
                if isMember {
                    let calendar = try await browser.get("/en/exchanges/calendar?month=2027-04").text
                    let token = try #require(calendar.firstMatch(of: /calendar\.ics\?token=([^"&<]+)/)?.1, "the calendar links \(name)'s feed")
                    let feed = try await browser.get("/en/exchanges/calendar.ics?token=\(token)").text
                    #expect(feed.contains(Self.hiddenWord) && feed.contains(Self.publicWord), "\(name)'s feed holds both exchanges")
                    if !involved.contains(name) {
                        #expect(!feed.contains(Self.detailWord) && !feed.contains(Self.expertName), "\(name)'s feed shows a detail")
                    }
                }
                // The API is the same for everyone: the published summary alone, counted alone.
                let api = try await browser.get("/api/v1/exchanges")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
                #expect(body["total"] as? Int == 1, "API total as \(name)")
                #expect(try await browser.get("/api/v1/exchanges/\(hidden)").status == .notFound, "API hidden as \(name)")
                #expect(try await browser.get("/api/v1/exchanges/\(published)").status == .ok, "API published as \(name)")
            }
            // Controls: members' calendar and feed hold both exchanges; the involved see the history.
            let member = world.browsers["member"]!
            for path in ["/en/exchanges", "/en/exchanges/calendar?month=2027-04"] {
                let text = try await member.get(path).text
                #expect(text.contains(Self.hiddenWord) && text.contains(Self.publicWord), "\(path) as a member lists both")
            }
            #expect(try await world.browsers["requester"]!.get("/en/exchanges/\(hidden)").text.contains(Self.detailWord))
        }
    }
}
