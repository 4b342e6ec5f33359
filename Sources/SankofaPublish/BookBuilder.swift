import Foundation
import SankofaCore

/// Turns a frozen edition into one language's book. Pure: the same edition, language, catalogs and
/// base URL always give the same book, which is what makes the files reproducible.
public struct BookBuilder: Sendable {
    public var catalogs: Catalogs
    /// The platform's public address, for the "people behind it" link of each entry.
    public var baseURL: String
    public var regions: RegionTable

    public init(catalogs: Catalogs, baseURL: String, regions: RegionTable = .standard) {
        self.catalogs = catalogs
        self.baseURL = baseURL
        self.regions = regions
    }

    /// Chapter ids of the regions, in the book's order.
    public static let regionChapters: [(Region, String)] = [
        (.africa, "africa"), (.asiaPacific, "asia-pacific"), (.middleEast, "middle-east"),
        (.latinAmericaCaribbean, "latin-america-caribbean"), (.partner, "partners"),
    ]

    public func book(_ edition: FrozenEdition, _ language: Language) -> Book {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { catalogs.text(key, language, arguments) }
        let own = edition.text(in: language)
        let title = own.map(\.title).flatMap { $0.isEmpty ? nil : $0 } ?? t("handbook.title")
        var chapters: [Chapter] = []
        for (id, key, path) in [("foreword", "handbook.foreword", \EditionText.foreword),
                                ("introduction", "handbook.introduction", \EditionText.introduction)] {
            if let text = frontText(edition, language, path) {
                chapters.append(Chapter(id: id, title: t(key), text: text))
            }
        }
        chapters.append(Chapter(id: "how-to-read", title: t("handbook.howToRead"), guide: guide(language)))

        let entries = edition.entries.map { ($0, entry($0, language)) }
        for (region, id) in Self.regionChapters {
            let inRegion = entries.filter { primaryRegion(of: $0.0) == region }
            guard !inRegion.isEmpty else { continue }
            let sections: [PillarSection] = Pillar.allCases.compactMap { pillar in
                let here = inRegion.filter { $0.0.pillars.min() == pillar }.map(\.1)
                guard !here.isEmpty else { return nil }
                return PillarSection(id: "\(id)-pillar-\(pillar.rawValue)",
                                     heading: "\(pillar.roman). \(t(pillar.labelKey))", entries: sorted(here, language))
            }
            chapters.append(Chapter(id: id, title: t(region.labelKey), pillars: sections, entryCount: inRegion.count))
        }
        let chapterOf = Dictionary(uniqueKeysWithValues: chapters.flatMap { chapter in
            (chapter.pillars ?? []).flatMap(\.entries).map { ($0.slug, chapter.id) }
        })
        chapters.append(Chapter(id: "index-countries", title: t("handbook.indexCountries"),
                                index: countryIndex(entries, language, chapterOf)))
        chapters.append(Chapter(id: "index-themes", title: t("handbook.indexThemes"),
                                index: themeIndex(entries, language, chapterOf)))
        return Book(
            language: language.rawValue, dir: language.direction, title: title,
            editionLabel: t("handbook.editionLabel", ["number": NumberFormatting.integer(edition.number, language),
                                                      "year": DateFormatting.year(edition.year, language)]),
            publisher: t("handbook.publisher"), contentsHeading: t("handbook.contents"), chapters: chapters)
    }

    /// A practice sits in the chapter of its lead country's region; a lead country outside the South
    /// (a triangular partner) gives way to the first Southern country of the practice.
    func primaryRegion(of record: PracticeRecord) -> Region {
        let lead = regions.region(of: record.leadCountry)
        if lead != .partner { return lead }
        return record.countries.map { regions.region(of: $0) }.first { $0 != .partner } ?? .partner
    }

    func frontText(_ edition: FrozenEdition, _ language: Language, _ field: KeyPath<EditionText, String>) -> FrontText? {
        if let own = edition.texts[language.rawValue]?[keyPath: field], !own.isEmpty {
            return FrontText(lang: language.rawValue, dir: language.direction, fallbackNote: nil, paragraphs: BookParagraphs.split(own))
        }
        // The original language first; failing that, any language that has this text.
        let candidates = [edition.originalLanguage] + Language.displayOrder
        guard let original = candidates.first(where: { !(edition.texts[$0.rawValue]?[keyPath: field] ?? "").isEmpty }),
              let text = edition.texts[original.rawValue]?[keyPath: field] else { return nil }
        return FrontText(lang: original.rawValue, dir: original.direction,
                         fallbackNote: catalogs.text("content.fallback", language, ["language": original.name(in: language)]),
                         paragraphs: BookParagraphs.split(text))
    }

    func guide(_ language: Language) -> [GuideSection] {
        func t(_ key: String) -> String { catalogs.text(key, language) }
        return [
            GuideSection(id: "guide-pillars", heading: t("facet.pillar"), lead: t("handbook.guide.pillars"),
                         terms: Pillar.allCases.map { "\($0.roman). \(t($0.labelKey))" }),
            GuideSection(id: "guide-maturity", heading: t("facet.maturity"), lead: t("handbook.guide.maturity"),
                         terms: Maturity.allCases.map { t($0.labelKey) }),
            GuideSection(id: "guide-scope", heading: t("facet.scope"), lead: t("handbook.guide.scope"),
                         terms: Scope.allCases.map { t($0.labelKey) }),
            GuideSection(id: "guide-evidence", heading: t("facet.evidence"), lead: t("handbook.guide.evidence"),
                         terms: EvidenceLevel.allCases.map { t($0.labelKey) }),
        ]
    }

