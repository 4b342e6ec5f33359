import Foundation
import SankofaCore

/// The report's words and numbers in one language: catalog strings, figures formatted with the
/// language's digits and separators, vocabulary keys named, and the small pieces of markup
/// (tables) the chapters are made of. Every text that goes into markup is escaped here.
struct AnnualReportText {
    var catalogs: Catalogs
    var language: Language

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { catalogs.text(key, language, arguments) }
    func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    func integer(_ value: Int) -> String { NumberFormatting.integer(value, language) }
    func year(_ value: Int) -> String { DateFormatting.year(value, language) }

    func decimal(_ value: Double, digits: Int) -> String {
        value.formatted(.number.precision(.fractionLength(digits)).locale(language.locale))
    }

    /// A figure as a reader of the language reads it, with its unit.
    func figure(_ figure: IndicatorFigure, unit: IndicatorUnit) -> String {
        switch figure {
        case .count(let n): return integer(n)
        case .measure(let value, _):
            switch unit {
            case .share: return value.formatted(.percent.precision(.fractionLength(0)).locale(language.locale))
            case .days: return t("annualReport.unit.days", ["value": decimal(value, digits: 0)])
            case .points: return t("annualReport.unit.points", ["value": decimal(value, digits: 1)])
            case .count, .money: return decimal(value, digits: 1)
            }
        case .money(let milli, let currency, _): return Money(milli: milli, currency: currency).formatted(in: language)
        case .fewerThan(let n): return t("annualReport.fewerThan", ["count": integer(n)])
        case .withheld: return t("annualReport.withheld")
        case .none: return t("annualReport.noFigure")
        }
    }

    /// The name of a breakdown key of `dimension` (a region, a country…); the key itself otherwise.
    func name(_ key: String, _ dimension: IndicatorDimension) -> String {
        switch dimension {
        case .region, .fromRegion, .toRegion: return Region(rawValue: key).map { t($0.labelKey) } ?? key
        case .country, .partnerCountry: return Countries.name(of: key, in: language)
        case .theme: return Theme(rawValue: key).map { t($0.labelKey) } ?? key
        case .language: return Language(rawValue: key)?.name(in: language) ?? key
        default: return key
        }
    }

    /// A table with a caption, column headings and rows whose first cell is the row's heading.
    func table(caption: String, headings: [String], rows: [[String]], numeric: Bool = true) -> String {
        var out = "<table class=\"report-table\"><caption>\(e(caption))</caption><thead><tr>"
        out += headings.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            guard let head = row.first else { continue }
            out += "<tr><th scope=\"row\">\(e(head))</th>"
            out += row.dropFirst().map { "<td\(numeric ? " class=\"number\"" : "")>\(e($0))</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// Label–value pairs, the label first in the reading direction (a table, as the Handbook's key facts).
    func keyFigures(_ pairs: [(String, String)]) -> String {
        "<table class=\"key-figures\"><tbody>" + pairs.map {
            "<tr><th scope=\"row\">\(e($0.0))</th><td>\(e($0.1))</td></tr>"
        }.joined() + "</tbody></table>"
    }

    func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(e(text))</p>"
    }
}

/// The report's own rules, added to the Handbook's stylesheet (``Book/extraStyle``).
enum AnnualReportStyle {
    static let sheet = """

        .report-table{border-collapse:collapse;margin-block:1em;width:100%;font-size:.92em}
        .report-table caption{caption-side:top;text-align:start;font-weight:bold;padding-block-end:.3em}
        .report-table th,.report-table td{border:1px solid #bbb;padding:.2em .5em;text-align:start;vertical-align:top}
        .report-table thead th{background:#f1ece2}
        .report-table td.number{text-align:end;font-variant-numeric:tabular-nums}
        .key-figures{border-collapse:collapse;margin-block:1em;font-size:1.05em}
        .key-figures th{text-align:start;padding-block:.25em;padding-inline:0 1.5em;font-weight:normal}
        .key-figures td{font-weight:bold;font-size:1.2em}
        .indicator{margin-block:1.5em;break-inside:avoid}
        .indicator-value{font-size:1.15em}
        .definition{color:#333}
        .report-figure{margin:1em 0}
        .report-figure svg{display:block;width:100%;height:auto}
        .method{font-size:.9em;color:#333}
        @media print{.indicator h2{bookmark-level:2}.report-table{break-inside:avoid}}
        """

    /// WeasyPrint (70) draws the text of an SVG one letter at a time: Arabic labels would come
    /// out unjoined and reversed. The Arabic PDF leaves the charts out; their tables, in the book's
    /// own text, carry the same figures (browsers draw the charts of the HTML file well).
    static let rightToLeftPrint = "\n@media print{.report-figure{display:none}}"
}
