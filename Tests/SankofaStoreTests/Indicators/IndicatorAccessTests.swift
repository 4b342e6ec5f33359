import Fluent
import Foundation
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// Outcome 3's indicators on a small fixture whose every answer is worked out by hand below
/// (``AccessFixture``), on both engines: the figures, the gap-free series, the breakdowns, the
/// filters, and the directory counted as each audience may see it.
@Suite("Indicators of outcome 3 (access)")
struct IndicatorAccessTests {
    typealias F = AccessFixture

    func figures(_ breakdown: IndicatorBreakdown?) -> [String: IndicatorFigure] {
        Dictionary(uniqueKeysWithValues: (breakdown?.rows ?? []).map { ($0.keys.joined(separator: "|"), $0.figure) })
    }

    func breakdown(_ result: IndicatorResult, _ dimensions: [IndicatorDimension]) -> IndicatorBreakdown? {
        result.breakdowns.first { $0.dimensions == dimensions }
    }

    func share(_ figure: IndicatorFigure?) -> Double? {
        if case .measure(let value, _) = figure { return value } else { return nil }
    }

    /// Four published practices (a fifth is a draft): 2025-Q1, 2025-Q3, 2026-Q1, 2026-Q2.
    @Test(arguments: TestEngine.all)
    func publishedPractices(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await F.practices(on: db)
            let indicators = Indicators(database: db)
            let all = try await indicators.compute(.publishedPractices, now: F.now)
            #expect(all.value == .count(4))
            #expect(all.byYear == [.init(period: "2025", figure: .count(2)), .init(period: "2026", figure: .count(2))])
            #expect(all.byQuarter.map(\.period) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"])
            #expect(all.byQuarter.map(\.figure) == [1, 0, 1, 0, 1, 1].map { IndicatorFigure.count($0) })
            let regions = figures(breakdown(all, [.region]))
            #expect(regions == ["africa": .count(3), "asiaPacific": .count(1), "latinAmericaCaribbean": .count(1),
                                "middleEast": .count(0), "partner": .count(0)])
            // Every region in its order, zeros included; countries as met, most first.
            #expect(breakdown(all, [.region])?.rows.map { $0.keys[0] } == Region.allCases.map(\.rawValue))
            #expect(breakdown(all, [.country])?.rows.map { $0.keys[0] } == ["CO", "KE", "MA", "NG", "PH"])
            let themes = figures(breakdown(all, [.theme]))
            #expect(themes["youth"] == .count(2) && themes["education"] == .count(1) && themes["prisons"] == .count(1))
            #expect(themes["gender"] == .count(1) && themes["victims"] == .count(0))
            let maturity = figures(breakdown(all, [.maturity]))
            #expect(maturity == ["piloted": .count(2), "evaluated": .count(0), "adapted": .count(1), "scaledUp": .count(1)])
            #expect(figures(breakdown(all, [.evidence]))["peerReviewed"] == .count(1))
            #expect(figures(breakdown(all, [.pillar]))["1"] == .count(2))

            // Filters, alone and together: a practice matches a region when one of its countries is in it.
            let africa = try await indicators.compute(.publishedPractices, filter: .init(region: .africa), now: F.now)
            #expect(africa.value == .count(3))
            #expect(figures(breakdown(africa, [.region]))["asiaPacific"] == .count(0))
            #expect(figures(breakdown(africa, [.theme]))["youth"] == .count(1))
            #expect(try await indicators.compute(.publishedPractices, filter: .init(region: .africa, theme: .youth), now: F.now).value == .count(1))
            let colombia = try await indicators.compute(.publishedPractices, filter: .init(country: "CO"), now: F.now)
            #expect(colombia.value == .count(1))
            // The practice with Colombia also has the Philippines: both regions count it.
            #expect(figures(breakdown(colombia, [.region]))["asiaPacific"] == .count(1))
            #expect(colombia.byYear == [.init(period: "2025", figure: .count(1)), .init(period: "2026", figure: .count(0))])
            #expect(try await indicators.compute(.publishedPractices, filter: .init(pillar: .conditionsConducive), now: F.now).value == .count(2))
            let none = try await indicators.compute(.publishedPractices, filter: .init(country: "BR"), now: F.now)
            #expect(none.value == .count(0) && none.byYear.isEmpty)
        }
    }

    /// Available: en 2, fr 2, es 1, ar 1, zh 1, ru 0 of 4 (a title-only Arabic text does not count).
    @Test(arguments: TestEngine.all)
    func translationCoverage(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await F.practices(on: db)
            let indicators = Indicators(database: db)
            let all = try await indicators.compute(.translationCoverage, now: F.now)
            #expect(all.unit == .share)
            #expect(all.value == .measure(7.0 / 24.0, basis: 4))
            let shares = figures(breakdown(all, [.language]))
            #expect(shares == ["en": .measure(0.5, basis: 4), "fr": .measure(0.5, basis: 4), "es": .measure(0.25, basis: 4),
                               "ar": .measure(0.25, basis: 4), "zh": .measure(0.25, basis: 4), "ru": .measure(0, basis: 4)])
            let counts = figures(breakdown(all, [.language, .statistic]))
            #expect(counts["en|available"] == .count(2) && counts["en|original"] == .count(1) && counts["en|translated"] == .count(1))
            #expect(counts["ar|original"] == .count(1) && counts["ar|translated"] == .count(0))
            #expect(counts["zh|translated"] == .count(1) && counts["ru|available"] == .count(0))
            // 2025: 3 texts of 2 practices; 2026: 4 of 2.
            #expect(all.byYear == [.init(period: "2025", figure: .measure(3.0 / 12.0, basis: 2)),
                                   .init(period: "2026", figure: .measure(4.0 / 12.0, basis: 2))])
            #expect(all.byQuarter[1] == .init(period: "2025-Q2", figure: .none))
            let africa = try await indicators.compute(.translationCoverage, filter: .init(region: .africa), now: F.now)
            #expect(africa.value == .measure(6.0 / 18.0, basis: 3))
            let nothing = try await indicators.compute(.translationCoverage, filter: .init(country: "BR"), now: F.now)
            #expect(nothing.value == .none && nothing.byYear.isEmpty)
        }
    }

    /// Visitors see two experts (one focal point; one with a hidden country), members three, staff four.
    @Test(arguments: TestEngine.all)
    func directoryPerAudience(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await F.directory(on: db)
            let indicators = Indicators(database: db)
            let visitor = try await indicators.compute(.directory, audience: .visitor, now: F.now)
            #expect(visitor.value == .count(2))
            #expect(figures(breakdown(visitor, [.directoryKind])) == ["experts": .count(2), "focalPoints": .count(1), "centres": .count(2)])
            let visitorCountries = figures(breakdown(visitor, [.country, .directoryKind]))
            // Carla's country is hidden from visitors: she counts in the total, in no country.
            #expect(visitorCountries["KE|experts"] == .count(1) && visitorCountries["KE|focalPoints"] == .count(1))
            #expect(visitorCountries["CO|experts"] == nil && visitorCountries["NG|experts"] == nil && visitorCountries["IN|experts"] == nil)
            #expect(visitorCountries["MA|centres"] == .count(1) && visitorCountries["KE|centres"] == .count(1))
            #expect(figures(breakdown(visitor, [.region, .directoryKind]))["africa|experts"] == .count(1))
            #expect(visitor.byYear == [.init(period: "2025", figure: .count(1)), .init(period: "2026", figure: .count(1))])

            let member = try await indicators.compute(.directory, audience: .member, now: F.now)
            #expect(member.value == .count(3))
            let memberRegions = figures(breakdown(member, [.region, .directoryKind]))
            #expect(memberRegions["africa|experts"] == .count(2) && memberRegions["latinAmericaCaribbean|experts"] == .count(1))
            #expect(memberRegions["africa|centres"] == .count(2) && memberRegions["asiaPacific|experts"] == .count(0))
            let staff = try await indicators.compute(.directory, audience: .staff, now: F.now)
            #expect(staff.value == .count(4))
            #expect(figures(breakdown(staff, [.country, .directoryKind]))["IN|experts"] == .count(1))

            // Filters: a hidden country never matches; centres have no pillar, so that filter leaves them.
            #expect(try await indicators.compute(.directory, filter: .init(country: "CO"), audience: .visitor, now: F.now).value == .count(0))
            #expect(try await indicators.compute(.directory, filter: .init(country: "CO"), audience: .member, now: F.now).value == .count(1))
            let youth = try await indicators.compute(.directory, filter: .init(theme: .youth), audience: .visitor, now: F.now)
            #expect(figures(breakdown(youth, [.directoryKind])) == ["experts": .count(2), "focalPoints": .count(1), "centres": .count(1)])
            let pillar = try await indicators.compute(.directory, filter: .init(pillar: .conditionsConducive), audience: .staff, now: F.now)
            #expect(figures(breakdown(pillar, [.directoryKind])) == ["experts": .count(1), "focalPoints": .count(1), "centres": .count(2)])
            let africa = try await indicators.compute(.directory, filter: .init(region: .africa), audience: .member, now: F.now)
            #expect(figures(breakdown(africa, [.directoryKind])) == ["experts": .count(2), "focalPoints": .count(1), "centres": .count(2)])
        }
    }

    /// Four submitted requests (a draft is not), three matched after 10, 4 and 30 days.
    @Test(arguments: TestEngine.all)
    func requestsMatched(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await F.requests(on: db)
            let indicators = Indicators(database: db)
            let all = try await indicators.compute(.requestsMatched, now: F.now)
            #expect(all.value == .count(3))
            #expect(figures(breakdown(all, [.statistic])) == ["submitted": .count(4), "matched": .count(3), "median-days": .measure(10, basis: 3)])
            let regions = figures(breakdown(all, [.region, .statistic]))
            #expect(regions["africa|matched"] == .count(2) && regions["africa|median-days"] == .measure(7, basis: 2))
            #expect(regions["latinAmericaCaribbean|median-days"] == .measure(30, basis: 1))
            #expect(regions["asiaPacific|matched"] == .count(0) && regions["asiaPacific|median-days"] == IndicatorFigure.none)
            #expect(figures(breakdown(all, [.country])) == ["KE": .count(1), "NG": .count(1), "CO": .count(1)])
            #expect(figures(breakdown(all, [.theme]))["youth"] == .count(2))
            #expect(all.byYear == [.init(period: "2025", figure: .count(2)), .init(period: "2026", figure: .count(1))])
            #expect(all.byQuarter.first == .init(period: "2025-Q1", figure: .count(1)))

            let africa = try await indicators.compute(.requestsMatched, filter: .init(region: .africa), now: F.now)
            #expect(figures(breakdown(africa, [.statistic])) == ["submitted": .count(2), "matched": .count(2), "median-days": .measure(7, basis: 2)])
            let youth = try await indicators.compute(.requestsMatched, filter: .init(theme: .youth), now: F.now)
            #expect(figures(breakdown(youth, [.statistic]))["median-days"] == .measure(20, basis: 2))
            let pillar = try await indicators.compute(.requestsMatched, filter: .init(pillar: .humanRightsRuleOfLaw), now: F.now)
            #expect(figures(breakdown(pillar, [.statistic])) == ["submitted": .count(1), "matched": .count(0), "median-days": IndicatorFigure.none])
        }
    }

    /// Counts add up across flushes (the upsert adds); no filter applies to them.
    @Test(arguments: TestEngine.all)
    func usageCounts(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let store = UsageCounts(database: db)
            try await store.add([UsageKey(metric: .handbookDownload, day: "2025-12-30", language: .en): 3,
                                 UsageKey(metric: .handbookDownload, day: "2026-01-02", language: .fr): 2,
                                 UsageKey(metric: .search, day: "2026-05-01", language: .ar): 5])
            try await store.add([UsageKey(metric: .handbookDownload, day: "2026-01-02", language: .fr): 1])
            #expect(try await store.counts(.handbookDownload)[UsageKey(metric: .handbookDownload, day: "2026-01-02", language: .fr)] == 3)
            let indicators = Indicators(database: db)
            for filter in [IndicatorFilter.all, .init(region: .africa, theme: .youth)] {
                let downloads = try await indicators.compute(.handbookDownloads, filter: filter, now: F.now)
                #expect(downloads.value == .count(6))
                #expect(downloads.byYear == [.init(period: "2025", figure: .count(3)), .init(period: "2026", figure: .count(3))])
                #expect(downloads.byQuarter.map(\.figure) == [3, 3, 0].map { IndicatorFigure.count($0) })
                #expect(figures(breakdown(downloads, [.language])) == ["ar": .count(0), "zh": .count(0), "en": .count(3),
                                                                        "fr": .count(3), "ru": .count(0), "es": .count(0)])
            }
            let searches = try await indicators.compute(.searches, now: F.now)
            #expect(searches.value == .count(5))
            #expect(searches.byQuarter == [.init(period: "2026-Q2", figure: .count(5))])
        }
    }

    /// Every outcome-3 indicator on an empty database: zeros and nothing to compute from, no error.
    @Test(arguments: TestEngine.all)
    func emptyDatabase(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            for id in ProgrammeOutcome.access.indicators {
                let result = try await Indicators(database: db).compute(id, filter: .init(region: .africa), audience: .staff, now: F.now)
                #expect(result.value == .count(0) || result.value == IndicatorFigure.none, "\(id)")
                #expect(result.byYear.isEmpty, "\(id)")
            }
        }
    }
}
