import Fluent
import Foundation
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// The matches page reads every published practice once per catalogue version: seconds at 100,000,
/// so a write elsewhere (a forum post, a profile, an exchange: the site-wide version) must not make
/// the next matches page pay it again, and a practice write must.
@Suite("Matching's candidates")
struct MatchCandidatesCacheTests {
    static func practices(_ groups: [[MatchCandidate]]) -> [String] {
        groups.joined().filter { $0.kind == .practice }.map(\.target).sorted()
    }

    @Test(arguments: TestEngine.all)
    func practicesAreReadAgainOnlyWhenTheCatalogueMoves(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            for n in 1...2 { try await PracticeStore(database: db).save(CatalogueVersionTests.practice("practice-\(n)")) }
            let candidates = MatchCandidates(database: db, cache: MatchCandidates.Cache())
            let today = "2026-12-07"
            #expect(Self.practices(try await candidates.candidates(for: .staff, today: today)) == ["practice-1", "practice-2"])

            // Behind the cache's back (no version moved), one practice leaves the catalogue; then a
            // write elsewhere moves the site-wide version only: the practices are the ones held.
            try await (db as! any SQLDatabase).raw("UPDATE practices SET status = 'draft' WHERE slug = 'practice-2'").run()
            try await DataVersion.bump(on: db)
            #expect(Self.practices(try await candidates.candidates(for: .staff, today: today)) == ["practice-1", "practice-2"])

            // A practice write moves the catalogue's version: the next read sees the catalogue as it is.
            try await DataVersion.bumpCatalogue(on: db)
            #expect(Self.practices(try await candidates.candidates(for: .staff, today: today)) == ["practice-1"])
        }
    }
}
