import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// Outcome 1 on ``IndicatorCooperationFixture``, every figure worked out by hand below. Counted:
/// reports of held exchanges (E1, E2, E3, E4, E7) by provider and beneficiary sides (NO's partner
/// report on E2 and the report on cancelled E5 are not). Reports:
/// - E1 (2025-Q1): SN 4 people (2 w, 2 m), youth 2→4, prisons 3→4; KE 10 (6 w, 3 m, 1 u), youth
///   1→4, prisons 2→3, adapted a practice; follow-up 2025-10-01: policy yes, mechanism no.
/// - E2 (2025-Q3): IN 5 (1 w, 4 m), youth 2→3; KE+UG 20 (12 w, 8 m), youth 1→3, adapted;
///   follow-up 2026-02-10: framework yes, policy yes, procedure partly.
/// - E3 (2026-Q1): CO 7 (3 w, 3 m, 1 u), education 2→5, adapted.
/// - E4 (2026-Q2): JO, filed then changed: 8 (4 w, 4 m), youth 2→3, education 3→4.
@Suite("Indicators: capacity (outcome 1)")
struct IndicatorCapacityTests {
    typealias F = IndicatorCooperationFixture

    @Test(arguments: TestEngine.all)
    func capacityIndicators(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let ids = try await F.load(on: db)
            let indicators = Indicators(database: db)
            func compute(_ id: IndicatorID, _ filter: IndicatorFilter = .all) async throws -> IndicatorResult {
                try await indicators.compute(id, filter: filter, now: F.now)
            }

            // The filed report's ratings are in outcome_capacity as last changed.
            let sql = db as! any SQLDatabase
            let stored = try await sql.raw("""
                SELECT c.theme, c.before, c.after FROM outcome_capacity c JOIN outcome_reports o ON o.id = c.report_id
                WHERE o.exchange_id = \(bind: ids.e[3]) ORDER BY c.theme
                """).all().map { "\(try $0.decode(column: "theme", as: String.self)) \(try $0.decode(column: "before", as: Int.self))→\(try $0.decode(column: "after", as: Int.self))" }
            #expect(stored == ["education 3→4", "youth 2→3"])

            // Participants: 4 + 10 + 5 + 20 + 7 + 8 = 54; women 2+6+1+12+3+4 = 28, men 2+3+4+8+3+4 = 24,
            // unspecified 1+1 = 2. 2025: 14 (Q1) + 25 (Q3) = 39; 2026: 7 (Q1) + 8 (Q2) = 15.
            let participants = try await compute(.participants)
            #expect(participants.value == .count(54))
            #expect(participants.unit == .count)
            #expect(F.points(participants.byYear) == ["2025=39", "2026=15"])
            #expect(F.points(participants.byQuarter) == ["2025-Q1=14", "2025-Q2=0", "2025-Q3=25", "2025-Q4=0",
                                                         "2026-Q1=7", "2026-Q2=8", "2026-Q3=0", "2026-Q4=0"])
            #expect(F.rows(participants.breakdowns[0]) == ["women=28", "men=24", "unspecified=2"])
            // A side counts in each of its countries (KE+UG's 20 in both), once in its region.
            #expect(F.rows(participants.breakdowns[1]) == ["africa=34", "middleEast=8", "latinAmericaCaribbean=7", "asiaPacific=5"])
            #expect(F.rows(participants.breakdowns[2]) == ["KE=30", "UG=20", "JO=8", "CO=7", "IN=5", "SN=4"])
            #expect(participants.breakdowns.map(\.dimensions) == [[.gender], [.region], [.country]])
            // Education: E3 and E4 (7 + 8); the Middle East: E4 only; pillar II: E2 (5 + 20).
            #expect(try await compute(.participants, .init(theme: .education)).value == .count(15))
            #expect(try await compute(.participants, .init(region: .middleEast)).value == .count(8))
            #expect(try await compute(.participants, .init(pillar: .preventingCombating)).value == .count(25))
            #expect(try await compute(.participants, .init(country: "co")).value == .count(7))

            // Capacity gain: ratings +2 +1 (SN, E1), +3 +1 (KE, E1), +1 (IN), +2 (KE+UG), +3 (CO),
            // +1 +1 (JO): 15 over 9 ratings, from 6 reports. Youth: (2+3+1+2+1)/5; education
            // (3+1)/2; prisons (1+1)/2. 2025-Q1 7/4 (2 reports), 2025-Q3 3/2, 2026-Q1 3/1, 2026-Q2 2/2.
            let gain = try await compute(.capacityGain)
            #expect(gain.unit == .points)
            #expect(F.describe(gain.value) == "1.6667(6)")
            #expect(F.rows(gain.breakdowns[0]) == ["youth=1.8000(5)", "education=2.0000(2)", "prisons=1.0000(2)"])
            #expect(F.points(gain.byQuarter) == ["2025-Q1=1.7500(2)", "2025-Q2=-", "2025-Q3=1.5000(2)", "2025-Q4=-",
                                                 "2026-Q1=3.0000(1)", "2026-Q2=1.0000(1)", "2026-Q3=-", "2026-Q4=-"])
            // 2025: 10 over 6 ratings (4 reports); 2026: 5 over 3 (2 reports).
            #expect(F.points(gain.byYear) == ["2025=1.6667(4)", "2026=1.6667(2)"])
            // A theme keeps its own ratings only: youth 9 / 5 over five reports.
            #expect(F.describe(try await compute(.capacityGain, .init(theme: .youth)).value) == "1.8000(5)")
            #expect(try await compute(.capacityGain, .init(country: "ZZ")).value == .none)

            // Practices adapted: KE on E1 (2025-Q1), KE+UG on E2 (2025-Q3), CO on E3 (2026-Q1); not
            // NO's partner report nor the cancelled exchange's.
            let adapted = try await compute(.practicesAdapted)
            #expect(adapted.value == .count(3))
            #expect(F.points(adapted.byYear) == ["2025=2", "2026=1"])
            #expect(F.points(adapted.byQuarter) == ["2025-Q1=1", "2025-Q2=0", "2025-Q3=1", "2025-Q4=0",
                                                    "2026-Q1=1", "2026-Q2=0", "2026-Q3=0", "2026-Q4=0"])
            #expect(F.rows(adapted.breakdowns[0]) == ["africa=2", "latinAmericaCaribbean=1"])
            #expect(F.rows(adapted.breakdowns[1]) == ["KE=2", "CO=1", "UG=1"])
            // By the exchange's themes: E1 youth and prisons, E2 youth, E3 education.
            #expect(F.rows(adapted.breakdowns[2]) == ["youth=2", "education=1", "prisons=1"])
            #expect(try await compute(.practicesAdapted, .init(region: .latinAmericaCaribbean)).value == .count(1))

            // Adoptions: 1 (E1's follow-up, 2025-Q4) + 2 (E2's, 2026-Q1); the cancelled one's not.
            let adoptions = try await compute(.adoptions)
            #expect(adoptions.value == .count(3))
            #expect(F.points(adoptions.byYear) == ["2025=1", "2026=2"])
            #expect(F.points(adoptions.byQuarter) == ["2025-Q4=1", "2026-Q1=2", "2026-Q2=0", "2026-Q3=0", "2026-Q4=0"])
            #expect(F.rows(adoptions.breakdowns[0]) == ["policy=2", "framework=1", "mechanism=0", "procedure=0"])
            #expect(F.rows(adoptions.breakdowns[1]) == ["africa=3"])
            #expect(F.rows(adoptions.breakdowns[2]) == ["KE=3", "UG=2"])
            #expect(try await compute(.adoptions, .init(theme: .prisons)).value == .count(1))
            #expect(try await compute(.adoptions, .init(theme: .education)).value == .count(0))
            #expect(try await compute(.adoptions, .init(theme: .education)).byYear.isEmpty)
        }
    }

    /// With no cooperation records at all every indicator of outcome 1 is zero or nothing, with
    /// no series.
    @Test(arguments: TestEngine.all)
    func emptyDatabase(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let indicators = Indicators(database: db)
            for id in ProgrammeOutcome.capacity.indicators {
                let result = try await indicators.compute(id, now: F.now)
                #expect(result.value == (id == .capacityGain ? .none : .count(0)), "\(id)")
                #expect(result.byYear.isEmpty && result.byQuarter.isEmpty, "\(id)")
            }
        }
    }
}
