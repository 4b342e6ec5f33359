import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Totals of the contributions, for the members' totals page and the indicators. Sums are made
/// only within one currency and one kind: money given and in-kind estimates are never added
/// together, and no amount is converted (``MoneyTotals``).
public struct ContributionTotals: Sendable, Equatable {
    /// One row of a table: who, which country or which year (``Table/byContributor`` keys are
    /// `country:KE`, `organisation:NAME`, `centre:SLUG`), the sum and how many contributions.
    public struct Line: Sendable, Equatable {
        public var key: String
        /// The organisation's or centre's name as recorded (contributor lines), else empty.
        public var name: String
        public var milli: Int64
        public var count: Int
    }

    /// The sums of one kind (money given, or in-kind estimates) in one currency.
    public struct Table: Sendable, Equatable {
        public var kind: ContributionKind
        public var currency: String
        public var total: Int64
        public var count: Int
        public var byContributor: [Line]
        public var byCountry: [Line]
        public var byYear: [Line]
    }

    /// Financial tables first, then in-kind estimates; each by currency code.
    public var tables: [Table]
    /// In-kind contributions counted by what they gave (with or without an estimate).
    public var inKindCounts: [InKindItem: Int]
    /// The years that hold contributions, newest first (the page's filter).
    public var years: [Int]
}

public struct ContributionFilter: Sendable, Equatable {
    public var year: Int?
    public var country: String?
    public var kind: ContributionKind?
    public init(year: Int? = nil, country: String? = nil, kind: ContributionKind? = nil) {
        self.year = year
        self.country = country
        self.kind = kind
    }
}

extension Contributions {
    public func totals(_ filter: ContributionFilter = .init()) async throws -> ContributionTotals {
        var query = SQLQueryString("""
            SELECT k.kind, k.currency, k.contributor_kind, k.contributor_country, k.contributor_name, c.slug AS centre_slug,
              k.item, SUBSTR(k.given_on, 1, 4) AS year, CAST(SUM(k.amount_milli) AS BIGINT) AS milli, COUNT(*) AS n
            FROM contributions k LEFT JOIN centres c ON c.id = k.centre_id WHERE 1 = 1
            """)
        if let year = filter.year { query.appendInterpolation(unsafeRaw: " AND k.given_on LIKE "); query.appendInterpolation(bind: "\(year)-%") }
        if let country = filter.country { query.appendInterpolation(unsafeRaw: " AND k.contributor_country = "); query.appendInterpolation(bind: country) }
        if let kind = filter.kind { query.appendInterpolation(unsafeRaw: " AND k.kind = "); query.appendInterpolation(bind: kind.rawValue) }
        query.appendInterpolation(unsafeRaw: """
             GROUP BY k.kind, k.currency, k.contributor_kind, k.contributor_country, k.contributor_name, c.slug, k.item, SUBSTR(k.given_on, 1, 4)
            """)
        var tables: [String: ContributionTotals.Table] = [:]
        var inKind: [InKindItem: Int] = [:]
        for row in try await sql.raw(query).all() {
            let kind = ContributionKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .financial
            let count = try row.decode(column: "n", as: Int.self)
            if kind == .inKind, let item = try row.decode(column: "item", as: String?.self).flatMap(InKindItem.init(rawValue:)) {
                inKind[item, default: 0] += count
            }
            guard let currency = try row.decode(column: "currency", as: String?.self),
                  let milli = try row.decode(column: "milli", as: Int64?.self) else { continue }
            let contributor = ContributorKind(rawValue: try row.decode(column: "contributor_kind", as: String.self)) ?? .organisation
            let country = try row.decode(column: "contributor_country", as: String?.self) ?? ""
            let name = try row.decode(column: "contributor_name", as: String.self)
            let who: String = switch contributor {
            case .country: "country:\(country)"
            case .organisation: "organisation:\(name)"
            case .centre: "centre:\(try row.decode(column: "centre_slug", as: String?.self) ?? name)"
            }
            let year = try row.decode(column: "year", as: String.self)
            var table = tables["\(kind.rawValue) \(currency)"]
                ?? .init(kind: kind, currency: currency, total: 0, count: 0, byContributor: [], byCountry: [], byYear: [])
            table.total += milli
            table.count += count
            Self.add(&table.byContributor, who, contributor == .country ? "" : name, milli, count)
            if !country.isEmpty { Self.add(&table.byCountry, country, "", milli, count) }
            Self.add(&table.byYear, year, "", milli, count)
            tables["\(kind.rawValue) \(currency)"] = table
        }
        let ordered = tables.values.map { table -> ContributionTotals.Table in
            var table = table
            table.byContributor.sort { ($0.milli, $1.key) > ($1.milli, $0.key) }
            table.byCountry.sort { ($0.milli, $1.key) > ($1.milli, $0.key) }
            table.byYear.sort { $0.key > $1.key }
            return table
        }.sorted { ($0.kind == .financial ? 0 : 1, $0.currency) < ($1.kind == .financial ? 0 : 1, $1.currency) }
        let years = try await sql.raw("SELECT DISTINCT SUBSTR(given_on, 1, 4) AS year FROM contributions").all()
            .compactMap { Int(try $0.decode(column: "year", as: String.self)) }.sorted(by: >)
        return ContributionTotals(tables: ordered, inKindCounts: inKind, years: years)
    }

    private static func add(_ lines: inout [ContributionTotals.Line], _ key: String, _ name: String, _ milli: Int64, _ count: Int) {
        if let index = lines.firstIndex(where: { $0.key == key }) {
            lines[index].milli += milli
            lines[index].count += count
        } else {
            lines.append(.init(key: key, name: name, milli: milli, count: count))
        }
    }
}
