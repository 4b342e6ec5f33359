/// Applying a pending revision: the author proposed `proposal`, starting from `base` (the
/// published record as it was then); the practice may have changed since (a translator saved
/// another language). Only what the author changed is applied, field by field and language by
/// language, so accepting an author's change never undoes someone else's later one.
extension PracticeRecord {
    public func applying(_ proposal: PracticeRecord, over base: PracticeRecord) -> PracticeRecord {
        var merged = self
        func take<T: Equatable>(_ field: WritableKeyPath<PracticeRecord, T>) {
            if proposal[keyPath: field] != base[keyPath: field] { merged[keyPath: field] = proposal[keyPath: field] }
        }
        take(\.originalLanguage)
        take(\.countries)
        take(\.leadCountry)
        take(\.implementingOrganisations)
        take(\.partners)
        take(\.funders)
        take(\.startYear)
        take(\.endYear)
        take(\.pillars)
        take(\.themes)
        take(\.maturity)
        take(\.evidenceLevel)
        take(\.sources)
        for language in Set(proposal.translations.keys).union(base.translations.keys)
        where proposal.translations[language] != base.translations[language] {
            merged.translations[language] = proposal.translations[language]
        }
        return merged
    }
}
