import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit

/// The small cooperation record the outcome 1 and 2 suites compute on, written through the stores
/// where they apply (exchanges with their derived scope, contributions, one outcome report filed
/// and changed) and as rows otherwise (reports naming practices that are not in this database,
/// follow-ups, requests with their submission time). Regions: SN, KE, UG Africa; IN Asia-Pacific;
/// BR, CO Latin America and the Caribbean; JO Middle East; NO a partner. The expected figures are
/// worked out by hand in the suites.
///
/// | ex | status    | starts     | provider → beneficiary (partner) | themes           | pillars |
/// | E1 | held      | 2025-03-10 | SN → KE                          | youth, prisons   | 1       |
/// | E2 | reported  | 2025-08-01 | IN → KE, UG (NO)                 | youth            | 2       |
/// | E3 | held      | 2026-02-15 | BR → CO                          | education        | 1       |
/// | E4 | held      | 2026-05-20 | KE → JO                          | youth, education | 1       |
/// | E5 | cancelled | 2026-06-01 | SN → KE                          | youth            | 1       |
/// | E6 | agreed    | 2026-09-01 | SN → UG                          | prisons          | 1       |
/// | E7 | held      | 2026-03-01 | SN → KE                          | prisons          | 1       |
enum IndicatorCooperationFixture {
    /// The indicators' "now": series end in 2026-Q4.
    static let now = ISODay.parse("2026-11-15")!
    static let nowSeconds = Int(now.timeIntervalSince1970)

    struct IDs { var e: [Int] }

    static func seconds(_ day: String, hours: Int = 0) -> Int { Int(ISODay.parse(day)!.timeIntervalSince1970) + hours * 3_600 }

