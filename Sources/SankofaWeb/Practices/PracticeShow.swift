import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The practice page: every field, translated labels, original text where not translated.
struct PracticeShow: Encodable, Sendable {
    /// `lang`, `dir` and `note` are set on a section of a translation that is the original's text.
    struct Section: Encodable, Sendable {
        var id: String; var heading: String; var paragraphs: [String]
        var lang: String? = nil; var dir: String? = nil; var note: String? = nil
    }
    /// `lang` is set when the values are content (in the text's language) rather than interface strings.
    struct Fact: Encodable, Sendable { var label: String; var values: [String]; var lang: String? = nil; var dir: String? = nil }
    struct CountryItem: Encodable, Sendable { var name: String; var region: String; var lead: Bool }
    struct Source: Encodable, Sendable { var title: String; var url: String }
    struct LanguageItem: Encodable, Sendable { var name: String; var href: String; var current: Bool }

    var title: String
    var summary: String
    var textLang: String
    var textDir: String
    /// Set when the summary is the original's (the translation has none).
    var summaryLang: String?
    var summaryDir: String?
    var fallbackNote: String?
    var badges: [Fact]
    var countries: [CountryItem]
    var facts: [Fact]
    var sections: [Section]
    var sources: [Source]
    var languages: [LanguageItem]
    var related: [PracticeCard]
    var hasSources: Bool
    var hasRelated: Bool
    var backHref: String
    /// Links for editors and translators (review, translate); empty for readers.
    var tools: [Layout.Link] = []
    /// The experts (as far as the reader may see them) and centres behind the practice.
    var experts: [Layout.Link] = []
    var centres: [Layout.Link] = []
}

extension PracticeShow {
    init(_ practice: PracticeModel, related: [PracticeModel], language: Language, request: Request) {
        let shown = practice.text(in: language)
        let text = shown.text
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }

        title = text.title
        summary = text.summary
        textLang = shown.language.rawValue
        textDir = shown.language.direction
        let originalName = shown.original.name(in: language)
        if shown.isFallback {
            fallbackNote = t("content.fallback", ["language": originalName])
        } else if !shown.fromOriginal.isEmpty {
            fallbackNote = t("content.partialFallback", ["language": originalName])
        }
        if shown.fromOriginal.contains("summary") {
            summaryLang = shown.original.rawValue
            summaryDir = shown.original.direction
        }

        let scope = Scope(rawValue: practice.scope)
        let maturity = Maturity(rawValue: practice.maturity)
        let evidence = EvidenceLevel(rawValue: practice.evidenceLevel)
        badges = [
            Fact(label: t("facet.scope"), values: [t(scope?.labelKey ?? "")]),
            Fact(label: t("facet.maturity"), values: [t(maturity?.labelKey ?? "")]),
            Fact(label: t("facet.evidence"), values: [t(evidence?.labelKey ?? "")]),
        ]
        let table = RegionTable.standard
        countries = practice.countryCodes.map {
            CountryItem(name: Countries.name(of: $0, in: language), region: t(table.region(of: $0).labelKey), lead: $0 == practice.leadCountry)
        }
        let pillars = practice.record.pillars.map { "\($0.roman). \(t($0.labelKey))" }
        var facts = [
            Fact(label: t("facet.pillar"), values: pillars),
            Fact(label: t("facet.theme"), values: practice.themeValues.map { t($0.labelKey) }),
        ]
        if let years = YearRange.text(start: practice.startYear, end: practice.endYear, language, request) {
            facts.append(Fact(label: t("practice.period"), values: [years]))
        }
        facts.append(Fact(label: t("practice.implementers"), values: practice.implementingOrganisations))
        facts.append(Fact(label: t("practice.partners"), values: practice.partners))
        facts.append(Fact(label: t("practice.funders"), values: practice.funders))
        if !text.targetGroups.isEmpty {
            let groups = shown.language(of: "targetGroups")
            facts.append(Fact(label: t("practice.targetGroups"), values: [text.targetGroups], lang: groups.rawValue, dir: groups.direction))
        }
        if let reviewed = practice.lastReviewed.flatMap(ISODay.parse) {
            facts.append(Fact(label: t("practice.lastReviewed"), values: [DateFormatting.longDate(reviewed, language)]))
        }
        self.facts = facts.filter { !$0.values.isEmpty }

        let fields: [(String, String)] = [
            ("context", text.context), ("approach", text.approach), ("results", text.results),
            ("lessons", text.lessons), ("transferConditions", text.transferConditions),
            ("expansionPotential", text.expansionPotential), ("safeguards", text.safeguards),
        ]
        sections = fields.filter { !$0.1.isEmpty }.map {
            var section = Section(id: $0.0, heading: t("practice.\($0.0)"), paragraphs: Paragraphs.split($0.1))
            if shown.fromOriginal.contains($0.0) {
                section.lang = shown.original.rawValue
                section.dir = shown.original.direction
                section.note = t("content.sectionFallback", ["language": originalName])
            }
            return section
        }
        // Addresses were checked on the way in; checked again here in case the rules changed since.
        sources = practice.sources.filter { SafeURL.isHTTP($0.url) }.map { Source(title: $0.title, url: $0.url) }
        languages = practice.availableLanguages.map {
            LanguageItem(name: $0.nativeName, href: SiteURL.practice($0, slug: practice.slug).path, current: $0 == language)
        }
        self.related = related.map { PracticeCard($0, language, request) }
        hasSources = !sources.isEmpty
        hasRelated = !related.isEmpty
        backHref = SiteURL.practices(language).path
    }
}

/// Plain text to paragraphs: blank lines separate them. Text stays text: the template escapes it.
enum Paragraphs {
    static func split(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}
