import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// Outcome 2 on ``IndicatorCooperationFixture``, every figure worked out by hand below. Held:
/// E1 (2025-Q1, SN→KE, bilateral), E2 (2025-Q3, IN→KE+UG with NO, inter-regional and
/// triangular), E3 (2026-Q1, BR→CO, bilateral), E7 (2026-Q1, SN→KE, bilateral), E4 (2026-Q2,
/// KE→JO, inter-regional). Not counted: E5 (cancelled), E6 (agreed, not held).
@Suite("Indicators: exchanges (outcome 2)")
struct IndicatorExchangeTests {
    typealias F = IndicatorCooperationFixture

    @Test(arguments: TestEngine.all)
    func exchangeIndicators(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            _ = try await F.load(on: db)
            let indicators = Indicators(database: db)
            func compute(_ id: IndicatorID, _ filter: IndicatorFilter = .all) async throws -> IndicatorResult {
                try await indicators.compute(id, filter: filter, now: F.now)
            }

            // By scope: bilateral E1, E3, E7; inter-regional E2, E4; triangular E2 beside.
            let scope = try await compute(.exchangesByScope)
            #expect(scope.value == .count(5))
            #expect(F.points(scope.byYear) == ["2025=2", "2026=3"])
            #expect(F.points(scope.byQuarter) == ["2025-Q1=1", "2025-Q2=0", "2025-Q3=1", "2025-Q4=0",
                                                  "2026-Q1=2", "2026-Q2=1", "2026-Q3=0", "2026-Q4=0"])
            #expect(F.rows(scope.breakdowns[0]) == ["national=0", "bilateral=3", "regional=0", "interRegional=2", "triangular=1"])
            #expect(F.rows(scope.breakdowns[1]) == ["national=0.0000(0)", "bilateral=0.6000(3)", "regional=0.0000(0)",
                                                    "interRegional=0.4000(2)", "triangular=0.2000(1)"])
            #expect(F.rows(scope.breakdowns[2]) == ["2025/national=0", "2025/bilateral=1", "2025/regional=0", "2025/interRegional=1",
                                                    "2026/national=0", "2026/bilateral=2", "2026/regional=0", "2026/interRegional=1"])
            // Filters: an African party in E1, E2, E4, E7; CO in E3 only; youth in E1, E2, E4; pillar II in E2.
            #expect(try await compute(.exchangesByScope, .init(region: .africa)).value == .count(4))
            #expect(try await compute(.exchangesByScope, .init(country: "co")).value == .count(1))
            #expect(try await compute(.exchangesByScope, .init(theme: .youth)).value == .count(3))
            #expect(try await compute(.exchangesByScope, .init(pillar: .preventingCombating)).value == .count(1))
            #expect(try await compute(.exchangesByScope, .init(region: .africa, theme: .education)).value == .count(1))

            // Flows: Africa→Africa E1, E7; Asia-Pacific→Africa E2; LAC→LAC E3; Africa→Middle East E4.
            // Between regions: E2 (2025-Q3) and E4 (2026-Q2).
            let flows = try await compute(.regionFlows)
            #expect(flows.value == .count(2))
            #expect(F.points(flows.byYear) == ["2025=1", "2026=1"])
            #expect(F.points(flows.byQuarter) == ["2025-Q3=1", "2025-Q4=0", "2026-Q1=0", "2026-Q2=1", "2026-Q3=0", "2026-Q4=0"])
            let cells = F.rows(flows.breakdowns[0])
            #expect(cells.count == 16)
            #expect(cells.filter { !$0.hasSuffix("=0") } == ["africa/africa=2", "africa/middleEast=1", "asiaPacific/africa=1",
                                                             "latinAmericaCaribbean/latinAmericaCaribbean=1"])
            #expect(flows.breakdowns[0].dimensions == [.fromRegion, .toRegion])
            #expect(try await compute(.regionFlows, .init(region: .latinAmericaCaribbean)).value == .count(0))

            // Pairs: KE–SN (E1, E7), IN–KE and IN–UG (E2), BR–CO (E3), JO–KE (E4). 2025: KE–SN,
            // IN–KE, IN–UG; 2026: BR–CO, KE–SN, JO–KE.
            let pairs = try await compute(.countryPairs)
            #expect(pairs.value == .count(5))
            #expect(F.points(pairs.byYear) == ["2025=3", "2026=3"])
            #expect(F.points(pairs.byQuarter) == ["2025-Q1=1", "2025-Q2=0", "2025-Q3=2", "2025-Q4=0",
                                                  "2026-Q1=2", "2026-Q2=1", "2026-Q3=0", "2026-Q4=0"])
            #expect(F.rows(pairs.breakdowns[0]) == ["KE/SN=2", "BR/CO=1", "IN/KE=1", "IN/UG=1", "JO/KE=1"])
            // KE's exchanges E1, E2, E4, E7: KE–SN, IN–KE, IN–UG (E2 has KE), JO–KE.
            #expect(try await compute(.countryPairs, .init(country: "KE")).value == .count(4))

            // Request to exchange, whole days from the submission's day to the first held exchange:
            // R1 2025-01-01 → E1 2025-03-10: 68 (E7 later); R2 2025-06-01 → E2 2025-08-01: 61;
            // R4 2025-12-20 → E3 2026-02-15: 57; R3 2026-01-01 → E4 2026-05-20: 139. R5's exchange
            // is not held. Median of 57, 61, 68, 139: 64.5.
            let timing = try await compute(.requestToExchange)
            #expect(timing.unit == .days)
            #expect(F.describe(timing.value) == "64.5000(4)")
            #expect(F.points(timing.byYear) == ["2025=64.5000(2)", "2026=98.0000(2)"])
            #expect(F.points(timing.byQuarter) == ["2025-Q1=68.0000(1)", "2025-Q2=-", "2025-Q3=61.0000(1)", "2025-Q4=-",
                                                   "2026-Q1=57.0000(1)", "2026-Q2=139.0000(1)", "2026-Q3=-", "2026-Q4=-"])
            #expect(F.rows(timing.breakdowns[0]) == ["africa=64.5000(2)", "middleEast=139.0000(1)", "latinAmericaCaribbean=57.0000(1)"])
            // KE's exchanges E1, E2, E4 (E7 is R1's second): 61, 68, 139.
            #expect(F.describe(try await compute(.requestToExchange, .init(country: "KE")).value) == "68.0000(3)")
            #expect(try await compute(.requestToExchange, .init(theme: .online)).value == .none)

            // Contributions to exchanges not cancelled (E5's 999 USD is not counted): KE 1,000 USD
            // (2025-03-01), NO 2,500.50 USD and 10,000 NOK (2025-07), BR a venue worth 500 BRL
            // (2026-02-01), KE trainers (2026-05-01), SN 2,000,000 XOF to agreed E6 (2026-08-01).
            let money = try await compute(.contributions)
            #expect(money.unit == .money)
            #expect(money.value == .none)
            #expect(F.points(money.byYear) == ["2025=3", "2026=3"])
            #expect(F.points(money.byQuarter) == ["2025-Q1=1", "2025-Q2=0", "2025-Q3=2", "2025-Q4=0",
                                                  "2026-Q1=1", "2026-Q2=1", "2026-Q3=1", "2026-Q4=0"])
            #expect(F.rows(money.breakdowns[0]) == ["NOK=10000000 NOK(1)", "USD=3500500 USD(2)", "XOF=2000000000 XOF(1)"])
            #expect(F.rows(money.breakdowns[1]) == ["financial=4", "inKind=2"])
            #expect(F.rows(money.breakdowns[2]) == ["financial/NOK=10000000 NOK(1)", "financial/USD=3500500 USD(2)",
                                                    "financial/XOF=2000000000 XOF(1)", "inKind/BRL=500000 BRL(1)"])
            #expect(F.rows(money.breakdowns[3]) == ["KE/USD=1000000 USD(1)", "NO/NOK=10000000 NOK(1)", "NO/USD=2500500 USD(1)",
                                                    "SN/XOF=2000000000 XOF(1)"])
            #expect(F.rows(money.breakdowns[4]) == ["2025/NOK=10000000 NOK(1)", "2025/USD=3500500 USD(2)", "2026/XOF=2000000000 XOF(1)"])
            #expect(money.breakdowns.map(\.dimensions) == [[.currency], [.contributionKind], [.contributionKind, .currency],
                                                           [.country, .currency], [.period, .currency]])
            // Norway is a party of E2 only: its two contributions.
            let norway = try await compute(.contributions, .init(country: "NO"))
            #expect(F.rows(norway.breakdowns[0]) == ["NOK=10000000 NOK(1)", "USD=2500500 USD(1)"])
        }
    }

    /// `computeAll` gives every indicator of the contract once, in its order, on an empty base too.
    @Test(arguments: TestEngine.all)
    func computeAllOnEmpty(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let results = try await Indicators(database: db).computeAll(now: F.now)
            #expect(results.map(\.id) == IndicatorID.allCases)
            for result in results where result.id.outcome == .exchanges {
                #expect(result.byYear.isEmpty, "\(result.id)")
                #expect(result.value == (result.id == .requestToExchange || result.id == .contributions ? .none : .count(0)), "\(result.id)")
            }
        }
    }
}
