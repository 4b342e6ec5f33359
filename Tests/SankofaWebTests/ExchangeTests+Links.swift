import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

extension ExchangeTests {
    @Test("the details' readers see a party's centre and a linked course by name, in the page's language", arguments: TestEngine.all)
    func centreAndCourseLinks(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await CooperationFixtures.staff(app)
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "nairobi-academy")
            let record = ExchangeRecord(title: "Academy twinning", language: .en, type: .peerReview, startsOn: "2026-03-02", endsOn: "2026-03-06", place: "Nairobi",
                                        themes: [.prisons],
                                        parties: [ExchangeParty(side: .provider, country: "SN", institution: "Dakar Prison Academy"),
                                                  ExchangeParty(side: .beneficiary, country: "KE", centre: "nairobi-academy")],
                                        courses: ["nairobi-academy"])
            let id = try await Exchanges(database: app.db).create(record, createdBy: nil, now: CooperationFixtures.now)
            let staff = Browser(app)
            try await staff.signIn("staff@example.org")
            let english = try await staff.get("/en/exchanges/\(id)").body.string
            #expect(english.contains("href=\"/en/centres/nairobi-academy\"") && english.contains("Centre nairobi-academy"))
            #expect(english.contains("href=\"/en/courses/nairobi-academy\""))
            let arabic = try await staff.get("/ar/exchanges/\(id)").body.string
            #expect(arabic.contains("href=\"/ar/centres/nairobi-academy\"") && arabic.contains("مركز nairobi-academy"))
        }
    }
}
