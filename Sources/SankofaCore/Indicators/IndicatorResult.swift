import Foundation

/// One figure of an indicator. `basis` is how many records (people for people counts) it rests
/// on: ``IndicatorSuppression`` hides a figure whose basis is between 1 and 2 from readers who may
/// not see it exactly.
public enum IndicatorFigure: Sendable, Equatable, Codable {
    case count(Int)
    /// A mean, median or share computed over `basis` records.
    case measure(Double, basis: Int)
    /// An amount in thousandths of `currency` (ISO 4217) over `basis` contributions.
    case money(milli: Int64, currency: String, basis: Int)
    /// Hidden: fewer than ``IndicatorSuppression/threshold`` records.
    case fewerThan(Int)
    /// Hidden although not small, so that a small figure beside it cannot be worked out from the total.
    case withheld
    /// Nothing to compute from (a median of no requests).
    case none

    public var basis: Int {
        switch self {
        case .count(let n): return n
        case .measure(_, let basis), .money(_, _, let basis): return basis
        case .fewerThan, .withheld, .none: return 0
        }
    }
}

/// One row of a breakdown: a key per dimension of the breakdown, in its order, and the figure.
public struct IndicatorRow: Sendable, Equatable, Codable {
    public var keys: [String]
    public var figure: IndicatorFigure
    public init(keys: [String], figure: IndicatorFigure) { self.keys = keys; self.figure = figure }
}

/// A table of an indicator by one or two dimensions (two: a matrix such as region flows).
public struct IndicatorBreakdown: Sendable, Equatable, Codable {
    public var dimensions: [IndicatorDimension]
    public var rows: [IndicatorRow]
    public init(dimensions: [IndicatorDimension], rows: [IndicatorRow]) { self.dimensions = dimensions; self.rows = rows }
}

/// A series point: a year ("2026") or a quarter ("2026-Q3").
public struct IndicatorPoint: Sendable, Equatable, Codable {
    public var period: String
    public var figure: IndicatorFigure
    public init(period: String, figure: IndicatorFigure) { self.period = period; self.figure = figure }
}

/// An indicator computed for one filter: the value now (over every period up to now), its series
/// by year and by quarter, and its breakdowns. Raw from the store; pass it through
/// ``IndicatorSuppression/apply(_:exact:)`` before anyone sees it.
public struct IndicatorResult: Sendable, Equatable, Codable {
    public var id: IndicatorID
    public var unit: IndicatorUnit
    public var value: IndicatorFigure
    /// Money has no single value across currencies: its `value` is `.none` and the per-currency
    /// totals are a breakdown by currency.
    public var byYear: [IndicatorPoint]
    public var byQuarter: [IndicatorPoint]
    public var breakdowns: [IndicatorBreakdown]

    public init(id: IndicatorID, unit: IndicatorUnit, value: IndicatorFigure, byYear: [IndicatorPoint] = [],
                byQuarter: [IndicatorPoint] = [], breakdowns: [IndicatorBreakdown] = []) {
        self.id = id; self.unit = unit; self.value = value
        self.byYear = byYear; self.byQuarter = byQuarter; self.breakdowns = breakdowns
    }
}

/// What an indicator is computed over: every filter is optional and they combine with AND. A
/// record matches a region or country when one of its countries does (an exchange's parties, a
/// practice's countries, a profile's country); a theme or pillar when it holds it.
public struct IndicatorFilter: Sendable, Hashable, Codable {
    public var region: Region?
    public var country: String?
    public var theme: Theme?
    public var pillar: Pillar?

    public init(region: Region? = nil, country: String? = nil, theme: Theme? = nil, pillar: Pillar? = nil) {
        self.region = region; self.country = country; self.theme = theme; self.pillar = pillar
    }

    public static let all = IndicatorFilter()
    public var isEmpty: Bool { self == .all }
}
