import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Every form of the cooperation cycle, found on its pages with real records (HostileInputTests
/// sweeps the site's forms with route values that name no cooperation record, so it never reaches
/// these): markup is escaped wherever it comes back, a 1 MB field and an unknown choice are a 4xx
/// (never a 5xx, never an engine's error), a wrong CSRF token changes nothing, and a form naming a
/// record its sender may not read answers as one naming a record that does not exist (404, not 403).
/// The owners' tests check each form's own rules; this one only what every form must share.
@Suite("Cooperation hostile input")
struct CooperationHostileInputTests {
    static let script = "<script>alert(1)</script>"
    /// Active members: refused a record they may not read, they get a 404 (a visitor may be sent to sign in).
    static let vetted: Set<String> = ["fpOther", "member", "translator"]

    /// The pages holding the cycle's forms for `request` and `exchange`.
    static func pages(request: Int, exchange: Int) -> [String] {
        ["/en/requests/new", "/en/requests/\(request)", "/en/requests/\(request)/edit", "/en/requests/\(request)/matches",
         "/en/exchanges/new", "/en/exchanges/\(exchange)", "/en/exchanges/\(exchange)/edit",
         "/en/exchanges/\(exchange)/contributions/new", "/en/exchanges/\(exchange)/reports/provider",
         "/en/exchanges/\(exchange)/reports/beneficiary", "/en/invitations"]
    }

    /// The select fields of a page (a choice from a vocabulary: an unknown value must be refused).
    static func selects(_ html: String) -> Set<String> {
        let select = try! NSRegularExpression(pattern: "<select\\b[^>]*\\bname=\"([^\"]+)\"")
        return Set(select.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range(at: 1), in: html)!]) })
    }

    @Test("Markup, 1 MB fields, unknown choices and wrong CSRF tokens in every form of the cycle", arguments: TestEngine.all)
    func everyFormHoldsAgainstHostileValues(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await CooperationIsolationTests.world(app)
            let request = try await CooperationIsolationTests.request(app, world, "Hostileplan", .members)
            try await CooperationIsolationTests.invite(app, world, to: request, "Hostileplan")
            let exchange = try await CooperationIsolationTests.exchange(app, world, request: request, "Hostileplan", published: false)
            var tried: Set<String> = []
            for name in ["admin", "requester", "invited", "fpHome"] {
                let browser = world.browsers[name]!
                for path in Self.pages(request: request, exchange: exchange) {
                    let page = try await browser.get(path)
                    guard page.status == .ok else { continue }
                    let selects = Self.selects(page.text)
                    for form in HostileInputTests.postForms(page.text) where !tried.contains(form.action) {
                        guard !["logout", "delete"].contains(where: form.action.contains) else { continue }
                        tried.insert(form.action)
                        let fields = form.fields.filter { $0 != "csrf" }
                        let shown = "\(form.action) from \(path) as \(name)"
                        // A wrong token: refused before anything is read.
                        try await browser.get(path)
                        let forged = try await browser.post(form.action, Dictionary(uniqueKeysWithValues: fields.map { ($0, "x") }), csrf: "forged")
                        #expect(forged.status == .forbidden, "\(shown) with a wrong CSRF token: \(forged.status.code)")
                        // Markup: never a 5xx, never shown as markup, here or on the page after.
                        try await browser.get(path)
                        let marked = try await browser.post(form.action, Dictionary(uniqueKeysWithValues: fields.map { ($0, Self.script) }))
                        #expect(marked.status.code < 500, "\(shown) with markup: \(marked.status.code)")
                        #expect(!marked.text.contains(Self.script), "\(shown) echoes markup")
                        #expect(!(try await browser.get(path)).text.contains(Self.script), "\(path) shows markup after \(form.action)")
                        for leak in HostileInputTests.leaks { #expect(!marked.text.contains(leak), "\(shown) shows \(leak)") }
                        // 1 MB in every field: a 4xx (the form or the body limit), never kept.
                        try await browser.get(path)
                        let huge = try await browser.post(form.action, Dictionary(uniqueKeysWithValues: fields.map { ($0, String(repeating: "a", count: 1 << 20)) }))
                        #expect((400..<500).contains(Int(huge.status.code)), "\(shown) with 1 MB fields: \(huge.status.code)")
                        // An unknown choice in each select, the rest left as the page has it: a 4xx.
                        for select in selects where fields.contains(select) {
                            try await browser.get(path)
                            let bad = try await browser.post(form.action, [select: "no-such-\(select)"])
                            #expect((400..<500).contains(Int(bad.status.code)), "\(shown) with \(select)=no-such: \(bad.status.code)")
                        }
                    }
                }
            }
            #expect(tried.count >= 8, "forms found: \(tried.sorted())")
        }
    }

    @Test("A form naming a request or exchange one may not read answers as for one that does not exist", arguments: TestEngine.all)
    func formsOnRecordsOneMayNotReadAre404(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await CooperationIsolationTests.world(app)
            let members = try await CooperationIsolationTests.request(app, world, "Hostileopen", .members)
            let hidden = try await CooperationIsolationTests.request(app, world, "Hostilehidden", .staff)
            let exchange = try await CooperationIsolationTests.exchange(app, world, request: members, "Hostileexchange", published: false)
            // Actions on the staff-only request, tried by members who may not read it; actions on
            // the exchange (members read its summary), tried by a visitor and a disabled account.
            let requestActions = ["edit", "step", "comments", "matches", "matches/1/invite"].map { "/en/requests/\(hidden)/\($0)" }
            let exchangeActions = ["edit", "status", "agree", "contributions/new", "contributions/1/edit", "contributions/1/delete",
                                   "reports/provider", "reports/beneficiary/follow-up"].map { "/en/exchanges/\(exchange)/\($0)" }
            for (names, actions, id) in [(["fpOther", "member", "translator", "disabled", "visitor"], requestActions, hidden),
                                         (["visitor", "disabled"], exchangeActions, exchange)] {
                for name in names {
                    let browser = world.browsers[name]!
                    for action in actions {
                        let unknownAction = CooperationIsolationTests.unnumbered(action, id)
                        // A page with the session's CSRF token first (the account's page; the sign-in page for a visitor).
                        let tokenPage = name == "visitor" ? "/en/account/login" : "/en/account"
                        try await browser.get(tokenPage)
                        let response = try await browser.post(action, ["body": "Hostile", "step": "close", "status": "cancelled", "side": "provider"])
                        try await browser.get(tokenPage)
                        let unknown = try await browser.post(unknownAction, ["body": "Hostile", "step": "close", "status": "cancelled", "side": "provider"])
                        if Self.vetted.contains(name) { #expect(response.status == .notFound, "POST \(action) as \(name): \(response.status.code), not 404") }
                        #expect(response.status == unknown.status, "POST \(action) as \(name): \(response.status.code), unknown \(unknown.status.code)")
                        let refused = CooperationIsolationTests.unnumbered(response.text, id)
                        #expect(refused == unknown.text, "POST \(action) as \(name): \(CooperationIsolationTests.difference(refused, unknown.text))")
                    }
                }
            }
            // Nothing moved: the staff-only request is still open, with no comment from them.
            let facts = try #require(try await RequestLookup(database: app.db).request(hidden))
            #expect(facts.status == .open)
            #expect(try await Requests(database: app.db).history(hidden).allSatisfy { !$0.body.contains("Hostile") })
            #expect(try #require(try await ExchangeLookup(database: app.db).exchange(exchange)).status == .held)
        }
    }
}
