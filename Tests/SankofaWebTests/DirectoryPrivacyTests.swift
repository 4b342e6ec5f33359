import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The privacy matrix of the issue: visitor, member, staff × every profile field × HTML, JSON,
/// CSV export and search. Each field of each test profile holds a marker naming it, so a test
/// sees exactly which fields reached which reader.
@Suite("Directory privacy matrix")
struct DirectoryPrivacyTests {
    enum Reader: String, CaseIterable { case visitor, member, staff
        var audience: Audience { switch self { case .visitor: .visitor; case .member: .member; case .staff: .staff } }
    }

    static let fields: [ProfileField] = ProfileField.allCases.filter { $0 != .profile }

    /// What marks a field on a page or in JSON: markers, or country/experience names.
    static func markers(_ field: ProfileField, _ mark: String) -> [String] {
        switch field {
        case .title: ["titlemark\(mark)"]
        case .organisation: ["organisationmark\(mark)"]
        case .country: ["Burkina Faso"]
        case .experience: ["Guyana"]
        case .biography: ["biographymark\(mark)"]
        case .links: ["linkmark\(mark)", "publicationmark\(mark)"]
        case .profile: ["Name \(mark)"]
        }
    }

    static func jsonMarkers(_ field: ProfileField, _ mark: String) -> [String] {
        switch field {
        case .country: ["\"country\":\"BF\""]
        case .experience: ["\"experienceCountries\":[\"GY\"]", "\"yearsOfExperience\":17"]
        default: markers(field, mark)
        }
    }

