import SankofaCore

extension PracticeModel {
    /// The portable record of a loaded practice (translations, countries, pillars, themes eager-loaded).
    public var record: PracticeRecord {
        var translations: [Language: PracticeText] = [:]
        for row in $translations.value ?? [] {
            guard let language = Language(rawValue: row.language) else { continue }
            translations[language] = row.text
        }
        return PracticeRecord(
            slug: slug,
            status: PracticeStatus(rawValue: status) ?? .draft,
            originalLanguage: Language(rawValue: originalLanguage) ?? .en,
            countries: countryCodes,
            leadCountry: leadCountry,
            implementingOrganisations: implementingOrganisations,
            partners: partners,
            funders: funders,
            startYear: startYear,
            endYear: endYear,
            pillars: ($pillars.value ?? []).compactMap { Pillar(rawValue: $0.pillar) }.sorted(),
            themes: themeValues,
            maturity: Maturity(rawValue: maturity) ?? .piloted,
            evidenceLevel: EvidenceLevel(rawValue: evidenceLevel) ?? .none,
            sources: sources,
            lastReviewed: lastReviewed,
            translations: translations
        )
    }

    public var countryCodes: [String] {
        ($countries.value ?? []).sorted { $0.position < $1.position }.map(\.country)
    }

    public var themeValues: [Theme] {
        let present = Set(($themes.value ?? []).map(\.theme))
        return Theme.allCases.filter { present.contains($0.rawValue) }
    }

    /// The text in `language` if translated (each field it lacks from the original), otherwise
    /// the original; see ``ShownPracticeText``.
    public func text(in language: Language) -> ShownPracticeText {
        var translations: [Language: PracticeText] = [:]
        for row in $translations.value ?? [] {
            if let code = Language(rawValue: row.language) { translations[code] = row.text }
        }
        return ShownPracticeText(translations, original: Language(rawValue: originalLanguage) ?? .en, in: language, placeholderTitle: slug)
    }

    public var availableLanguages: [Language] {
        ($translations.value ?? []).compactMap { Language(rawValue: $0.language) }.sorted()
    }
}

extension PracticeTranslationModel {
    public var text: PracticeText {
        PracticeText(
            title: title, summary: summary, context: context, approach: approach, results: results,
            lessons: lessons, transferConditions: transferConditions, expansionPotential: expansionPotential,
            safeguards: safeguards, targetGroups: targetGroups)
    }
}
