import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The object × role walk of the indicators' suppression: a fixture with small counts (three
/// published practices spread over regions; one public expert in Burkina Faso), walked by a
/// visitor, a member, an expert, a focal point, an editor and an admin, on the page, the CSV, the
/// JSON file and the API. Who sees a small figure exactly is written out here, not asked of the
/// policy: figures of records (published practices) members and staff; figures of people (the
/// directory) staff only. Everyone else reads "fewer than 3" on every surface.
@Suite("Indicator suppression object × role walk")
struct IndicatorRoleWalkTests {
    enum Who: String, CaseIterable, Sendable {
        case visitor, member, expert, focalPoint, editor, admin
        var roles: [Role] {
            switch self {
            case .visitor: []
            case .member: [.member]
            case .expert: [.member, .expert]
            case .focalPoint: [.member, .focalPoint]
            case .editor: [.member, .editor]
            case .admin: [.member, .admin]
            }
        }
        var audience: Audience { self == .visitor ? .visitor : [.editor, .admin].contains(self) ? .staff : .member }
    }

    /// Who sees each indicator's small figures exactly.
    static let exactReaders: [IndicatorID: Set<Who>] = [
        .publishedPractices: [.member, .expert, .focalPoint, .editor, .admin],
        .directory: [.editor, .admin],
    ]

    @Test("small figures: exact for the readers the policy names, \"fewer than 3\" for the rest, on page, CSV, JSON and API",
          arguments: TestEngine.all)
    func walk(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("walk-expert", country: "BF"))
            for who in Who.allCases {
                let browser = Browser(app)
                if who != .visitor {
                    try await TestUsers.make(app, "\(who.rawValue)@example.org", roles: who.roles)
                    try await browser.signIn("\(who.rawValue)@example.org")
                }
                for (id, readers) in Self.exactReaders {
                    let exact = readers.contains(who)
                    #expect(AccessPolicy.allows(Actor(userID: who == .visitor ? nil : "u", status: who == .visitor ? nil : .active, roles: Set(who.roles), country: "KE"), .indicators(.readExact(id.sensitivity))) == exact)
                    let raw = try await Indicators(database: app.db).compute(id, audience: who.audience)
                    // The small rows of one-dimension breakdowns, with the table they are in.
                    let small = raw.breakdowns.enumerated().flatMap { index, breakdown in
                        breakdown.dimensions.count == 1
                            ? breakdown.rows.enumerated().compactMap { IndicatorSuppression.hides($0.element.figure) ? (index, $0.offset, breakdown, $0.element) : nil }
                            : []
                    }
                    try #require(!small.isEmpty, "\(id): the fixture has no small figure")
                    let api = try JSONDecoder().decode(IndicatorDTO.self, from: Data(try await browser.get("/api/v1/indicators/\(id.rawValue)").body.readableBytesView))
                    let file = try JSONDecoder().decode(IndicatorDTO.self, from: Data(try await browser.get("/en/indicators/\(id.rawValue).json").body.readableBytesView))
                    let csv = StrictCSV.parse(try await browser.get("/en/indicators/\(id.rawValue).csv").text)
                    let page = try await browser.get("/en/indicators/\(id.rawValue)").text
                    #expect(api.exact == exact && file.exact == exact, "\(who) \(id)")
                    let text = IndicatorText(catalogs: .bundled, language: .en)
                    for (table, index, breakdown, row) in small {
                        guard case .count(let n) = row.figure else { Issue.record("\(id): a small figure that is not a count"); continue }
                        let expected = exact ? IndicatorFigureDTO(.count(n)) : IndicatorFigureDTO(.fewerThan(3))
                        #expect(api.breakdowns[table].rows[index].figure == expected, "\(who) \(id) API \(row.keys)")
                        #expect(file.breakdowns[table].rows[index].figure == expected, "\(who) \(id) JSON \(row.keys)")
                        let line = csv.first { $0.count > 9 && $0[2] == "by " + breakdown.dimensions[0].rawValue && $0[4] == row.keys[0] }
                        #expect(line?[9] == (exact ? String(n) : ""), "\(who) \(id) CSV \(row.keys)")
                        #expect(line?[11] == (exact ? "shown" : "fewer-than-3"), "\(who) \(id) CSV \(row.keys)")
                        let cell = exact ? NumberFormatting.integer(n, .en) : "fewer than 3"
                        let html = "<tr><th scope=\"row\">\(escapeHTML(text.key(row.keys[0], breakdown.dimensions[0])))</th><td>\(escapeHTML(cell))</td></tr>"
                        #expect(page.contains(html), "\(who) \(id) page lacks \(html)")
                    }
                    // A reader who may not see them exactly finds no small number anywhere in the answers.
                    if !exact {
                        let figures = api.breakdowns.flatMap { $0.rows.map(\.figure) } + api.byYear.map(\.figure) + api.byQuarter.map(\.figure) + [api.value]
                        #expect(!figures.contains { ($0.count ?? 0) > 0 && ($0.count ?? 0) < 3 }, "\(who) \(id)")
                    }
                }
            }
        }
    }
}
