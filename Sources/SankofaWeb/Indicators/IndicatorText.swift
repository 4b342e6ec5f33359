import Foundation
import SankofaCore
import Vapor

/// Figures, periods and breakdown keys in the reader's language: counts and measures formatted
/// for the locale, shares as percentages, money in its own currency (never converted), hidden
/// figures as "fewer than 3" or "withheld", and the store's raw keys (region, theme, country
/// codes…) as their translated names.
struct IndicatorText {
    let catalogs: Catalogs
    let language: Language

    init(_ request: Request, _ language: Language) {
        catalogs = request.application.catalogs
        self.language = language
    }

    init(catalogs: Catalogs, language: Language) {
        self.catalogs = catalogs
        self.language = language
    }

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { catalogs.text(key, language, arguments) }

    func figure(_ figure: IndicatorFigure, unit: IndicatorUnit) -> String {
        switch figure {
        case .count(let n): return NumberFormatting.integer(n, language)
        case .measure(let value, _): return measure(value, unit: unit)
        case .money(let milli, let currency, _): return Money(milli: milli, currency: currency).formatted(in: language)
        case .fewerThan(let n): return t("indicators.fewerThan", ["count": NumberFormatting.integer(n, language)])
        case .withheld: return t("indicators.withheld")
        case .none: return t("indicators.none")
        }
    }

    func measure(_ value: Double, unit: IndicatorUnit) -> String {
        switch unit {
        case .share: return value.formatted(.percent.precision(.fractionLength(0...1)).locale(language.locale))
        case .days, .count: return value.formatted(.number.precision(.fractionLength(0...1)).locale(language.locale))
        case .points, .money: return value.formatted(.number.precision(.fractionLength(0...2)).locale(language.locale))
        }
    }

    /// The figure as a number for a chart's length (hidden and absent figures draw nothing).
    static func plotted(_ figure: IndicatorFigure) -> Double? {
        switch figure {
        case .count(let n): return Double(n)
        case .measure(let value, _): return value
        case .money(let milli, _, _): return Double(milli) / 1_000
        case .fewerThan, .withheld, .none: return nil
        }
    }

    /// What the figures are, beside a value or as a column's heading ("days", "points"…).
    func unit(_ unit: IndicatorUnit) -> String { t("indicators.unit.\(unit.rawValue)") }

    /// "2026", or "2026 Q3" as the language writes a quarter.
    func period(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard let year = parts.first.flatMap({ Int($0) }) else { return key }
        let yearText = DateFormatting.year(year, language)
        guard parts.count == 2, parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()) else { return yearText }
        return t("indicators.quarter", ["year": yearText, "quarter": NumberFormatting.integer(quarter, language)])
    }

    func dimension(_ dimension: IndicatorDimension) -> String { t(dimension.labelKey) }

    /// A breakdown key's name for the reader: vocabularies through their catalog keys, countries,
    /// languages and currencies through CLDR. A key the vocabulary does not know is shown as it is.
    func key(_ raw: String, _ dimension: IndicatorDimension) -> String {
        switch dimension {
        case .country, .partnerCountry: return Countries.isValid(raw) ? Countries.name(of: raw, in: language) : raw
        case .language: return Language.name(of: raw, in: language)
        case .currency: return Currency.name(of: raw, in: language)
        case .period: return period(raw)
        case .region, .fromRegion, .toRegion: return known("region.\(raw)", raw)
        case .gender: return known("gender.\(raw)", raw)
        case .theme: return known("theme.\(raw)", raw)
        case .pillar: return known("pillar.\(raw)", raw)
        case .scope: return known(raw == "triangular" ? "indicators.key.triangular" : "scope.\(raw)", raw)
        case .maturity: return known("maturity.\(raw)", raw)
        case .evidence: return known("evidence.\(raw)", raw)
        case .contributionKind: return known("contributionKind.\(raw)", raw)
        case .adoptionKind: return known("adoption.\(raw)", raw)
        case .directoryKind: return known("indicators.directory-kind.\(raw)", raw)
        case .statistic: return known("indicators.statistic.\(raw)", raw)
        }
    }

    private func known(_ key: String, _ raw: String) -> String {
        catalogs.entries[language]?[key] != nil || catalogs.entries[.en]?[key] != nil ? t(key) : raw
    }
}
