import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// An expert's page: only what the reader's audience may see, already translated.
struct ExpertShow: Encodable, Sendable {
    struct Fact: Encodable, Sendable { var label: String; var values: [String] }
    struct OfferItem: Encodable, Sendable { var type: String; var details: [String] }
    struct LinkItem: Encodable, Sendable { var title: String; var url: String? }
    struct EndorsementItem: Encodable, Sendable { var text: String; var href: String? }
    struct Form: Encodable, Sendable { var action: String; var label: String }

    var name: String
    var demoNote: String?
    var subtitle: String?
    var focalPoint: String?
    var facts: [Fact]
    var biography: [String]
    var biographyLang: String
    var biographyDir: String
    var fallbackNote: String?
    var offers: [OfferItem]
    var links: [LinkItem]
    var publications: [LinkItem]
    var practices: [Layout.Link]
    var centres: [Layout.Link]
    var endorsements: [EndorsementItem]
    var contactHref: String?
    var contactNote: String?
    var endorseForm: Form?
    var tools: [Layout.Link] = []
    var backHref: String
}

extension ExpertShow {
    /// `endorsers` name, in order, each endorsement's endorser whose profile the reader may see.
    init(_ entry: ExpertDirectory.Entry, endorsers: [(name: String, slug: String)?], practices: [(slug: String, title: String, language: Language)],
         centres: [StoredCentre], language: Language, request: Request) {
        let view = entry.view
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let separator = t("list.separator")
        name = view.name
        demoNote = view.demo ? t("directory.demoProfile") : nil
        subtitle = [view.title, view.organisation].compactMap { $0 }.joined(separator: separator).nilIfEmpty
        let record = entry.stored.record
        if record.focalPointFor == "country" {
            focalPoint = view.country.map { t("expert.focalPointFor", ["country": Countries.name(of: $0, in: language)]) } ?? t("expert.focalPoint")
        } else if view.organisation != nil, let centreSlug = record.focalPointFor?.dropFirst(7),
                  let centre = centres.first(where: { $0.record.slug == centreSlug }) {
            focalPoint = t("expert.focalPointForCentre", ["centre": centre.record.translations.resolve(language, original: centre.record.originalLanguage)?.value.name ?? ""])
        } else {
            focalPoint = nil
        }

        var facts: [Fact] = []
        if let country = view.country {
            facts.append(Fact(label: t("facet.country"), values: [Countries.name(of: country, in: language)]))
        }
        facts.append(Fact(label: t("expert.languages"), values: view.languages.map {
            t("expert.languageLevel", ["language": Language.name(of: $0.code, in: language), "level": t($0.level.labelKey)])
        }))
        facts.append(Fact(label: t("facet.theme"), values: view.themes.map { t($0.labelKey) }))
        facts.append(Fact(label: t("facet.pillar"), values: view.pillars.map { "\($0.roman). \(t($0.labelKey))" }))
        if let kinds = view.experienceKinds {
            facts.append(Fact(label: t("facet.experience"), values: kinds.map { t($0.labelKey) }))
        }
        if let years = view.yearsOfExperience {
            facts.append(Fact(label: t("expert.years"), values: [request.application.catalogs.plural("expert.yearsCount", count: years, language,
                                                                                                     ["count": NumberFormatting.integer(years, language)])]))
        }
        if let countries = view.experienceCountries {
            facts.append(Fact(label: t("expert.experienceCountries"), values: countries.map { Countries.name(of: $0, in: language) }))
        }
        self.facts = facts.filter { !$0.values.isEmpty }

        let bio = view.biography?.resolve(language, original: view.originalLanguage)
        biography = bio.map { Paragraphs.split($0.value) } ?? []
        biographyLang = (bio?.language ?? language).rawValue
        biographyDir = (bio?.language ?? language).direction
        fallbackNote = bio.flatMap { $0.language != language ? t("content.fallback", ["language": $0.language.name(in: language)]) : nil }

        let today = ISODay.format(Date())
        offers = view.offers.map { offer in
            var details = [offer.modality.map { t($0.labelKey) }.joined(separator: separator)]
            if !offer.languages.isEmpty { details.append(offer.languages.map { Language.name(of: $0, in: language) }.joined(separator: separator)) }
            switch offer.availability {
            case .now: details.append(t("availability.availableNow"))
            case .notAvailable: details.append(t("availability.notAvailable"))
            case .from(let day):
                details.append(offer.availability.status(today: today) == .availableNow ? t("availability.availableNow")
                               : t("availability.from", ["date": ISODay.parse(day).map { DateFormatting.longDate($0, language) } ?? day]))
            }
            return OfferItem(type: t(offer.type.labelKey), details: details)
        }
        // Addresses were checked on the way in; checked again here in case the rules changed since.
        links = (view.links ?? []).map { LinkItem(title: $0.title, url: $0.url.flatMap { SafeURL.isHTTP($0) ? $0 : nil }) }
        publications = (view.publications ?? []).map { LinkItem(title: $0.title, url: $0.url.flatMap { SafeURL.isHTTP($0) ? $0 : nil }) }
        self.practices = practices.map { Layout.Link(href: SiteURL.practice(language, slug: $0.slug).path, label: $0.title, lang: $0.language.rawValue) }
        // Centre membership says where someone works: shown only with the organisation.
        self.centres = centres.filter { view.organisation != nil && $0.record.experts.contains(view.slug) }.map {
            let name = $0.record.translations.resolve(language, original: $0.record.originalLanguage)
            return Layout.Link(href: SiteURL.centre(language, slug: $0.record.slug).path, label: name?.value.name ?? $0.record.slug,
                               lang: name?.language.rawValue)
        }
        endorsements = zip(entry.stored.endorsements, endorsers).map { endorsement, endorser in
            let date = DateFormatting.longDate(endorsement.at, language)
            // Endorsers are focal points of the expert's country: naming one would reveal a hidden country.
            if view.country != nil, let endorser {
                return EndorsementItem(text: t("expert.endorsedBy", ["name": endorser.name, "date": date]),
                                       href: SiteURL.expert(language, slug: endorser.slug).path)
            }
            return EndorsementItem(text: t("expert.endorsedByFocalPoint", ["date": date]), href: nil)
        }
        backHref = SiteURL.experts(language).path
        contactHref = nil
        contactNote = nil
        endorseForm = nil
    }
}
