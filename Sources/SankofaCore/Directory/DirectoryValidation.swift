import Foundation

/// The rules every stored expert, centre and course obeys, wherever it comes from.
public enum DirectoryValidation {
    public static let maxName = 200
    public static let maxText = 10_000
    public static let maxItems = 50

    /// ISO 639-1 (two letters) or 639-2/3 (three) codes that CLDR can name.
    public static func isLanguageCode(_ code: String) -> Bool {
        guard (2...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return Locale(identifier: "en").localizedString(forLanguageCode: code).map { $0 != code } ?? false
    }

    public static func issues(in record: ExpertRecord) -> [ValidationIssue] {
        var issues = common(slug: record.slug, original: record.originalLanguage,
                            translated: record.biography.isEmpty ? [] : record.biography.languages)
        text(record.name, "name", required: true, max: maxName, &issues)
        text(record.title, "title", max: maxName, &issues)
        text(record.organisation, "organisation", max: maxName, &issues)
        country(record.country, "country", &issues)
        if let email = record.email, !EmailAddress.isValid(email) { issues.append(.init(field: "email", reason: "error.email", detail: email)) }
        for language in record.languages where !isLanguageCode(language.code) {
            issues.append(.init(field: "languages", reason: "error.language", detail: language.code))
        }
        if Set(record.languages.map(\.code)).count != record.languages.count {
            issues.append(.init(field: "languages", reason: "error.duplicate"))
        }
        for code in record.experienceCountries { country(code, "experienceCountries", &issues) }
        if let years = record.yearsOfExperience, !(0...70).contains(years) {
            issues.append(.init(field: "yearsOfExperience", reason: "error.range", detail: "0–70"))
        }
        for (language, bio) in record.biography.values { text(bio, "biography.\(language.rawValue)", max: maxText, &issues) }
        for link in record.links + record.publications {
            text(link.title, "links", required: true, max: maxName, &issues)
            if let url = link.url, !SafeURL.isHTTP(url) { issues.append(.init(field: "links", reason: "error.url", detail: url)) }
        }
        for offer in record.offers {
            if offer.modality.isEmpty { issues.append(.init(field: "offers.\(offer.type.rawValue)", reason: "error.modality")) }
            for code in offer.languages where !isLanguageCode(code) {
                issues.append(.init(field: "offers.\(offer.type.rawValue)", reason: "error.language", detail: code))
            }
        }
        if Set(record.offers.map(\.type)).count != record.offers.count { issues.append(.init(field: "offers", reason: "error.duplicate")) }
        if let focal = record.focalPointFor, focal != "country", !(focal.hasPrefix("centre:") && Slug.isValid(String(focal.dropFirst(7)))) {
            issues.append(.init(field: "focalPointFor", reason: "error.choice", detail: focal))
        }
        let lists = [record.languages.count, record.themes.count, record.experienceCountries.count, record.links.count,
                     record.publications.count, record.practices.count]
        if lists.contains(where: { $0 > maxItems }) { issues.append(.init(field: "lists", reason: "error.tooManyItems")) }
        return issues
    }

    public static func issues(in record: CentreRecord) -> [ValidationIssue] {
        var issues = common(slug: record.slug, original: record.originalLanguage, translated: record.translations.languages)
        country(record.country, "country", &issues)
        for (language, text) in record.translations.values {
            self.text(text.name, "name.\(language.rawValue)", required: true, max: maxName, &issues)
            self.text(text.description, "description.\(language.rawValue)", max: maxText, &issues)
        }
        for (field, url) in [("website", record.website), ("contactURL", record.contactURL)] {
            if let url, !SafeURL.isHTTP(url) { issues.append(.init(field: field, reason: "error.url", detail: url)) }
        }
        return issues
    }

    public static func issues(in record: CourseRecord) -> [ValidationIssue] {
        var issues = common(slug: record.slug, original: record.originalLanguage, translated: record.translations.languages)
        country(record.country, "country", &issues)
        for (language, text) in record.translations.values {
            self.text(text.title, "title.\(language.rawValue)", required: true, max: maxName, &issues)
            for (name, value) in [("description", text.description), ("eligibility", text.eligibility), ("howToApply", text.howToApply)] {
                self.text(value, "\(name).\(language.rawValue)", max: maxText, &issues)
            }
        }
        if record.languages.isEmpty { issues.append(.init(field: "languages", reason: "error.required")) }
        for code in record.languages where !isLanguageCode(code) {
            issues.append(.init(field: "languages", reason: "error.language", detail: code))
        }
        let start = ISODay.parse(record.startDate), end = ISODay.parse(record.endDate)
        if start == nil { issues.append(.init(field: "startDate", reason: "error.date", detail: record.startDate)) }
        if end == nil { issues.append(.init(field: "endDate", reason: "error.date", detail: record.endDate)) }
        if let start, let end, end < start { issues.append(.init(field: "endDate", reason: "error.endBeforeStart")) }
        if let seats = record.seats, !(1...10_000).contains(seats) {
            issues.append(.init(field: "seats", reason: "error.range", detail: "1–10000"))
        }
        if let url = record.applyURL, !SafeURL.isHTTP(url) { issues.append(.init(field: "applyURL", reason: "error.url", detail: url)) }
        if record.modality != .remote, (record.location ?? "").isEmpty {
            issues.append(.init(field: "location", reason: "error.required"))
        }
        return issues
    }

    private static func common(slug: String, original: Language, translated: [Language]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !Slug.isValid(slug) { issues.append(.init(field: "slug", reason: "error.slug", detail: slug)) }
        if !translated.isEmpty, !translated.contains(original) {
            issues.append(.init(field: "originalLanguage", reason: "error.originalMissing", detail: original.rawValue))
        }
        return issues
    }

    private static func country(_ code: String, _ field: String, _ issues: inout [ValidationIssue]) {
        if !Countries.isValid(code) || code != code.uppercased() { issues.append(.init(field: field, reason: "error.country", detail: code)) }
    }

    private static func text(_ value: String, _ field: String, required: Bool = false, max: Int, _ issues: inout [ValidationIssue]) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty { issues.append(.init(field: field, reason: "error.required")) }
        if value.count > max { issues.append(.init(field: field, reason: "error.tooLong", detail: "\(max)")) }
        if value.contains("\u{0}") { issues.append(.init(field: field, reason: "error.invalidCharacters")) }
    }
}
