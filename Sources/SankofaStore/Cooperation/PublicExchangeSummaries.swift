import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The public face of exchanges: only those whose provider and beneficiary sides both agreed to a
/// public summary (`exchanges.public_summary`), and of those only what was agreed to
/// (`Exchanges`' summary facts: type, dates, themes, each side's countries) with what follows from
/// it (scope, triangular) and the status. Never a title, description, place, institution or
/// person: those are members' words and may name people. Filtered, counted and paged by the engine.
public struct PublicExchangeSummaries: Sendable {
    public let database: any Database
    public let regions: RegionTable
    public init(database: any Database, regions: RegionTable = .standard) {
        self.database = database
        self.regions = regions
    }

    public struct Filter: Sendable, Equatable {
        public var type: ExchangeType?
        public var scope: Scope?
        /// Exchanges with a party's country in this region.
        public var region: Region?
        /// Exchanges under way at some point of this calendar year.
        public var year: Int?
        public var triangular: Bool?
        public init(type: ExchangeType? = nil, scope: Scope? = nil, region: Region? = nil, year: Int? = nil, triangular: Bool? = nil) {
            self.type = type
            self.scope = scope
            self.region = region
            self.year = year
            self.triangular = triangular
        }
    }

    public struct Summary: Sendable, Equatable {
        public var id: Int
        public var type: ExchangeType
        public var status: ExchangeStatus
        public var scope: Scope?
        public var triangular: Bool
        public var themes: [Theme]
        public var startsOn: String
        public var endsOn: String
        /// Each side's distinct countries, in the order first written.
        public var countries: [ExchangeSide: [String]]
        public var demo: Bool
    }

    /// One page of public summaries, the latest to start first, and how many match in all.
    public func page(_ filter: Filter, page: Int, perPage: Int) async throws -> (total: Int, items: [Summary]) {
        let condition = self.condition(filter)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM exchanges e WHERE \(condition)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT e.id, e.type, e.status, e.scope, e.triangular, e.themes, e.starts_on, e.ends_on, e.demo FROM exchanges e
            WHERE \(condition) ORDER BY e.starts_on DESC, e.id DESC LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all()
        return (total, try await summaries(rows))
    }

    /// One exchange's public summary, or nil when there is none (unknown, or not agreed by both sides).
    public func summary(_ id: Int) async throws -> Summary? {
        let rows = try await sql.raw("""
            SELECT e.id, e.type, e.status, e.scope, e.triangular, e.themes, e.starts_on, e.ends_on, e.demo FROM exchanges e
            WHERE e.id = \(bind: id) AND \(condition(Filter()))
            """).all()
        return try await summaries(rows).first
    }

    func condition(_ filter: Filter) -> SQLQueryString {
        var clause = SQLQueryString("e.public_summary = \(bind: true)")
        if let type = filter.type { clause += " AND e.type = \(bind: type.rawValue)" }
        if let scope = filter.scope { clause += " AND e.scope = \(bind: scope.rawValue)" }
        if let triangular = filter.triangular { clause += " AND e.triangular = \(bind: triangular)" }
        if let year = filter.year {
            // ISO days compare as text: under way on some day of the year.
            clause += " AND e.starts_on <= \(bind: String(format: "%04d-12-31", year)) AND e.ends_on >= \(bind: String(format: "%04d-01-01", year))"
        }
        if let region = filter.region {
            let countries = regions.countries(in: region)
            clause += " AND EXISTS (SELECT 1 FROM exchange_parties p WHERE p.exchange_id = e.id AND p.country IN (\(binds: countries.isEmpty ? ["--"] : countries)))"
        }
        return clause
    }

    private func summaries(_ rows: [any SQLRow]) async throws -> [Summary] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        var countries: [Int: [ExchangeSide: [String]]] = [:]
        for row in try await sql.raw("""
            SELECT exchange_id, side, country FROM exchange_parties WHERE exchange_id IN (\(binds: ids)) ORDER BY id
            """).all() {
            guard let side = ExchangeSide(rawValue: try row.decode(column: "side", as: String.self)) else { continue }
            let id = try row.decode(column: "exchange_id", as: Int.self), country = try row.decode(column: "country", as: String.self).uppercased()
            if countries[id]?[side]?.contains(country) != true { countries[id, default: [:]][side, default: []].append(country) }
        }
        return try rows.compactMap { row in
            let id = try row.decode(column: "id", as: Int.self)
            guard let type = ExchangeType(rawValue: try row.decode(column: "type", as: String.self)),
                  let status = ExchangeStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
            return Summary(
                id: id, type: type, status: status,
                scope: try row.decode(column: "scope", as: String?.self).flatMap(Scope.init(rawValue:)),
                triangular: try row.decode(column: "triangular", as: Bool.self),
                themes: try row.decode(column: "themes", as: String.self).split(separator: ",").compactMap { Theme(rawValue: String($0)) },
                startsOn: try row.decode(column: "starts_on", as: String.self), endsOn: try row.decode(column: "ends_on", as: String.self),
                countries: countries[id] ?? [:], demo: try row.decode(column: "demo", as: Bool.self))
        }
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }
}
