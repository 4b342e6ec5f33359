import Foundation
import SankofaCore
import Testing

/// The indicators' rules that need no database: who sees exact figures (written out as a table,
/// not derived from the rule), small-count suppression with its complementary row, and the
/// gap-free periods of a series.
@Suite("Indicator rules")
struct IndicatorRulesTests {
    static func actor(_ roles: Set<Role>, status: AccountStatus = .active) -> Actor {
        Actor(userID: UUID().uuidString, status: status, roles: roles, country: "NE")
    }

    @Test("exact figures: records for members and staff, people for staff only; tokens for members")
    func permissions() {
        let readers: [(String, Actor, [Bool])] = [
            // readExact(aggregate), readExact(people), buildAnnualReport, manageOwnTokens, grant directory:read, manageAllTokens
            ("visitor", .visitor, [false, false, false, false, false, false]),
            ("pending", Self.actor([.member], status: .pending), [false, false, false, false, false, false]),
            ("disabled editor", Self.actor([.member, .editor], status: .disabled), [false, false, false, false, false, false]),
            ("member", Self.actor([.member]), [true, false, false, true, true, false]),
            ("expert", Self.actor([.member, .expert]), [true, false, false, true, true, false]),
            ("focal point", Self.actor([.member, .focalPoint]), [true, false, false, true, true, false]),
            ("translator", Self.actor([.member, .translator]), [true, false, false, true, true, false]),
            ("moderator", Self.actor([.member, .moderator]), [true, false, false, true, true, false]),
            ("editor", Self.actor([.member, .editor]), [true, true, true, true, true, false]),
            ("admin", Self.actor([.member, .admin]), [true, true, true, true, true, true]),
        ]
        let permissions: [IndicatorPermission] = [
            .readExact(.aggregate), .readExact(.people), .buildAnnualReport, .manageOwnTokens,
            .grantTokenScope(.directoryRead), .manageAllTokens,
        ]
        for (name, actor, expected) in readers {
            for (permission, answer) in zip(permissions, expected) {
                #expect(AccessPolicy.allows(actor, .indicators(permission)) == answer, "\(name) \(permission)")
            }
        }
    }

    @Test("figures on 1 or 2 records are hidden; zero and 3 or more are shown; exact readers see all")
    func suppression() {
        let result = IndicatorResult(
            id: .participants, unit: .count, value: .count(2),
            byYear: [IndicatorPoint(period: "2025", figure: .count(0)), IndicatorPoint(period: "2026", figure: .count(2))],
            breakdowns: [IndicatorBreakdown(dimensions: [.gender], rows: [
                IndicatorRow(keys: ["women"], figure: .count(1)),
                IndicatorRow(keys: ["men"], figure: .count(7)),
                IndicatorRow(keys: ["unspecified"], figure: .count(4)),
            ])])
        let shown = IndicatorSuppression.apply(result, exact: false)
        #expect(shown.value == .fewerThan(3))
        #expect(shown.byYear.map(\.figure) == [.count(0), .fewerThan(3)])
        // One row hidden alone could be found back from the total: the smallest other one goes too.
        #expect(shown.breakdowns[0].rows.map(\.figure) == [.fewerThan(3), .count(7), .withheld])
        #expect(IndicatorSuppression.apply(result, exact: true) == result)
        #expect(IndicatorSuppression.hide(.measure(2.5, basis: 2)) == .fewerThan(3))
        #expect(IndicatorSuppression.hide(.measure(2.5, basis: 3)) == .measure(2.5, basis: 3))
        #expect(IndicatorSuppression.hide(.money(milli: 5_000_000, currency: "XOF", basis: 1)) == .fewerThan(3))
    }

    @Test("two hidden rows need no complementary one; matrices are left as they are")
    func complementary() {
        let twoSmall = IndicatorBreakdown(dimensions: [.region], rows: [
            IndicatorRow(keys: ["africa"], figure: .count(1)), IndicatorRow(keys: ["asiaPacific"], figure: .count(2)),
            IndicatorRow(keys: ["middleEast"], figure: .count(9)),
        ])
        let result = IndicatorResult(id: .exchangesByScope, unit: .count, value: .count(12), breakdowns: [twoSmall])
        #expect(IndicatorSuppression.apply(result, exact: false).breakdowns[0].rows.map(\.figure)
                == [.fewerThan(3), .fewerThan(3), .count(9)])
    }

    @Test("periods: keys of a day, gap-free years and quarters up to now")
    func periods() throws {
        #expect(IndicatorPeriods.keys(ofDay: "2026-08-14")! == ("2026", "2026-Q3"))
        #expect(IndicatorPeriods.keys(ofDay: "2026-13-01") == nil)
        #expect(IndicatorPeriods.day(0) == "1970-01-01")
        let now = try #require(ISO8601DateFormatter().date(from: "2027-02-10T12:00:00Z"))
        #expect(IndicatorPeriods.years(from: "2024", to: now) == ["2024", "2025", "2026", "2027"])
        #expect(IndicatorPeriods.quarters(from: "2026-Q3", to: now) == ["2026-Q3", "2026-Q4", "2027-Q1"])
        let series = IndicatorPeriods.countSeries(["2025": 3, "2027": 1], quarterly: false, now: now)
        #expect(series.map(\.period) == ["2025", "2026", "2027"])
        #expect(series.map(\.figure) == [.count(3), .count(0), .count(1)])
        #expect(IndicatorPeriods.countSeries([:], quarterly: true, now: now).isEmpty)
    }

    @Test("every indicator belongs to one outcome and every outcome has indicators")
    func outcomes() {
        #expect(ProgrammeOutcome.allCases.map { $0.indicators.count } == [4, 5, 6])
        #expect(Set(IndicatorID.allCases.map(\.rawValue)).count == IndicatorID.allCases.count)
    }
}
