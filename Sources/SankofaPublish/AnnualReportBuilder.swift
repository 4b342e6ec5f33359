import Foundation
import SankofaCore

/// Lays out one language's annual report as a ``Book``, so that it goes through the Handbook's
/// pipeline unchanged: ``HTMLBook`` (cover, contents, chapters, the Noto font stack, right to
/// left in Arabic) and WeasyPrint for the PDF. Pure: the same content, language and catalogs
/// always give the same book.
public struct AnnualReportBuilder: Sendable {
    public var catalogs: Catalogs
    /// The platform's public address, for the links of the practices listed.
    public var baseURL: String
    /// Whether the figures are drawn (charts and the map) above their tables; the tables, which
    /// screen readers and the PDF's text carry, are always there.
    public var charts: Bool

    public init(catalogs: Catalogs, baseURL: String, charts: Bool = true) {
        self.catalogs = catalogs
        self.baseURL = baseURL
        self.charts = charts
    }

    public func book(_ content: AnnualReportContent, _ language: Language) -> Book {
        let x = AnnualReportText(catalogs: catalogs, language: language)
        var chapters = [Chapter(id: "summary", title: x.t("annualReport.summary"), markup: summary(content, x))]
        for outcome in ProgrammeOutcome.allCases {
            chapters.append(Chapter(id: "outcome-\(outcome.rawValue)", title: x.t(outcome.labelKey),
                                    markup: indicators(content, outcome, x)))
        }
        chapters.append(Chapter(id: "practices", title: x.t("annualReport.practices"), markup: practices(content, x)))
        chapters.append(Chapter(id: "exchanges", title: x.t("annualReport.exchanges"), markup: exchanges(content, x)))
        chapters.append(Chapter(id: "contributions", title: x.t("annualReport.contributions"), markup: contributions(content, x)))
        chapters.append(Chapter(id: "method", title: x.t("annualReport.method"), markup: method(content, x)))
        return Book(language: language.rawValue, dir: language.direction,
                    title: x.t("annualReport.title", ["year": x.year(content.year)]),
                    editionLabel: x.t("annualReport.subtitle", ["year": x.year(content.year)]),
                    publisher: x.t("handbook.publisher"), contentsHeading: x.t("handbook.contents"),
                    chapters: chapters, extraStyle: AnnualReportStyle.sheet + (language.isRightToLeft ? AnnualReportStyle.rightToLeftPrint : ""))
    }

    func summary(_ content: AnnualReportContent, _ x: AnnualReportText) -> String {
        let countries = content.exchangesByCountry.rows.filter { $0.figure != .count(0) }.count
        var out = x.paragraph(x.t("annualReport.summaryLead", ["year": x.year(content.year)]))
        out += x.keyFigures([
            (x.t("annualReport.key.practices"), x.figure(content.practicesTotal, unit: .count)),
            (x.t("annualReport.key.exchanges"), x.figure(content.exchangesTotal, unit: .count)),
            (x.t("annualReport.key.countries"), x.integer(countries)),
            (x.t("annualReport.key.currencies"), x.integer(content.contributions.rows.count)),
        ])
        return out
    }

    /// Each indicator of the outcome: title, definition, the year's figure, the series by year.
    func indicators(_ content: AnnualReportContent, _ outcome: ProgrammeOutcome, _ x: AnnualReportText) -> String {
        var out = ""
        for result in content.indicators where result.id.outcome == outcome {
            out += "<section class=\"indicator\" id=\"i-\(result.id.rawValue)\"><h2>\(x.e(x.t(result.id.labelKey)))</h2>"
            out += x.paragraph(x.t(result.id.definitionKey), className: "definition")
            let value = x.t("annualReport.inYear", ["year": x.year(content.year), "value": x.figure(content.figure(result), unit: result.unit)])
            out += x.paragraph(value, className: "indicator-value")
            let series = content.series(result)
            if !series.isEmpty {
                if charts { out += AnnualReportCharts(text: x).line(result, series) }
                out += x.table(caption: x.t("annualReport.byYear"), headings: [x.t("annualReport.year"), x.t("annualReport.value")],
                               rows: series.map { [x.year(Int($0.period) ?? 0), x.figure($0.figure, unit: result.unit)] })
            }
            out += "</section>"
        }
        return out
    }

