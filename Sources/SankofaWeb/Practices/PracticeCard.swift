import SankofaCore
import SankofaStore
import Vapor

/// A practice in a list: everything a card shows, already translated.
struct PracticeCard: Encodable, Sendable {
    var href: String
    var title: String
    var summary: String
    /// The language of title and summary, which differs from the page's when not translated.
    var textLang: String
    var textDir: String
    /// The summary's: the original's when a translation has none of its own.
    var summaryLang: String
    var summaryDir: String
    var fallbackNote: String?
    var countries: String
    var scope: String
    var maturity: String
    var years: String?

    init(_ practice: PracticeModel, _ language: Language, _ request: Request) {
        let shown = practice.text(in: language)
        href = SiteURL.practice(language, slug: practice.slug).path
        title = shown.text.title
        summary = shown.text.summary
        textLang = shown.language.rawValue
        textDir = shown.language.direction
        summaryLang = shown.language(of: "summary").rawValue
        summaryDir = shown.language(of: "summary").direction
        fallbackNote = shown.isFallback
            ? request.t("content.fallback", language, ["language": shown.language.name(in: language)]) : nil
        countries = practice.countryCodes.map { Countries.name(of: $0, in: language) }.joined(separator: request.t("list.separator", language))
        scope = request.t(Scope(rawValue: practice.scope)?.labelKey ?? "", language)
        maturity = request.t(Maturity(rawValue: practice.maturity)?.labelKey ?? "", language)
        years = YearRange.text(start: practice.startYear, end: practice.endYear, language, request)
    }
}

enum YearRange {
    static func text(start: Int?, end: Int?, _ language: Language, _ request: Request) -> String? {
        guard let start else { return nil }
        let from = DateFormatting.year(start, language)
        guard let end else { return request.t("practice.since", language, ["year": from]) }
        return end == start ? from : "\(from)–\(DateFormatting.year(end, language))"
    }
}
