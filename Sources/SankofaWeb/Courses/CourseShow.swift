import Foundation
import SankofaCore
import Vapor

/// A course's page.
struct CourseShow: Encodable, Sendable {
    var title: String
    var textLang: String
    var textDir: String
    var fallbackNote: String?
    var demoNote: String?
    var pastNote: String?
    var dates: String
    var description: [String]
    var eligibility: [String]
    var howToApply: [String]
    var applyURL: String?
    var facts: [ExpertShow.Fact]
    var centre: Layout.Link?
    var backHref: String
    var tools: [Layout.Link] = []

    init(_ record: CourseRecord, centre: CentreRecord?, language: Language, request: Request) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let separator = t("list.separator")
        let text = record.translations.resolve(language, original: record.originalLanguage)
        let shown = text?.language ?? language
        title = text?.value.title ?? record.slug
        textLang = shown.rawValue
        textDir = shown.direction
        fallbackNote = shown != language ? t("content.fallback", ["language": shown.name(in: language)]) : nil
        demoNote = record.demo ? t("directory.demoEntry") : nil
        pastNote = record.isPast(today: ISODay.format(Date())) ? t("course.pastNote") : nil
        dates = request.dateSpan(from: record.startDate, to: record.endDate, language)
        description = Paragraphs.split(text?.value.description ?? "")
        eligibility = Paragraphs.split(text?.value.eligibility ?? "")
        howToApply = Paragraphs.split(text?.value.howToApply ?? "")
        applyURL = record.applyURL.flatMap { SafeURL.isHTTP($0) ? $0 : nil }
        var facts: [ExpertShow.Fact] = [
            .init(label: t("course.dates"), values: [dates]),
            .init(label: t("facet.modality"), values: [t(record.modality.labelKey)]),
            .init(label: t("course.location"), values: [[record.location, Countries.name(of: record.country, in: language)].compactMap { $0 }.joined(separator: separator)]),
            .init(label: t("course.languages"), values: record.languages.map { Language.name(of: $0, in: language) }),
            .init(label: t("facet.cost"), values: [t(record.costCoverage.labelKey)]),
            .init(label: t("facet.theme"), values: record.themes.map { t($0.labelKey) }),
        ]
        if let seats = record.seats {
            facts.append(.init(label: t("course.seats"), values: [NumberFormatting.integer(seats, language)]))
        }
        self.facts = facts.filter { !$0.values.isEmpty }
        self.centre = centre.map {
            let name = $0.translations.resolve(language, original: $0.originalLanguage)
            return Layout.Link(href: SiteURL.centre(language, slug: $0.slug).path, label: name?.value.name ?? $0.slug, lang: name?.language.rawValue)
        }
        backHref = SiteURL.courses(language).path
    }
}