    func entry(_ record: PracticeRecord, _ language: Language) -> Entry {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { catalogs.text(key, language, arguments) }
        let shown = ShownPracticeText(record.translations, original: record.originalLanguage, in: language, placeholderTitle: record.slug)
        let text = shown.text, originalName = shown.original.name(in: language)
        let fields: [(String, String)] = [
            ("context", text.context), ("approach", text.approach), ("results", text.results),
            ("lessons", text.lessons), ("transferConditions", text.transferConditions),
            ("expansionPotential", text.expansionPotential), ("safeguards", text.safeguards),
        ]
        var facts: [Entry.Fact] = [
            .init(label: t("practice.countries"), values: record.countries.map { code in
                let name = Countries.name(of: code, in: language)
                return code == record.leadCountry && record.countries.count > 1 ? "\(name) (\(t("practice.lead")))" : name
            }),
            .init(label: t("facet.scope"), values: record.scope.map { [t($0.labelKey)] } ?? []),
            .init(label: t("facet.maturity"), values: [t(record.maturity.labelKey)]),
            .init(label: t("facet.pillar"), values: record.pillars.sorted().map { "\($0.roman). \(t($0.labelKey))" }),
            .init(label: t("facet.theme"), values: record.themes.map { t($0.labelKey) }),
            .init(label: t("facet.evidence"), values: [t(record.evidenceLevel.labelKey)]),
        ]
        if let start = record.startYear {
            let from = DateFormatting.year(start, language)
            let period = record.endYear.map { $0 == start ? from : "\(from)–\(DateFormatting.year($0, language))" }
                ?? t("practice.since", ["year": from])
            facts.append(.init(label: t("practice.period"), values: [period]))
        }
        facts.append(.init(label: t("practice.implementers"), values: record.implementingOrganisations))
        facts.append(.init(label: t("practice.partners"), values: record.partners))
        return Entry(
            id: "e-\(record.slug)", slug: record.slug, title: text.title, summary: text.summary,
            lang: shown.language.rawValue, dir: shown.language.direction,
            summaryLang: shown.language(of: "summary").rawValue, summaryDir: shown.language(of: "summary").direction,
            fallbackNote: shown.isFallback ? t("content.fallback", ["language": originalName])
                : shown.fromOriginal.isEmpty ? nil : t("content.partialFallback", ["language": originalName]),
            sections: fields.filter { !$0.1.isEmpty }.map { field, value in
                let lang = shown.language(of: field)
                return .init(heading: t("practice.\(field)"), paragraphs: BookParagraphs.split(value), lang: lang.rawValue, dir: lang.direction,
                             note: shown.fromOriginal.contains(field) ? t("content.sectionFallback", ["language": originalName]) : nil)
            },
            factsHeading: t("practice.facts"), facts: facts.filter { !$0.values.isEmpty },
            platformLabel: t("handbook.onPlatform"),
            platformURL: "\(baseURL)/\(language.rawValue)/practices/\(record.slug)")
    }

    func sorted(_ entries: [Entry], _ language: Language) -> [Entry] {
        entries.sorted {
            let order = $0.title.compare($1.title, options: [.caseInsensitive], locale: language.locale)
            return order == .orderedSame ? $0.slug < $1.slug : order == .orderedAscending
        }
    }

    func link(_ entry: Entry, _ chapterOf: [String: String]) -> IndexGroup.Link {
        IndexGroup.Link(title: entry.title, lang: entry.lang, dir: entry.dir, chapter: chapterOf[entry.slug] ?? "", anchor: entry.id)
    }

    func countryIndex(_ entries: [(PracticeRecord, Entry)], _ language: Language, _ chapterOf: [String: String]) -> [IndexGroup] {
        let codes = Set(entries.flatMap { $0.0.countries })
        let named = codes.map { ($0, Countries.name(of: $0, in: language)) }.sorted {
            $0.1.compare($1.1, options: [.caseInsensitive], locale: language.locale) == .orderedAscending
        }
        return named.map { code, name in
            IndexGroup(heading: name, links: sorted(entries.filter { $0.0.countries.contains(code) }.map(\.1), language).map { link($0, chapterOf) })
        }
    }

    func themeIndex(_ entries: [(PracticeRecord, Entry)], _ language: Language, _ chapterOf: [String: String]) -> [IndexGroup] {
        Theme.allCases.compactMap { theme in
            let here = entries.filter { $0.0.themes.contains(theme) }.map(\.1)
            guard !here.isEmpty else { return nil }
            return IndexGroup(heading: catalogs.text(theme.labelKey, language), links: sorted(here, language).map { link($0, chapterOf) })
        }
    }
}

/// Plain text to paragraphs: blank lines separate them. Text stays text: every format escapes it.
public enum BookParagraphs {
    public static func split(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}
