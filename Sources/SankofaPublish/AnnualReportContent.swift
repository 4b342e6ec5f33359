import Foundation
import SankofaCore

/// What an annual report is made of, computed from the records before the book is laid out: the
/// indicators and the year's highlights, every figure already through ``IndicatorSuppression``
/// with `exact: false` (the report is public). Nothing here is translated yet: keys are the
/// vocabulary's raw values, which ``AnnualReportBuilder`` names in each language.
public struct AnnualReportContent: Sendable, Equatable {
    /// A practice published during the year, with its title in each language it has one.
    public struct Practice: Sendable, Equatable {
        public var slug: String
        public var titles: [Language: String]
        public var originalLanguage: Language
        public init(slug: String, titles: [Language: String], originalLanguage: Language) {
            self.slug = slug; self.titles = titles; self.originalLanguage = originalLanguage
        }
    }

    public var year: Int
    /// When the figures were computed (the report says so: a year still running is a year so far).
    public var computedAt: Date
    /// Every indicator, suppressed; the report shows each one's figure for `year` and its series.
    public var indicators: [IndicatorResult]
    /// Practices published during the year: the total and a breakdown by region.
    public var practicesTotal: IndicatorFigure
    public var practicesByRegion: IndicatorBreakdown
    /// The last practices published during the year (a few, newest first).
    public var latestPractices: [Practice]
    /// Exchanges held (started) during the year: the total, from-region × to-region, by country.
    public var exchangesTotal: IndicatorFigure
    public var flows: IndicatorBreakdown
    public var exchangesByCountry: IndicatorBreakdown
    /// Contributions given during the year, by currency (money figures, never converted).
    public var contributions: IndicatorBreakdown

    public init(year: Int, computedAt: Date, indicators: [IndicatorResult], practicesTotal: IndicatorFigure,
                practicesByRegion: IndicatorBreakdown, latestPractices: [Practice], exchangesTotal: IndicatorFigure,
                flows: IndicatorBreakdown, exchangesByCountry: IndicatorBreakdown, contributions: IndicatorBreakdown) {
        self.year = year; self.computedAt = computedAt; self.indicators = indicators
        self.practicesTotal = practicesTotal; self.practicesByRegion = practicesByRegion; self.latestPractices = latestPractices
        self.exchangesTotal = exchangesTotal; self.flows = flows; self.exchangesByCountry = exchangesByCountry
        self.contributions = contributions
    }

    /// The figure of `result` for the report's year: its point in the yearly series (no point:
    /// nothing recorded that year, which is a zero for counts).
    public func figure(_ result: IndicatorResult) -> IndicatorFigure {
        if let point = result.byYear.first(where: { $0.period == String(year) }) { return point.figure }
        return result.unit == .count ? .count(0) : .none
    }

    /// The yearly series up to the report's year (later points, if the report is rebuilt in a
    /// later year, belong to later reports).
    public func series(_ result: IndicatorResult) -> [IndicatorPoint] {
        result.byYear.filter { (Int($0.period) ?? 0) <= year }
    }
}

/// The report's formats: one HTML file (self-contained, also what WeasyPrint lays out) and the PDF.
public enum AnnualReportFormat: String, CaseIterable, Sendable {
    case html, pdf

    public var book: BookFormat { self == .html ? .html : .pdf }

    /// "html,pdf" → formats in a fixed order; nil when a name is unknown.
    public static func parseList(_ text: String) -> [AnnualReportFormat]? {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names == ["all"] { return allCases }
        let formats = names.map { AnnualReportFormat(rawValue: $0) }
        guard !formats.isEmpty, !formats.contains(nil) else { return nil }
        return allCases.filter { formats.contains($0) }
    }
}
