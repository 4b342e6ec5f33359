import Foundation
import SankofaCore
import SQLKit

/// The SQL pieces the cooperation indicators (outcomes 1 and 2) share: which exchanges a filter
/// keeps, a country's region as a SQL expression, period keys of a day, and the series built from
/// per-quarter aggregates. Every figure is computed by the database; Swift only adds quarters up
/// into years and fills the periods without records.
extension Indicators {
    /// The countries of each region, worked out once: ``RegionTable`` reads CLDR's containment
    /// per country, too slow to repeat for every query.
    static let regionCountries: [Region: [String]] = Dictionary(
        uniqueKeysWithValues: Region.allCases.map { ($0, RegionTable.standard.countries(in: $0).sorted()) })

    static let southernCountries: [String] = SouthernCountries.codes.sorted()

    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// The exchanges an indicator counts (alias `x`): held ones (status `held`, or `reported` once
    /// their reports are in), or with `held: false` every one but the cancelled (contributions
    /// are counted for exchanges agreed or under way too). A region or a country matches when one
    /// of the exchange's parties is of it; a theme or a pillar when the exchange holds it.
    func exchangeCondition(_ filter: IndicatorFilter, held: Bool = true) -> SQLQueryString {
        var parts: [SQLQueryString] = held
            ? ["x.status IN (\(bind: ExchangeStatus.held.rawValue), \(bind: ExchangeStatus.reported.rawValue))"]
            : ["x.status <> \(bind: ExchangeStatus.cancelled.rawValue)"]
        if let region = filter.region {
            let countries = Self.regionCountries[region] ?? []
            parts.append("""
                EXISTS (SELECT 1 FROM exchange_parties fr WHERE fr.exchange_id = x.id AND fr.country IN (\(binds: countries.isEmpty ? ["--"] : countries)))
                """)
        }
        if let country = filter.country {
            parts.append("EXISTS (SELECT 1 FROM exchange_parties fc WHERE fc.exchange_id = x.id AND fc.country = \(bind: country.uppercased()))")
        }
        if let theme = filter.theme { parts.append("x.themes LIKE \(bind: "%,\(theme.rawValue),%")") }
        if let pillar = filter.pillar { parts.append("x.pillars LIKE \(bind: "%,\(pillar.rawValue),%")") }
        return parts.joined(separator: " AND ")
    }

    /// An outcome report (alias `o`) of a side from an assisted country: the provider and
    /// beneficiary sides always are (validation keeps other countries off them); a partner side
    /// only when one of its countries is Southern (a Southern co-funder).
    var assistedSide: SQLQueryString {
        """
        (o.side <> \(bind: ExchangeSide.partner.rawValue) OR EXISTS (SELECT 1 FROM exchange_parties sp
          WHERE sp.exchange_id = o.exchange_id AND sp.side = o.side AND sp.country IN (\(binds: Self.southernCountries))))
        """
    }

    /// The platform region of the country in `column`, as a CASE over the region table's lists.
    func regionOf(_ column: String) -> SQLQueryString {
        var cases: SQLQueryString = "CASE"
        for region in Region.southern {
            cases = cases + " WHEN \(unsafeRaw: column) IN (\(binds: Self.regionCountries[region] ?? ["--"])) THEN \(bind: region.rawValue)"
        }
        return cases + " ELSE \(bind: Region.partner.rawValue) END"
    }

    /// The month ("2026-08") of an ISO day in `column`: series are grouped by month in the
    /// database (a cheap key) and added up into quarters and years here.
    func monthOf(_ column: String) -> SQLQueryString { "SUBSTR(\(unsafeRaw: column), 1, 7)" }

    /// "2026-Q3" of an ISO day in `column`.
    func quarterOfDay(_ column: String) -> SQLQueryString {
        """
        (SUBSTR(\(unsafeRaw: column), 1, 4) || '-Q' || CAST((CAST(SUBSTR(\(unsafeRaw: column), 6, 2) AS INTEGER) + 2) / 3 AS TEXT))
        """
    }

    /// The UTC month ("2026-08") of Unix seconds in `column`.
    func monthOfSeconds(_ column: String) -> SQLQueryString {
        isPostgres ? "to_char(to_timestamp(\(unsafeRaw: column)) AT TIME ZONE 'UTC', 'YYYY-MM')"
            : "strftime('%Y-%m', \(unsafeRaw: column), 'unixepoch')"
    }
}

/// Series from figures per quarter: years are added up from their quarters (a record falls in one
/// quarter only, so sums and counts of records add up exactly), and every period from the first
/// one with a record to `now` is there.
struct QuarterTotals {
    /// Per quarter key: a sum and how many records it rests on.
    var sums: [String: (sum: Int, records: Int)] = [:]

    /// Adds a month's ("2026-08") figures to its quarter.
    mutating func add(month: String, sum: Int, records: Int) {
        guard let quarter = IndicatorPeriods.keys(ofDay: month)?.quarter else { return }
        add(quarter, sum: sum, records: records)
    }

    mutating func add(_ quarter: String, sum: Int, records: Int) {
        let old = sums[quarter] ?? (0, 0)
        sums[quarter] = (old.sum + sum, old.records + records)
    }

    var total: (sum: Int, records: Int) { sums.values.reduce((0, 0)) { ($0.0 + $1.sum, $0.1 + $1.records) } }

    var byYear: [String: (sum: Int, records: Int)] {
        var years: [String: (sum: Int, records: Int)] = [:]
        for (quarter, value) in sums {
            let year = String(quarter.prefix(4)), old = years[year] ?? (0, 0)
            years[year] = (old.sum + value.sum, old.records + value.records)
        }
        return years
    }

    /// Count series (the sums as counts).
    func countSeries(now: Date) -> (years: [IndicatorPoint], quarters: [IndicatorPoint]) {
        (IndicatorPeriods.countSeries(byYear.mapValues(\.sum), quarterly: false, now: now),
         IndicatorPeriods.countSeries(sums.mapValues(\.sum), quarterly: true, now: now))
    }

    /// Series of a figure made of each period's sum and records (a mean); a period without
    /// records is `.none`.
    func series(now: Date, _ figure: (Int, Int) -> IndicatorFigure) -> (years: [IndicatorPoint], quarters: [IndicatorPoint]) {
        let years = byYear
        return (QuarterTotals.fill(years.mapValues { figure($0.sum, $0.records) }, quarterly: false, now: now),
                QuarterTotals.fill(sums.mapValues { figure($0.sum, $0.records) }, quarterly: true, now: now))
    }

    static func fill(_ figures: [String: IndicatorFigure], quarterly: Bool, now: Date) -> [IndicatorPoint] {
        guard let first = figures.keys.min() else { return [] }
        let periods = quarterly ? IndicatorPeriods.quarters(from: first, to: now) : IndicatorPeriods.years(from: first, to: now)
        return periods.map { IndicatorPoint(period: $0, figure: figures[$0] ?? .none) }
    }
}
