import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// The directories are filtered, counted, sorted and paged by the engine (issue 24). On a fixture
/// of varied profiles, centres and courses, every answer of the JSON lists (total, entries and
/// their order, every facet's counts) equals a brute-force count over what each reader may see
/// (``BruteForceFacets``), for several filter combinations and every kind of reader.
@Suite("Directory counts: the engine against a brute-force count")
struct DirectoryCountsTests {
    struct ListJSON: Decodable {
        struct Item: Decodable { var slug: String }
        struct Facet: Decodable { var value: String; var count: Int }
        var total: Int
        var items: [Item]
        var facets: [String: [Facet]]
        var counts: [String: [String: Int]] {
            facets.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.value, $0.count) }) }
        }
    }

    static let expertFacets = ["country", "region", "theme", "pillar", "language", "offer", "availability", "modality", "experience"]

    /// A deterministic mix: names in several scripts, with accents and capitals; every privacy
    /// level for the profile, the country and the experience; offers available now, never, from
    /// a past day and from days to come.
    static func experts() -> [ExpertRecord] {
        let names = ["Ámina Diallo", "amina Bello", "Zoë Chen", "Émile Ngono", "Lin Wei", "Ñusta Quispe", "ahmed Karim", "Олег Петров",
                     "李明", "سارة علي", "Ana Ruiz", "ana ruiz"]
        let countries = ["NG", "KE", "BF", "CO", "ID", "PK", "EG", "FR"]
        let days: [Availability] = [.now, .notAvailable, .from("2020-01-01"), .from("2099-01-01"), .from("2098-06-01")]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func some<T>(_ all: [T], upTo count: Int) -> [T] { (0..<(1 + next(count))).map { _ in all[next(all.count)] } }
        return (0..<48).map { index in
            let levels: [ProfileField: Visibility] = [
                .profile: Visibility.allCases[next(3) == 0 ? 1 : next(3)], .country: Visibility.allCases[next(3)],
                .experience: Visibility.allCases[next(3)],
            ]
            var record = DirectoryFixtures.expert("p\(index)", country: countries[next(countries.count)], fields: levels)
            record.visibility = ProfileVisibility(levels)
            record.name = names[index % names.count] + (index < names.count ? "" : " \(index / names.count)")
            record.themes = Array(Set(some(Array(Theme.allCases.prefix(5)), upTo: 3)))
            record.pillars = Array(Set(some(Pillar.allCases, upTo: 2)))
            record.languages = Array(Set(some(["en", "fr", "ar", "sw"], upTo: 3))).map { WorkingLanguage(code: $0, level: .fluent) }
            record.experienceKinds = next(4) == 0 ? [] : Array(Set(some(ExperienceKind.allCases, upTo: 2)))
            let first = next(OfferType.allCases.count)
            record.offers = (0..<next(3)).map { offset in
                Offer(type: OfferType.allCases[(first + offset) % OfferType.allCases.count], modality: Array(Set(some(Modality.offerChoices, upTo: 2))),
                      languages: ["en"], availability: days[next(days.count)])
            }
            return record
        }
    }

    @Test(arguments: TestEngine.all)
    func expertFacetCountsPagesAndOrderEqualABruteForceCountForEveryReader(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await TestUsers.make(app, "owner@example.org", roles: [.member, .expert])
            let other = try await TestUsers.make(app, "other@example.org", roles: [.member, .expert])
            try await TestUsers.make(app, "member@example.org")
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            for (index, record) in Self.experts().enumerated() {
                var record = record
                // The owner's own profile is staff-only: only they (as staff) and staff read it.
                if index == 0 { record.visibility = ProfileVisibility([.profile: .staff]) }
                try await DirectoryFixtures.save(app, record, owner: index == 0 ? try owner.requireID() : index == 1 ? try other.requireID() : nil)
            }
            let stored = try await ExpertStore(database: app.db).all()
            let today = ISODay.format(Date())
            let readers: [(name: String, email: String?, actor: Actor)] = [
                ("visitor", nil, Actor()),
                ("member", "member@example.org", Actor(userID: UUID().uuidString, status: .active, roles: [.member])),
                ("owner", "owner@example.org", Actor(userID: try owner.requireID().uuidString, status: .active, roles: [.member, .expert])),
                ("staff", "editor@example.org", Actor(userID: UUID().uuidString, status: .active, roles: [.member, .editor])),
            ]
            let selections: [[String: [String]]] = [
                [:], ["theme": [Theme.allCases[0].rawValue]], ["theme": [Theme.allCases[0].rawValue, Theme.allCases[1].rawValue], "country": ["NG", "KE"]],
                ["availability": ["availableNow"]], ["availability": ["availableLater", "notAvailable"], "offer": ["mentoring", "training"]],
                ["language": ["fr"], "modality": ["remote"], "experience": ["research"]], ["region": ["africa"], "pillar": ["2"]],
                ["country": ["FR"], "region": ["partner", "asiaPacific"]],
            ]
            for reader in readers {
                let browser = Browser(app)
                if let email = reader.email { try await browser.signIn(email) }
                let views = stored.compactMap { $0.record.visible(to: AccessPolicy.audience(reader.actor, owner: $0.userID?.uuidString)) }
                let items = views.sorted { BruteForceFacets.nameOrder(($0.name, $0.slug), ($1.name, $1.slug)) }
                    .map { BruteForceFacets.expert($0, today: today) }
                for selected in selections {
                    let expected = BruteForceFacets.apply(items, facets: Self.expertFacets, selected: selected)
                    let query = selected.flatMap { facet, values in values.map { "\(facet)=\($0)" } }.joined(separator: "&")
                    let answer = try JSONDecoder().decode(ListJSON.self, from: Data(try await browser.get("/api/v1/experts?perPage=100&\(query)").text.utf8))
                    let context = "\(reader.name) \(selected) on \(engine)"
                    #expect(answer.total == expected.matching.count, "total: \(context)")
                    #expect(answer.items.map(\.slug) == expected.matching.map(\.slug), "entries in name order: \(context)")
                    for facet in Self.expertFacets {
                        #expect(answer.counts[facet] ?? [:] == expected.counts[facet] ?? [:], "\(facet) counts: \(context)")
                    }
                }
                // Pages cut the same list; the HTML list counts what the API does.
                let all = BruteForceFacets.apply(items, facets: Self.expertFacets, selected: [:]).matching.map(\.slug)
                for page in 1...3 {
                    let answer = try JSONDecoder().decode(ListJSON.self, from: Data(try await browser.get("/api/v1/experts?perPage=7&page=\(page)").text.utf8))
                    #expect(answer.items.map(\.slug) == Array(all.dropFirst((page - 1) * 7).prefix(7)), "page \(page): \(reader.name) on \(engine)")
                }
                let html = try await browser.get("/en/experts").text
                #expect(html.contains(Catalogs.bundled.plural("experts.count", count: all.count, .en)), "HTML count: \(reader.name)")
                #expect(try await ExpertDirectory.count(for: reader.actor, on: app.db) == all.count, "home count: \(reader.name)")
            }
        }
    }

    /// Migration 013 projects the profiles that exist before it (a disabled account's profile
    /// included, which it leaves out), and `sankofa search reindex` rebuilds the projection.
    @Test(arguments: TestEngine.all)
    func existingProfilesAreProjectedByTheMigrationAndByAReindex(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .demo) { app in
            let owner = try await TestUsers.make(app, "owner@example.org", roles: [.member, .expert])
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("owned", profile: .public), owner: try owner.requireID())
            let before = try await app.get("/api/v1/experts?perPage=100").text
            #expect(before.contains("\"slug\":\"owned\""))
            // Disabled behind the application's back, as an account could be before migration 013.
            owner.status = AccountStatus.disabled.rawValue
            try await owner.save(on: app.db)
            try await ProjectExpertsPerAudience().revert(on: app.db)
            try await ProjectExpertsPerAudience().prepare(on: app.db)
            let migrated = try JSONDecoder().decode(ListJSON.self, from: Data(try await app.get("/api/v1/experts?perPage=100").text.utf8))
            let listed = try JSONDecoder().decode(ListJSON.self, from: Data(before.utf8)).items.map(\.slug)
            #expect(migrated.items.map(\.slug) == listed.filter { $0 != "owned" } && listed.count > 20)
            #expect(try await app.get("/en/experts/owned").status == .notFound)
            owner.status = AccountStatus.active.rawValue
            try await owner.save(on: app.db)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM expert_view_values").run()
            try await sql.raw("DELETE FROM expert_views").run()
            try await ExpertStore(database: app.db).reindexAll()
            #expect(try await app.get("/api/v1/experts?perPage=100").text == before)
            #expect(try await app.get("/en/experts/owned").status == .ok)
        }
    }

    @Test(arguments: TestEngine.all)
    func centreAndCourseCountsAndOrderEqualABruteForceCount(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let countries = ["NG", "KE", "CO", "ID", "EG", "FR"]
            var centres: [CentreRecord] = [], courses: [CourseRecord] = []
            for index in 0..<14 {
                var centre = DirectoryFixtures.centre("centre-\(index)", country: countries[index % countries.count])
                centre.type = CentreType.allCases[index % CentreType.allCases.count]
                centre.themes = [Theme.allCases[index % 4], Theme.allCases[(index * 3) % 5]]
                centres.append(centre)
                try await CentreStore(database: app.db).save(centre)
            }
            let dates = [("2020-01-06", "2020-01-10"), ("2020-03-01", "2099-12-31"), ("2098-02-01", "2098-02-03"), ("2098-02-01", "2098-03-01"),
                         ("2097-11-05", "2097-11-06"), ("2021-05-01", "2021-05-02")]
            for index in 0..<20 {
                let (start, end) = dates[index % dates.count]
                var course = DirectoryFixtures.course("course-\(index)", country: countries[(index * 5) % countries.count], start: start, end: end,
                                                      modality: Modality.allCases[index % 3], languages: [["en"], ["fr", "ar"], ["es"]][index % 3],
                                                      cost: CostCoverage.allCases[index % 4])
                course.themes = [Theme.allCases[index % 3]]
                courses.append(course)
                try await CourseStore(database: app.db).save(course)
            }
            let today = ISODay.format(Date())
            let centreItems = centres.sorted { $0.slug.utf8.lexicographicallyPrecedes($1.slug.utf8) }.map(BruteForceFacets.centre)
            let current = courses.filter { !$0.isPast(today: today) }.sorted { ($0.startDate, $0.slug) < ($1.startDate, $1.slug) }
            let past = courses.filter { $0.isPast(today: today) }.sorted { ($0.startDate, $0.slug) > ($1.startDate, $1.slug) }
            let courseItems = (current + past).map { BruteForceFacets.course($0, today: today) }
            let lists: [(path: String, items: [BruteForceFacets.Item], facets: [String], selections: [[String: [String]]])] = [
                ("/api/v1/centres", centreItems, ["country", "region", "theme", "type"],
                 [[:], ["type": ["academic"]], ["country": ["NG", "KE"], "theme": [Theme.allCases[0].rawValue]], ["region": ["africa"], "type": ["ngo", "un"]]]),
                ("/api/v1/courses", courseItems, ["when", "month", "country", "region", "theme", "language", "modality", "cost"],
                 [[:], ["when": ["upcoming"]], ["when": ["ongoing", "past"], "language": ["fr"]], ["month": ["2098-02"], "cost": ["free", "fee"]],
                  ["modality": ["remote"], "region": ["africa", "partner"], "theme": [Theme.allCases[1].rawValue]]]),
            ]
            for list in lists {
                for selected in list.selections {
                    let expected = BruteForceFacets.apply(list.items, facets: list.facets, selected: selected)
                    let query = selected.flatMap { facet, values in values.map { "\(facet)=\($0)" } }.joined(separator: "&")
                    let answer = try JSONDecoder().decode(ListJSON.self, from: Data(try await app.get("\(list.path)?perPage=100&\(query)").text.utf8))
                    let context = "\(list.path) \(selected) on \(engine)"
                    #expect(answer.total == expected.matching.count, "total: \(context)")
                    #expect(answer.items.map(\.slug) == expected.matching.map(\.slug), "entries in order: \(context)")
                    for facet in list.facets {
                        #expect(answer.counts[facet] ?? [:] == expected.counts[facet] ?? [:], "\(facet) counts: \(context)")
                    }
                }
            }
        }
    }
}
