import Foundation
import SankofaCore
import Vapor

/// A figure in JSON, as the reader may see it: `kind` says which fields it has. Counts are
/// integers, measures numbers (a share between 0 and 1), money a decimal string in its currency
/// (never a float, never converted); hidden figures carry no number at all.
struct IndicatorFigureDTO: Content, Equatable {
    enum Kind: String, Codable { case count, measure, money, fewerThan, withheld, none }
    var kind: Kind
    var count: Int?
    var value: Double?
    var amount: String?
    var currency: String?
    /// For `fewerThan`: the threshold under which a figure is hidden (3).
    var threshold: Int?

    init(_ figure: IndicatorFigure) {
        switch figure {
        case .count(let n): kind = .count; count = n
        case .measure(let v, _): kind = .measure; value = v
        case .money(let milli, let code, _): kind = .money; amount = Self.decimal(milli, code); currency = code
        case .fewerThan(let n): kind = .fewerThan; threshold = n
        case .withheld: kind = .withheld
        case .none: kind = .none
        }
    }

    /// Thousandths as a plain decimal with the currency's own number of decimals ("1250.50").
    static func decimal(_ milli: Int64, _ currency: String) -> String {
        let decimals = Currency.decimals(of: currency), sign = milli < 0 ? "-" : ""
        let units = milli.magnitude / 1_000, fraction = milli.magnitude % 1_000
        guard decimals > 0 else { return sign + String(units) }
        let digits = String(String(fraction).leftPadded(to: 3).prefix(decimals))
        return sign + String(units) + "." + digits
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

struct IndicatorPointDTO: Content, Equatable {
    var period: String
    var figure: IndicatorFigureDTO
}

struct IndicatorRowDTO: Content, Equatable {
    /// Raw keys, one per dimension (a region's, a theme's, an ISO code…).
    var keys: [String]
    /// The keys' names in the answer's language.
    var labels: [String]
    var figure: IndicatorFigureDTO
}

struct IndicatorBreakdownDTO: Content, Equatable {
    var dimensions: [IndicatorDimension]
    var rows: [IndicatorRowDTO]
}

struct IndicatorFilterDTO: Content, Equatable {
    var region: Region?
    var country: String?
    var theme: Theme?
    var pillar: Int?
}

extension IndicatorFilterDTO {
    init(_ filter: IndicatorFilter) {
        self.init(region: filter.region, country: filter.country, theme: filter.theme, pillar: filter.pillar?.rawValue)
    }
}

/// One indicator as JSON (the `.json` download and `/api/v1/indicators/{slug}`): what it is,
/// in the answer's language, whether this reader sees its small figures exactly, and its figures.
struct IndicatorDTO: Content, Equatable {
    var id: String
    var url: String
    var language: Language
    var outcome: Int
    var sensitivity: IndicatorSensitivity
    var unit: IndicatorUnit
    var title: String
    var definition: String
    var filter: IndicatorFilterDTO
    /// Whether small figures are shown exactly to this reader; when false, any figure resting on
    /// 1 or 2 records is `fewerThan` (and one row beside it may be `withheld`).
    var exact: Bool
    var value: IndicatorFigureDTO
    var byYear: [IndicatorPointDTO]
    var byQuarter: [IndicatorPointDTO]
    var breakdowns: [IndicatorBreakdownDTO]

    init(_ result: IndicatorResult, filter: IndicatorFilter, exact: Bool, url: String, text: IndicatorText) {
        id = result.id.rawValue
        self.url = url
        language = text.language
        outcome = result.id.outcome.rawValue
        sensitivity = result.id.sensitivity
        unit = result.unit
        title = text.t(result.id.labelKey)
        definition = text.t(result.id.definitionKey)
        self.filter = IndicatorFilterDTO(filter)
        self.exact = exact
        value = IndicatorFigureDTO(result.value)
        byYear = result.byYear.map { IndicatorPointDTO(period: $0.period, figure: .init($0.figure)) }
        byQuarter = result.byQuarter.map { IndicatorPointDTO(period: $0.period, figure: .init($0.figure)) }
        breakdowns = result.breakdowns.map { breakdown in
            IndicatorBreakdownDTO(dimensions: breakdown.dimensions, rows: breakdown.rows.map { row in
                IndicatorRowDTO(keys: row.keys, labels: zip(row.keys, breakdown.dimensions).map { text.key($0, $1) },
                                figure: .init(row.figure))
            })
        }
    }
}

struct IndicatorOutcomeDTO: Content, Equatable {
    var number: Int
    var statement: String
    var indicators: [String]
}

/// Every indicator for one filter (`/api/v1/indicators`), with the outcomes they report on.
struct IndicatorListDTO: Content, Equatable {
    var language: Language
    var filter: IndicatorFilterDTO
    var outcomes: [IndicatorOutcomeDTO]
    var items: [IndicatorDTO]
}
