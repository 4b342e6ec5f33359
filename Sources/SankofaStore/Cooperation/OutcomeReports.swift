import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The outcome reports of exchanges, one per exchange and side (``OutcomeReport``): read here,
/// filed in `OutcomeReports+File.swift`. Who may read or file is the caller's question
/// (``CooperationPermission/readExchangeDetails(_:)``, ``CooperationPermission/fileOutcomeReport(_:_:)``).
public struct OutcomeReports: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// A report as filed, with who filed it and what became of its practice link.
    public struct Filed: Sendable {
        public var id: Int
        public var exchangeID: Int
        public var side: ExchangeSide
        public var authorID: UUID?
        public var authorName: String?
        public var report: OutcomeReport
        public var filedAt: Int
        public var updatedAt: Int
        /// The practice draft started from the report, once started.
        public var startedPractice: String?
    }

    /// What filing a report needs to know of its exchange (read from its row and parties).
    public struct ExchangeContext: Sendable {
        public var id: Int
        public var title: String
        public var status: ExchangeStatus
        public var themes: [Theme]
        public var pillars: [Pillar]
        public var startsOn: String
        public var endsOn: String
        /// The sides that have a party, and the countries on each.
        public var countries: [ExchangeSide: [String]]
        /// The practices the exchange used (their slugs): the likely ones to have been adapted.
        public var practices: [String]

        public var sides: [ExchangeSide] { ExchangeSide.allCases.filter { countries[$0] != nil } }
        public var rules: OutcomeReportValidation.Exchange { .init(themes: themes, startsOn: startsOn) }
        /// A report is asked for once the exchange was held (and still taken once every side reported).
        public var takesReports: Bool { status == .held || status == .reported }
    }

    public func exchange(_ id: Int) async throws -> ExchangeContext? {
        guard let row = try await sql.raw("""
            SELECT id, title, status, themes, pillars, starts_on, ends_on FROM exchanges WHERE id = \(bind: id)
            """).first(), let status = ExchangeStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
        let parties = try await sql.raw("SELECT side, country FROM exchange_parties WHERE exchange_id = \(bind: id) ORDER BY id").all()
        var countries: [ExchangeSide: [String]] = [:]
        for party in parties {
            guard let side = ExchangeSide(rawValue: try party.decode(column: "side", as: String.self)) else { continue }
            let country = try party.decode(column: "country", as: String.self)
            if !(countries[side] ?? []).contains(country) { countries[side, default: []].append(country) }
        }
        let practices = try await sql.raw("""
            SELECT target FROM exchange_links WHERE exchange_id = \(bind: id) AND kind = 'practice' ORDER BY target
            """).all().map { try $0.decode(column: "target", as: String.self) }
        func list(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: ",").map(String.init)
        }
        return ExchangeContext(id: id, title: try row.decode(column: "title", as: String.self), status: status,
                               themes: try list("themes").compactMap(Theme.init(rawValue:)),
                               pillars: try list("pillars").compactMap { Int($0).flatMap(Pillar.init(rawValue:)) },
                               startsOn: try row.decode(column: "starts_on", as: String.self),
                               endsOn: try row.decode(column: "ends_on", as: String.self), countries: countries,
                               practices: practices)
    }

    public func report(exchangeID: Int, side: ExchangeSide) async throws -> Filed? {
        try await select("r.exchange_id = \(bind: exchangeID) AND r.side = \(bind: side.rawValue)").first
    }

    /// The exchange's reports, provider first.
    public func reports(exchangeID: Int) async throws -> [Filed] {
        try await select("r.exchange_id = \(bind: exchangeID)").sorted {
            ExchangeSide.allCases.firstIndex(of: $0.side)! < ExchangeSide.allCases.firstIndex(of: $1.side)!
        }
    }

    func select(_ condition: SQLQueryString) async throws -> [Filed] {
        let rows = try await sql.raw("""
            SELECT r.id, r.exchange_id, r.side, r.author_id, u.name AS author_name, r.record, r.filed_at, r.updated_at, r.started_practice
            FROM outcome_reports r LEFT JOIN users u ON u.id = r.author_id WHERE \(condition)
            """).all()
        return try rows.compactMap { row in
            guard let side = ExchangeSide(rawValue: try row.decode(column: "side", as: String.self)) else { return nil }
            let report = try RecordJSON.decode(OutcomeReport.self, try row.decode(column: "record", as: String.self))
            return Filed(id: try row.decode(column: "id", as: Int.self), exchangeID: try row.decode(column: "exchange_id", as: Int.self),
                         side: side, authorID: try row.decode(column: "author_id", as: UUID?.self),
                         authorName: try row.decode(column: "author_name", as: String?.self), report: report,
                         filedAt: try row.decode(column: "filed_at", as: Int.self), updatedAt: try row.decode(column: "updated_at", as: Int.self),
                         startedPractice: try row.decode(column: "started_practice", as: String?.self))
        }
    }
}