    @Test(arguments: TestEngine.all)
    func everyFieldReachesOnlyItsAudienceInHTMLJSONExportAndSearch(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            // One profile per (field, level): the profile public, that field at the level, the others staff-only.
            var cases: [(slug: String, mark: String, field: ProfileField, level: Visibility)] = []
            for field in Self.fields {
                for level in Visibility.allCases {
                    let slug = "\(field.rawValue.lowercased())-\(level.rawValue)"
                    let mark = slug.replacingOccurrences(of: "-", with: "")
                    var levels = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, Visibility.staff) })
                    levels[field] = level
                    try await DirectoryFixtures.save(app, DirectoryFixtures.expert(slug, fields: levels))
                    cases.append((slug, mark, field, level))
                }
            }
            for level in Visibility.allCases {
                let slug = "whole-\(level.rawValue)"
                try await DirectoryFixtures.save(app, DirectoryFixtures.expert(slug, profile: level,
                    fields: Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, .public) })))
                cases.append((slug, slug.replacingOccurrences(of: "-", with: ""), .profile, level))
            }
            try await TestUsers.make(app, "member@example.org")
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])

            for reader in Reader.allCases {
                let browser = Browser(app)
                if reader == .member { try await browser.signIn("member@example.org") }
                if reader == .staff { try await browser.signIn("editor@example.org") }
                let csv = try await browser.get("/en/experts/export.csv").text
                let list = try await browser.get("/en/experts").text + browser.get("/en/experts?page=2").text
                let json = try await browser.get("/api/v1/experts?perPage=100").text
                for item in cases {
                    let shown = reader.audience.sees(item.level)
                    let html = try await browser.get("/en/experts/\(item.slug)")
                    let single = try await browser.get("/api/v1/experts/\(item.slug)")
                    let context = "\(item.field) at \(item.level) for \(reader) on \(engine)"
                    if item.field == .profile {
                        #expect(html.status == (shown ? .ok : .notFound), "HTML page: \(context)")
                        #expect(single.status == (shown ? .ok : .notFound), "JSON: \(context)")
                        #expect(list.contains("Name \(item.mark)") == shown, "list: \(context)")
                        #expect(json.contains("Name \(item.mark)") == shown, "JSON list: \(context)")
                        #expect(csv.contains("Name \(item.mark)") == shown, "CSV: \(context)")
                        continue
                    }
                    #expect(html.status == .ok && single.status == .ok, "\(context)")
                    for marker in Self.markers(item.field, item.mark) {
                        #expect(html.text.contains(marker) == shown, "HTML \(marker): \(context)")
                    }
                    for marker in Self.jsonMarkers(item.field, item.mark) {
                        #expect(single.text.contains(marker) == shown, "JSON \(marker): \(context)")
                    }
                    let row = csv.split(separator: "\r\n").first { $0.hasPrefix(item.slug + ",") }.map(String.init) ?? ""
                    let csvMarker = item.field == .country ? ",BF," : item.field == .experience ? "GY" : item.field == .links
                        ? "https://example.org/\(item.slug)" : Self.markers(item.field, item.mark)[0]
                    #expect(row.contains(csvMarker) == shown, "CSV \(csvMarker): \(context)")
                    // Search finds a field's words only for readers who may read it.
                    if [.title, .organisation, .biography].contains(item.field) {
                        let word = Self.markers(item.field, item.mark)[0]
                        let hits = try await browser.get("/api/v1/search?q=\(word)").text
                        #expect(hits.contains("\"slug\":\"\(item.slug)\"") == shown, "search \(word): \(context)")
                        let inList = try await browser.get("/en/experts?q=\(word)").text
                        #expect(inList.contains("Name \(item.mark)") == shown, "directory q \(word): \(context)")
                    }
                }
                // The e-mail address is never shown, to anyone, anywhere.
                for text in [csv, list, json] { #expect(!text.contains("hidden.example.org"), "address leaked to \(reader)") }
                for item in cases {
                    #expect(!(try await browser.get("/en/experts/\(item.slug)").text.contains("hidden.example.org")))
                    #expect(!(try await browser.get("/api/v1/experts/\(item.slug)").text.contains("hidden.example.org")))
                }
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func refusalsAndEndorsementsNeverRevealWhatIsHidden(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("hidden", profile: .staff))
            var endorsed = DirectoryFixtures.expert("endorsed", country: "NG", fields: [.country: .staff])
            endorsed.endorsements = [EndorsementRecord(by: "nigerian-focal", date: "2026-05-14")]
            var focal = DirectoryFixtures.expert("nigerian-focal", country: "NG", fields: [.country: .public])
            focal.focalPointFor = "country"
            try await DirectoryFixtures.save(app, focal)
            try await DirectoryFixtures.save(app, endorsed)
            #expect(try await ExpertStore(database: app.db).find(slug: "endorsed")?.endorsements.count == 1)

            // The edit page of a hidden profile answers like that of a profile that does not exist.
            let user = try await TestUsers.make(app, "fp.ng@example.org", roles: [.member, .focalPoint], country: "NG")
            _ = user
            let member = Browser(app)
            try await member.signIn("fp.ng@example.org")
            for path in ["/en/experts/hidden/edit", "/en/experts/no-such-person/edit"] {
                #expect(try await member.get(path).status == .notFound, "\(path)")
            }
            // The endorser (a focal point of Nigeria, public) is not named where Nigeria is hidden.
            let page = try await member.get("/en/experts/endorsed").text
            #expect(page.contains("Endorsed by a focal point of the country") && !page.contains("Name nigerianfocal"))
            #expect(!(try await member.get("/api/v1/experts/endorsed").text.contains("nigerian-focal")))
            // A Nigerian focal point who cannot see the country is refused like anyone else.
            #expect(!page.contains("/en/experts/endorsed/endorse"))
            #expect(try await member.post("/en/experts/endorsed/endorse", [:]).status == .forbidden)
            #expect(try await ExpertStore(database: app.db).find(slug: "endorsed")?.endorsements.count == 1)
            // An endorsement from another country's focal point in a data file is not recorded.
            var foreign = DirectoryFixtures.expert("kenyan-focal", country: "KE")
            foreign.focalPointFor = "country"
            try await DirectoryFixtures.save(app, foreign)
            endorsed.endorsements.append(EndorsementRecord(by: "kenyan-focal", date: "2026-06-01"))
            try await DirectoryFixtures.save(app, endorsed)
            #expect(try await ExpertStore(database: app.db).find(slug: "endorsed")?.endorsements.count == 1)
        }
    }

    @Test(arguments: TestEngine.all)
    func facetsNeverCountAHiddenField(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("open", country: "NE", fields: [.country: .public]))
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("closed", country: "NE", fields: [.country: .members]))
            let visitor = try await app.get("/api/v1/experts?country=NE").text
            #expect(visitor.contains("\"total\":1"))
            #expect(visitor.contains("{\"count\":1,\"value\":\"NE\"}"))
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            let member = try await browser.get("/api/v1/experts?country=NE").text
            #expect(member.contains("\"total\":2"))
        }
    }

    /// The home page counts the profiles each reader may see in the database, without reading
    /// them: the count must be what the directory lists for that reader (visitor, member, an
    /// expert reading their own staff-only profile, staff), a profile with no level chosen being
    /// members-only.
    @Test(arguments: TestEngine.all)
    func theCountOfProfilesIsWhatTheDirectoryShowsEachReader(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            for level in Visibility.allCases {
                try await DirectoryFixtures.save(app, DirectoryFixtures.expert("open-\(level.rawValue)", profile: level))
            }
            var unset = DirectoryFixtures.expert("unset")
            unset.visibility = .protective
            try await DirectoryFixtures.save(app, unset)
            let owner = try await TestUsers.make(app, "owner@example.org")
            let ownerID = try owner.requireID()
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("own-staff", profile: .staff), owner: ownerID)
            let all = try await ExpertStore(database: app.db).all()
            let readers: [(Actor, Int)] = [
                (Actor(), 1),
                (Actor(userID: UUID().uuidString, status: .active, roles: [.member]), 3),
                (Actor(userID: ownerID.uuidString, status: .active, roles: [.member]), 4),
                // The same account while disabled is no member: its own staff-only profile is not read.
                (Actor(userID: ownerID.uuidString, status: .disabled, roles: [.member]), 1),
                (Actor(userID: UUID().uuidString, status: .active, roles: [.member, .editor]), 5),
            ]
            for (actor, count) in readers {
                let listed = all.filter { $0.record.visible(to: AccessPolicy.audience(actor, owner: $0.userID?.uuidString)) != nil }.count
                #expect(try await ExpertDirectory.count(for: actor, on: app.db) == listed)
                #expect(listed == count)
            }
            // The home page shows the owner's count.
            let browser = Browser(app)
            try await browser.signIn("owner@example.org")
            let home = try await browser.get("/en")
            #expect(home.status == .ok)
            let experts = Catalogs.bundled.text("experts.heading", .en)
            #expect(home.text.contains(#"<a href="/en/experts"><span>\#(experts)</span> <span class="count">4</span></a>"#))
        }
    }
}
