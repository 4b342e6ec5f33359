import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// The course form offers a bounded choice of centres (issue 24): those of the course's country,
/// or those found by name with the form's own search button, never every centre; a search draws
/// the form again as typed and saves nothing.
@Suite("Directory: the course form's choice of centre")
struct CourseCentreChoiceTests {
    /// The options of the form's centre select.
    static func centreOptions(_ html: String) -> [String] {
        guard let start = html.range(of: "<select id=\"f-centre\""), let end = html.range(of: "</select>", range: start.upperBound..<html.endIndex)
        else { return [] }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "<option value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test(arguments: TestEngine.all)
    func theFormOffersAPageOfCentresAndFindsOthersByName(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let centres = CentreStore(database: app.db)
            for n in 0..<(CourseFormFlow.centreChoices + 5) { try await centres.save(DirectoryFixtures.centre(String(format: "bogota-%02d", n), country: "CO")) }
            try await centres.save(DirectoryFixtures.centre("zanzibar-centre", country: "TZ"))
            try await TestUsers.make(app, "trainer@example.org", roles: [.member, .focalPoint], country: "CO")
            let browser = Browser(app)
            try await browser.signIn("trainer@example.org")

            // A page of the country's centres (and "no centre"), with how many there are.
            let form = try await browser.get("/en/courses/new")
            let offered = Self.centreOptions(form.text)
            #expect(offered.count == CourseFormFlow.centreChoices + 1 && offered.first == "" && offered.dropFirst().allSatisfy { $0.hasPrefix("bogota-") })
            #expect(form.text.contains("name=\"refine\""))

            // The search button draws the form again as typed, with the centres found, saving nothing.
            var pairs: [(String, String)] = [
                ("title", "Prison dialogue course"), ("originalLanguage", "en"), ("description", "Five days."), ("eligibility", "Officers"),
                ("howToApply", "Write."), ("themes[]", "prisons"), ("centre", "bogota-29"), ("country", "CO"), ("modality", "remote"),
                ("startDate", "2031-06-02"), ("endDate", "2031-06-06"), ("languages[]", "en"), ("costCoverage", "free"),
                ("centreSearch", "zanzibar"), ("refine", "centreSearch"),
            ]
            let searched = try await browser.post("/en/courses/new", pairs: pairs)
            #expect(searched.status == .ok && searched.text.contains("Prison dialogue course"))
            // The chosen centre stays offered beside what was found.
            #expect(Self.centreOptions(searched.text) == ["", "bogota-29", "zanzibar-centre"])
            #expect(try await CourseStore(database: app.db).all().isEmpty)

            // Saved with a centre beyond the first page: found by its slug, not among a list.
            pairs = pairs.filter { $0.0 != "refine" }
            let created = try await browser.post("/en/courses/new", pairs: pairs)
            #expect(created.status == .seeOther)
            let slug = try #require(created.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            #expect(try await CourseStore(database: app.db).find(slug: slug)?.record.centre == "bogota-29")
            // A centre that is not stored is refused.
            let unknown = try await browser.post("/en/courses/new", pairs: pairs.filter { $0.0 != "centre" } + [("centre", "nowhere")])
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("f-centre-error"))
        }
    }
}