    func practices(_ content: AnnualReportContent, _ x: AnnualReportText) -> String {
        let year = x.year(content.year)
        var out = x.paragraph(x.t("annualReport.practicesLead", ["year": year, "count": x.figure(content.practicesTotal, unit: .count)]))
        let rows = content.practicesByRegion.rows.map { [x.name($0.keys[0], .region), x.figure($0.figure, unit: .count)] }
        if charts { out += AnnualReportCharts(text: x).bars(content.practicesByRegion, title: x.t("annualReport.practicesByRegion", ["year": year])) }
        out += x.table(caption: x.t("annualReport.practicesByRegion", ["year": year]),
                       headings: [x.t("annualReport.region"), x.t("annualReport.practicesCount")], rows: rows)
        if !content.latestPractices.isEmpty {
            out += "<h2>\(x.e(x.t("annualReport.latestPractices")))</h2><ul class=\"latest-practices\">"
            for practice in content.latestPractices {
                let shown = practice.titles[x.language] != nil ? x.language : practice.originalLanguage
                let title = practice.titles[shown] ?? practice.slug
                let href = "\(baseURL)/\(x.language.rawValue)/practices/\(practice.slug)"
                out += "<li><a href=\"\(x.e(href))\" lang=\"\(shown.rawValue)\" dir=\"\(shown.direction)\">\(x.e(title))</a></li>"
            }
            out += "</ul>"
        }
        return out
    }

    func exchanges(_ content: AnnualReportContent, _ x: AnnualReportText) -> String {
        let year = x.year(content.year)
        var out = x.paragraph(x.t("annualReport.exchangesLead", ["year": year, "count": x.figure(content.exchangesTotal, unit: .count)]))
        // The flows as a matrix: providing region in rows, beneficiary region in columns.
        let regions = Region.allCases.map(\.rawValue)
        let used = regions.filter { key in content.flows.rows.contains { $0.keys.contains(key) } }
        if !used.isEmpty {
            if charts { out += AnnualReportCharts(text: x).flows(content.flows, regions: used, title: x.t("annualReport.flowsCaption", ["year": year])) }
            let rows = used.map { from in
                [x.name(from, .fromRegion)] + used.map { to in
                    x.figure(content.flows.rows.first { $0.keys == [from, to] }?.figure ?? .count(0), unit: .count)
                }
            }
            out += x.table(caption: x.t("annualReport.flowsCaption", ["year": year]),
                           headings: [x.t("annualReport.fromTo")] + used.map { x.name($0, .toRegion) }, rows: rows)
        }
        let countries = content.exchangesByCountry.rows.sorted {
            x.name($0.keys[0], .country).compare(x.name($1.keys[0], .country), locale: x.language.locale) == .orderedAscending
        }
        if !countries.isEmpty {
            if charts { out += AnnualReportCharts(text: x).map(content.exchangesByCountry, title: x.t("annualReport.countriesCaption", ["year": year])) }
            out += x.table(caption: x.t("annualReport.countriesCaption", ["year": year]),
                           headings: [x.t("annualReport.country"), x.t("annualReport.exchangesCount")],
                           rows: countries.map { [x.name($0.keys[0], .country), x.figure($0.figure, unit: .count)] })
        }
        return out
    }

    func contributions(_ content: AnnualReportContent, _ x: AnnualReportText) -> String {
        let year = x.year(content.year)
        guard !content.contributions.rows.isEmpty else { return x.paragraph(x.t("annualReport.noContributions", ["year": year])) }
        return x.paragraph(x.t("annualReport.contributionsLead")) + x.table(
            caption: x.t("annualReport.contributionsCaption", ["year": year]),
            headings: [x.t("annualReport.currency"), x.t("annualReport.amount")],
            rows: content.contributions.rows.map { [$0.keys[0], x.figure($0.figure, unit: .money)] })
    }

    func method(_ content: AnnualReportContent, _ x: AnnualReportText) -> String {
        x.paragraph(x.t("annualReport.methodComputed", ["date": DateFormatting.longDate(content.computedAt, x.language)]), className: "method")
            + x.paragraph(x.t("annualReport.methodSuppression"), className: "method")
            + x.paragraph(x.t("annualReport.methodMoney"), className: "method")
    }
}
