import Fluent
import Foundation
import SankofaCore
import SQLKit

extension Exchanges {
    /// Which exchanges a list or feed may hold: every one for members, only those whose public
    /// summary both sides agreed to for everyone else (the condition is the query's, so counts and
    /// pages never include what the reader may not see).
    public enum Audience: Sendable, Equatable {
        case members, everyone
    }

    public struct Filter: Sendable, Equatable {
        public var type: ExchangeType?
        public var scope: Scope?
        public var triangular: Bool
        public var region: Region?
        public var status: ExchangeStatus?
        public var year: Int?
        public init(type: ExchangeType? = nil, scope: Scope? = nil, triangular: Bool = false, region: Region? = nil,
                    status: ExchangeStatus? = nil, year: Int? = nil) {
            self.type = type
            self.scope = scope
            self.triangular = triangular
            self.region = region
            self.status = status
            self.year = year
        }
    }

    /// A line of a list, a calendar or a feed: the summary, never the people.
    public struct Row: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var language: Language
        public var type: ExchangeType
        public var status: ExchangeStatus
        public var startsOn: String
        public var endsOn: String
        public var place: String
        public var online: Bool
        public var scope: Scope?
        public var triangular: Bool
        public var publicSummary: Bool
        public var themes: [Theme]
        public var countries: [ExchangeSide: [String]]
        public var demo: Bool
    }

    /// One page of exchanges, the latest start first, and how many there are in all.
    public func list(_ audience: Audience, filter: Filter = .init(), limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        let condition = condition(audience, filter)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM exchanges x WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await rows(where: condition, order: "x.starts_on DESC, x.id DESC", limit: limit, offset: offset)
        return (rows, total)
    }

    /// The exchanges under way between two days (both inclusive), the soonest first, cancelled ones
    /// left out: the calendar's month and the iCal feed.
    public func between(_ from: String, and to: String, audience: Audience, limit: Int) async throws -> [Row] {
        let condition: SQLQueryString = """
            \(self.condition(audience, .init())) AND x.status <> \(bind: ExchangeStatus.cancelled.rawValue)
            AND x.ends_on >= \(bind: from) AND x.starts_on <= \(bind: to)
            """
        return try await rows(where: condition, order: "x.starts_on, x.id", limit: limit, offset: 0)
    }

    /// The years exchanges start in, for the list's year filter.
    public func years(_ audience: Audience) async throws -> [Int] {
        try await sql.raw("""
            SELECT DISTINCT SUBSTR(x.starts_on, 1, 4) AS y FROM exchanges x WHERE \(condition(audience, .init())) ORDER BY y DESC
            """).all().compactMap { Int(try $0.decode(column: "y", as: String.self)) }
    }

    private func condition(_ audience: Audience, _ filter: Filter) -> SQLQueryString {
        var parts: [SQLQueryString] = ["1 = 1"]
        if audience == .everyone { parts.append("x.public_summary = \(bind: true)") }
        if let type = filter.type { parts.append("x.type = \(bind: type.rawValue)") }
        if let scope = filter.scope { parts.append("x.scope = \(bind: scope.rawValue)") }
        if filter.triangular { parts.append("x.triangular = \(bind: true)") }
        if let status = filter.status { parts.append("x.status = \(bind: status.rawValue)") }
        if let year = filter.year {
            parts.append("x.starts_on <= \(bind: String(format: "%04d-12-31", year)) AND x.ends_on >= \(bind: String(format: "%04d-01-01", year))")
        }
        if let region = filter.region {
            let countries = regions.countries(in: region)
            parts.append("EXISTS (SELECT 1 FROM exchange_parties r WHERE r.exchange_id = x.id AND r.country IN (\(binds: countries.isEmpty ? ["--"] : countries)))")
        }
        return parts.joined(separator: " AND ")
    }

    private func rows(where condition: SQLQueryString, order: String, limit: Int, offset: Int) async throws -> [Row] {
        let found = try await sql.raw("""
            SELECT x.id, x.title, x.language, x.type, x.status, x.starts_on, x.ends_on, x.place, x.online, x.scope, x.triangular,
                   x.public_summary, x.themes, x.demo
            FROM exchanges x WHERE \(condition) ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all()
        var rows: [Row] = []
        for row in found {
            guard let type = ExchangeType(rawValue: try row.decode(column: "type", as: String.self)),
                  let status = ExchangeStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            rows.append(Row(
                id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en, type: type, status: status,
                startsOn: try row.decode(column: "starts_on", as: String.self), endsOn: try row.decode(column: "ends_on", as: String.self),
                place: try row.decode(column: "place", as: String.self), online: try row.decode(column: "online", as: Bool.self),
                scope: try row.decode(column: "scope", as: String?.self).flatMap(Scope.init(rawValue:)),
                triangular: try row.decode(column: "triangular", as: Bool.self),
                publicSummary: try row.decode(column: "public_summary", as: Bool.self),
                themes: try row.decode(column: "themes", as: String.self).split(separator: ",").compactMap { Theme(rawValue: String($0)) },
                countries: [:], demo: try row.decode(column: "demo", as: Bool.self)))
        }
        guard !rows.isEmpty else { return rows }
        let parties = try await sql.raw("""
            SELECT exchange_id, side, country FROM exchange_parties WHERE exchange_id IN (\(binds: rows.map(\.id))) ORDER BY id
            """).all()
        let index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id, $0) })
        for party in parties {
            guard let at = index[try party.decode(column: "exchange_id", as: Int.self)],
                  let side = ExchangeSide(rawValue: try party.decode(column: "side", as: String.self)) else { continue }
            let country = try party.decode(column: "country", as: String.self)
            if !(rows[at].countries[side] ?? []).contains(country) { rows[at].countries[side, default: []].append(country) }
        }
        return rows
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
}
