import Foundation
import SankofaCore

/// The profile form's values, as posted or as read from a stored profile: offers and visibilities
/// are many small named fields.
struct ProfileForm: RecordFormInput {
    let body: FormBody

    /// Languages offered as "other working languages" besides the six: those most spoken by the
    /// platform's users in the South; names come from CLDR.
    static let otherLanguages = ["am", "bn", "fa", "ha", "hi", "id", "kk", "ku", "ky", "ms", "my", "ne", "ps", "pt", "si",
                                 "so", "sw", "ta", "tg", "th", "tl", "tr", "ur", "uz", "vi", "wo", "yo", "zu"]
    static let otherRows = 3
    static let maxLines = 5_000

    init(_ body: FormBody) { self.body = body }

    /// The form filled from a stored record, so editing starts from what is there.
    init(record: ExpertRecord) {
        var pairs: [(name: String, value: String)] = [
            ("name", record.name), ("email", record.email ?? ""), ("originalLanguage", record.originalLanguage.rawValue),
            ("country", record.country), ("title", record.title), ("organisation", record.organisation),
            ("biography", record.biography[record.originalLanguage] ?? ""),
            ("yearsOfExperience", record.yearsOfExperience.map(String.init) ?? ""),
            ("links", record.links.map { [$0.title, $0.url].compactMap { $0 }.joined(separator: " | ") }.joined(separator: "\n")),
            ("publications", record.publications.map { [$0.title, $0.url].compactMap { $0 }.joined(separator: " | ") }.joined(separator: "\n")),
            ("focalPointFor", record.focalPointFor ?? ""),
        ]
        pairs += record.experienceKinds.map { ("experienceKinds[]", $0.rawValue) }
        pairs += record.themes.map { ("themes[]", $0.rawValue) }
        pairs += record.pillars.map { ("pillars[]", String($0.rawValue)) }
        pairs += record.experienceCountries.map { ("experienceCountries[]", $0) }
        pairs += record.practices.map { ("practices[]", $0) }
        var others = 0
        for language in record.languages {
            if Language(rawValue: language.code) != nil {
                pairs.append(("level_\(language.code)", language.level.rawValue))
            } else if others < Self.otherRows {
                others += 1
                pairs += [("otherLanguage\(others)", language.code), ("otherLevel\(others)", language.level.rawValue)]
            }
        }
        for offer in record.offers {
            let key = "offer_\(offer.type.rawValue)"
            pairs.append((key + "[]", "yes"))
            pairs += offer.modality.map { ("\(key)_modality[]", $0.rawValue) }
            pairs += offer.languages.map { ("\(key)_languages[]", $0) }
            switch offer.availability {
            case .now: pairs.append(("\(key)_availability", "availableNow"))
            case .notAvailable: pairs.append(("\(key)_availability", "notAvailable"))
            case .from(let day): pairs += [("\(key)_availability", "from"), ("\(key)_from", day)]
            }
        }
        for field in ProfileField.allCases { pairs.append(("visibility_\(field.rawValue)", record.visibility[field].rawValue)) }
        self.init(pairs: pairs)
    }

    /// Characters of the box for adding practices by address (a few dozen addresses).
    static let maxAdded = 20_000

    /// The practices named in the box for adding them, one a line, each as the address of its
    /// page (`…/practices/short-name`, any language, query or anchor ignored) or its short name;
    /// nil when a line is neither.
    var addedPractices: [String]? {
        var slugs: [String] = []
        for line in text("practicesAdd", limit: Self.maxAdded).split(whereSeparator: \.isNewline) {
            let entry = line.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            guard let slug = Self.practiceSlug(entry) else { return nil }
            if !slugs.contains(slug) { slugs.append(slug) }
        }
        return slugs
    }

    static func practiceSlug(_ entry: String) -> String? {
        var rest = Substring(entry)
        if let marker = rest.range(of: "/practices/") { rest = rest[marker.upperBound...] }
        let slug = String(rest.prefix { $0 != "?" && $0 != "#" && $0 != "/" })
        return Slug.isValid(slug) ? slug : nil
    }

