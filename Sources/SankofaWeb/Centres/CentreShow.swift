import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A Centre of Excellence's page.
struct CentreShow: Encodable, Sendable {
    var name: String
    var textLang: String
    var textDir: String
    var fallbackNote: String?
    var description: [String]
    var facts: [ExpertShow.Fact]
    var website: String?
    var contactURL: String?
    /// A person linked from the centre; `demo` marks a fictional profile of the demo data.
    struct Person: Encodable, Sendable { var href: String; var name: String; var demo: Bool }

    var hasContact: Bool
    var focalPoint: Person?
    var experts: [Person]
    var practices: [Layout.Link]
    var upcoming: [DirectoryCard]
    var past: [DirectoryCard]
    var backHref: String
    /// What the reader may do with the centre (edit it, for its staff).
    var tools: [Layout.Link] = []

    /// `people` are the views of the centre's experts the reader may see, by slug.
    init(_ record: CentreRecord, people: [String: ExpertView], practices: [(slug: String, title: String, language: Language)],
         courses: [StoredCourse], language: Language, request: Request) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let text = record.translations.resolve(language, original: record.originalLanguage)
        name = text?.value.name ?? record.slug
        textLang = (text?.language ?? language).rawValue
        textDir = (text?.language ?? language).direction
        fallbackNote = text.flatMap { $0.language != language ? t("content.fallback", ["language": $0.language.name(in: language)]) : nil }
        description = Paragraphs.split(text?.value.description ?? "")
        facts = [
            .init(label: t("facet.type"), values: [t(record.type.labelKey)]),
            .init(label: t("facet.country"), values: [Countries.name(of: record.country, in: language)]),
            .init(label: t("facet.region"), values: [t(RegionTable.standard.region(of: record.country).labelKey)]),
            .init(label: t("facet.theme"), values: record.themes.map { t($0.labelKey) }),
        ].filter { !$0.values.isEmpty }
        website = record.website.flatMap { SafeURL.isHTTP($0) ? $0 : nil }
        contactURL = record.contactURL.flatMap { SafeURL.isHTTP($0) ? $0 : nil }
        hasContact = website != nil || contactURL != nil
        // People appear only when the reader may see their profile and where they work.
        func person(_ slug: String) -> Person? {
            guard let view = people[slug], view.organisation != nil else { return nil }
            return Person(href: SiteURL.expert(language, slug: slug).path, name: view.name, demo: view.demo)
        }
        focalPoint = record.focalPoint.flatMap(person)
        experts = record.experts.compactMap(person)
        self.practices = practices.map { Layout.Link(href: SiteURL.practice(language, slug: $0.slug).path, label: $0.title, lang: $0.language.rawValue) }
        let today = ISODay.format(Date())
        upcoming = courses.filter { !$0.record.isPast(today: today) }.map { DirectoryCard(course: $0.record, language, request) }
        past = courses.filter { $0.record.isPast(today: today) }.reversed().map { DirectoryCard(course: $0.record, language, request) }
        backHref = SiteURL.centres(language).path
    }
}