    static func load(on db: any Database) async throws -> IDs {
        let sql = db as! any SQLDatabase
        // Requests: R1 (KE) submitted 2025-01-01, R2 (KE) 2025-06-01, R3 (JO) 2026-01-01, R4 (CO)
        // 2025-12-20, R5 (UG) 2026-07-01 answered only by an exchange not held, R6 never submitted.
        var requests: [Int] = []
        for (country, submitted) in [("KE", "2025-01-01"), ("KE", "2025-06-01"), ("JO", "2026-01-01"), ("CO", "2025-12-20"),
                                     ("UG", "2026-07-01"), ("UG", "")] {
            let at: Int? = submitted.isEmpty ? nil : seconds(submitted, hours: 10)
            requests.append(try await sql.raw("""
                INSERT INTO requests (beneficiary_country, language, title, themes, pillars, support_kinds, working_languages, modality,
                  visibility, status, record, demo, created_at, updated_at, submitted_at)
                VALUES (\(bind: country), 'en', 'A request', ',youth,', ',1,', ',training,', ',en,', 'inPerson', 'staff',
                  \(bind: at == nil ? "draft" : "inExchange"), '{}', \(bind: false), \(bind: nowSeconds), \(bind: nowSeconds), \(bind: at))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self))
        }
        func party(_ side: ExchangeSide, _ country: String) -> ExchangeParty { ExchangeParty(side: side, country: country) }
        let specs: [(ExchangeStatus, String, [ExchangeParty], [Theme], [Pillar], Int?)] = [
            (.held, "2025-03-10", [party(.provider, "SN"), party(.beneficiary, "KE")], [.youth, .prisons], [.conditionsConducive], requests[0]),
            (.reported, "2025-08-01", [party(.provider, "IN"), party(.beneficiary, "KE"), party(.beneficiary, "UG"), party(.partner, "NO")],
             [.youth], [.preventingCombating], requests[1]),
            (.held, "2026-02-15", [party(.provider, "BR"), party(.beneficiary, "CO")], [.education], [.conditionsConducive], requests[3]),
            (.held, "2026-05-20", [party(.provider, "KE"), party(.beneficiary, "JO")], [.youth, .education], [.conditionsConducive], requests[2]),
            (.cancelled, "2026-06-01", [party(.provider, "SN"), party(.beneficiary, "KE")], [.youth], [.conditionsConducive], nil),
            (.agreed, "2026-09-01", [party(.provider, "SN"), party(.beneficiary, "UG")], [.prisons], [.conditionsConducive], requests[4]),
            (.held, "2026-03-01", [party(.provider, "SN"), party(.beneficiary, "KE")], [.prisons], [.conditionsConducive], requests[0]),
        ]
        var e: [Int] = []
        for (status, starts, parties, themes, pillars, request) in specs {
            let record = ExchangeRecord(title: "Exchange \(e.count + 1)", language: .en, type: .studyVisit, status: status, startsOn: starts,
                                        endsOn: starts, place: "Nairobi", themes: themes, pillars: pillars, parties: parties, requestID: request)
            e.append(try await Exchanges(database: db).create(record, createdBy: nil, now: nowSeconds))
        }

        // Reports as rows: (exchange, side, participants, women, men, unspecified, adapted practice, ratings, adaptations).
        typealias R = (Int, ExchangeSide, Int, Int, Int, Int, String?, [(Theme, Int, Int)], [AdoptionKind])
        let rows: [R] = [
            (e[0], .provider, 4, 2, 2, 0, nil, [(.youth, 2, 4), (.prisons, 3, 4)], []),
            (e[0], .beneficiary, 10, 6, 3, 1, "prison-dialogue", [(.youth, 1, 4), (.prisons, 2, 3)], [.policy, .mechanism]),
            (e[1], .provider, 5, 1, 4, 0, nil, [(.youth, 2, 3)], []),
            (e[1], .beneficiary, 20, 12, 8, 0, "youth-mentoring", [(.youth, 1, 3)], [.framework, .policy, .procedure]),
            (e[1], .partner, 3, 1, 1, 1, "partner-practice", [(.youth, 3, 5)], [.policy]),
            (e[2], .beneficiary, 7, 3, 3, 1, "community-policing", [(.education, 2, 5)], []),
            (e[4], .beneficiary, 50, 25, 25, 0, "cancelled-practice", [(.youth, 1, 5)], [.policy]),
        ]
        var reports: [Int] = []
        for (exchange, side, participants, women, men, unspecified, adapted, ratings, adaptations) in rows {
            let report = OutcomeReport(language: .en, participants: participants, gender: .init(women: women, men: men, unspecified: unspecified),
                                       capacity: ratings.map { .init(theme: $0.0, before: $0.1, after: $0.2) }, learned: "Much.",
                                       adaptations: adaptations.map { .init(kind: $0, description: "A change.", byWhen: "2027-01-01") },
                                       adaptedPractice: adapted)
            let id = try await sql.raw("""
                INSERT INTO outcome_reports (exchange_id, side, language, participants, women, men, unspecified, adapted_practice, record,
                  demo, filed_at, updated_at)
                VALUES (\(bind: exchange), \(bind: side.rawValue), 'en', \(bind: participants), \(bind: women), \(bind: men),
                  \(bind: unspecified), \(bind: adapted), \(bind: try json(report)), \(bind: false), \(bind: nowSeconds), \(bind: nowSeconds))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            for (theme, before, after) in ratings {
                try await sql.raw("""
                    INSERT INTO outcome_capacity (report_id, theme, before, after) VALUES (\(bind: id), \(bind: theme.rawValue), \(bind: before), \(bind: after))
                    """).run()
            }
            reports.append(id)
        }
        // JO's report on E4, filed through the store and then changed (6 → 8 participants, education
        // 3 → 3 then 3 → 4): `outcome_capacity` must follow the change.
        for (participants, education) in [(6, 3), (8, 4)] {
            let report = OutcomeReport(language: .en, participants: participants, gender: .init(women: participants / 2, men: participants / 2, unspecified: 0),
                                       capacity: [.init(theme: .youth, before: 2, after: 3), .init(theme: .education, before: 3, after: education)],
                                       learned: "Much.")
            _ = try await OutcomeReports(database: db).file(report, exchangeID: e[3], side: .beneficiary, by: writer(), now: nowSeconds)
        }
        // Follow-ups: KE's on E1 (policy yes, mechanism no) on 2025-10-01; KE+UG's on E2 (framework
        // yes, policy yes, procedure partly) on 2026-02-10; the cancelled exchange's (policy yes).
        for (report, results, day) in [(reports[1], [AdoptionResult.yes, .no], "2025-10-01"), (reports[3], [.yes, .yes, .partly], "2026-02-10"),
                                       (reports[6], [.yes], "2026-07-01")] {
            let followUp = FollowUp(language: .en, outcomes: results.map { .init(result: $0, on: $0 == .no ? "" : day) })
            try await sql.raw("""
                INSERT INTO outcome_follow_ups (report_id, language, adopted_count, record, demo, filed_at)
                VALUES (\(bind: report), 'en', \(bind: followUp.adoptedCount), \(bind: try json(followUp)), \(bind: false), \(bind: seconds(day, hours: 12)))
                """).run()
        }

        let contributions: [(Int, ContributionRecord)] = [
            (e[0], .init(kind: .financial, contributorKind: .country, contributorCountry: "KE", amount: Money(milli: 1_000_000, currency: "USD"), givenOn: "2025-03-01")),
            (e[1], .init(kind: .financial, contributorKind: .country, contributorCountry: "NO", amount: Money(milli: 2_500_500, currency: "USD"), givenOn: "2025-07-15")),
            (e[1], .init(kind: .financial, contributorKind: .country, contributorCountry: "NO", amount: Money(milli: 10_000_000, currency: "NOK"), givenOn: "2025-07-20")),
            (e[2], .init(kind: .inKind, contributorKind: .country, contributorCountry: "BR", amount: Money(milli: 500_000, currency: "BRL"), item: .venue,
                         description: "The venue.", givenOn: "2026-02-01")),
            (e[3], .init(kind: .inKind, contributorKind: .country, contributorCountry: "KE", item: .trainers, description: "Two trainers.", givenOn: "2026-05-01")),
            (e[5], .init(kind: .financial, contributorKind: .country, contributorCountry: "SN", amount: Money(milli: 2_000_000_000, currency: "XOF"), givenOn: "2026-08-01")),
            (e[4], .init(kind: .financial, contributorKind: .country, contributorCountry: "SN", amount: Money(milli: 999_000, currency: "USD"), givenOn: "2026-05-15")),
        ]
        for (exchange, record) in contributions {
            _ = try await Contributions(database: db).add(record, exchangeID: exchange, actorID: nil, now: nowSeconds, notify: false)
        }
        return IDs(e: e)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func writer() -> PracticeWrites.Writer {
        PracticeWrites.Writer(userID: nil, audit: AuditLog.Entry(at: nowSeconds, actorID: nil, actorEmail: nil, action: "", target: "", detail: "", ip: "test"))
    }

    /// A series as (period, figure) pairs, for comparing in one line.
    static func points(_ series: [IndicatorPoint]) -> [String] {
        series.map { "\($0.period)=\(describe($0.figure))" }
    }

    static func rows(_ breakdown: IndicatorBreakdown) -> [String] {
        breakdown.rows.map { "\($0.keys.joined(separator: "/"))=\(describe($0.figure))" }
    }

    static func describe(_ figure: IndicatorFigure) -> String {
        switch figure {
        case .count(let n): return "\(n)"
        case .measure(let value, let basis): return String(format: "%.4f", value) + "(\(basis))"
        case .money(let milli, let currency, let basis): return "\(milli) \(currency)(\(basis))"
        case .fewerThan(let n): return "<\(n)"
        case .withheld: return "withheld"
        case .none: return "-"
        }
    }
}