    /// One link a line: `title | https://address`, or a title alone. The address is what follows
    /// the last bar, so a title may contain one; a line of bars alone is dropped.
    static func links(_ text: String) -> [ProfileLink] {
        text.split(separator: "\n").compactMap { raw -> ProfileLink? in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let bar = line.lastIndex(of: "|") else { return line.isEmpty ? nil : ProfileLink(title: line, url: nil) }
            let title = line[..<bar].trimmingCharacters(in: .whitespaces)
            let url = line[line.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            guard !title.trimmingCharacters(in: CharacterSet(charactersIn: "| ")).isEmpty else {
                return url.isEmpty ? nil : ProfileLink(title: url, url: url)
            }
            return ProfileLink(title: title, url: url.isEmpty ? nil : url)
        }
    }

    /// The record the form describes, and every problem found, by field.
    func record(slug: String, keeping existing: ExpertRecord?, staff: Bool) -> (ExpertRecord, FormErrors) {
        var errors = FormErrors()
        let original = choice("originalLanguage", Language.self, &errors) ?? existing?.originalLanguage ?? .en
        let yearsText = text("yearsOfExperience", limit: 5)
        var years: Int?
        if !yearsText.isEmpty {
            years = Int(yearsText)
            errors.check(years.map { (0...70).contains($0) } ?? false, "yearsOfExperience", "error.range")
        }
        var languages: [WorkingLanguage] = Language.displayOrder.compactMap { language in
            LanguageLevel(rawValue: text("level_\(language.rawValue)")).map { WorkingLanguage(code: language.rawValue, level: $0) }
        }
        for row in 1...Self.otherRows {
            let code = text("otherLanguage\(row)", limit: 3)
            guard !code.isEmpty else { continue }
            guard let level = LanguageLevel(rawValue: text("otherLevel\(row)")), DirectoryValidation.isLanguageCode(code) else {
                errors.check(false, "otherLanguage\(row)", "error.language")
                continue
            }
            if !languages.contains(where: { $0.code == code }) { languages.append(WorkingLanguage(code: code, level: level)) }
        }
        var offers: [Offer] = []
        for type in OfferType.allCases where list("offer_\(type.rawValue)").contains("yes") {
            let key = "offer_\(type.rawValue)"
            let modality = list("\(key)_modality").compactMap(Modality.init(rawValue:)).filter { Modality.offerChoices.contains($0) }
            errors.check(!modality.isEmpty, "\(key)_modality", "error.modality")
            let availability: Availability
            switch text("\(key)_availability") {
            case "notAvailable": availability = .notAvailable
            case "from":
                let day = text("\(key)_from", limit: 10)
                errors.check(ISODay.parse(day) != nil, "\(key)_from", "error.date")
                availability = ISODay.parse(day) != nil ? .from(day) : .now
            default: availability = .now
            }
            let offerLanguages = list("\(key)_languages").filter { code in languages.contains { $0.code == code } }
            offers.append(Offer(type: type, modality: modality, languages: offerLanguages, availability: availability))
        }
        var visibility = ProfileVisibility()
        for field in ProfileField.allCases {
            let raw = text("visibility_\(field.rawValue)")
            errors.check(raw.isEmpty || Visibility(rawValue: raw) != nil, "visibility_\(field.rawValue)", "error.choice")
            visibility[field] = Visibility(rawValue: raw) ?? ProfileVisibility.defaultLevel
        }
        var biography = existing?.biography ?? LanguageMap<String>()
        let bio = text("biography", limit: DirectoryValidation.maxText)
        biography[original] = bio.isEmpty ? nil : bio
        let record = ExpertRecord(
            slug: slug, demo: existing?.demo ?? false, name: text("name"),
            email: staff ? text("email", limit: 254).lowercased().nilIfEmpty : existing?.email,
            originalLanguage: original, country: text("country", limit: 2).uppercased(),
            title: text("title"), organisation: text("organisation"), languages: languages,
            themes: list("themes").compactMap(Theme.init(rawValue:)),
            pillars: list("pillars").compactMap { Int($0).flatMap(Pillar.init(rawValue:)) },
            experienceCountries: list("experienceCountries").map { $0.uppercased() },
            yearsOfExperience: years, experienceKinds: list("experienceKinds").compactMap(ExperienceKind.init(rawValue:)),
            biography: biography, links: Self.links(text("links", limit: Self.maxLines)),
            publications: Self.links(text("publications", limit: Self.maxLines)),
            practices: list("practices") + (addedPractices ?? []).filter { !list("practices").contains($0) },
            offers: offers, visibility: visibility,
            // Only staff designate focal points; anyone else keeps what was there.
            focalPointFor: staff ? text("focalPointFor", limit: 140).nilIfEmpty : existing?.focalPointFor)
        errors.check(DirectoryValidation.issues(in: record)) { field in
            field.hasPrefix("biography") ? "biography" : field.hasPrefix("offers.") ? "offer_\(field.dropFirst(7))_modality" : field
        }
        errors.check(!record.name.isEmpty, "name", "error.required")
        errors.check(addedPractices != nil, "practicesAdd", "profile.practicesAdd.invalid")
        return (record, errors)
    }
}
