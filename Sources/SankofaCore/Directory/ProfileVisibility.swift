import Foundation

/// The parts of a profile an expert can open or close. `profile` gates the whole profile (name,
/// expertise, languages, offers, linked practices); each other field can only be as open as it.
/// The e-mail address is not here: it is never shown to anyone.
public enum ProfileField: String, CaseIterable, Codable, Sendable {
    case profile, title, organisation, country, experience, biography, links
    public var labelKey: String { "profileField.\(rawValue)" }
}

/// The visibility the expert chose for each field. Protective by default: members only, so a
/// visitor sees nothing of a profile until its expert opts in.
public struct ProfileVisibility: Codable, Sendable, Equatable {
    public var levels: [ProfileField: Visibility]

    public init(_ levels: [ProfileField: Visibility] = [:]) { self.levels = levels }

    public static let protective = ProfileVisibility()
    public static let defaultLevel: Visibility = .members

    /// The level chosen for `field`, no more open than the profile itself.
    public func effective(_ field: ProfileField) -> Visibility {
        let profile = levels[.profile] ?? Self.defaultLevel
        let own = levels[field] ?? Self.defaultLevel
        return max(profile, own)
    }

    public subscript(field: ProfileField) -> Visibility {
        get { levels[field] ?? Self.defaultLevel }
        set { levels[field] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: Visibility].self)
        var levels: [ProfileField: Visibility] = [:]
        for (name, level) in raw {
            guard let field = ProfileField(rawValue: name) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown profile field \(name)"))
            }
            levels[field] = level
        }
        self.levels = levels
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Dictionary(uniqueKeysWithValues: ProfileField.allCases.map { ($0.rawValue, self[$0]) }))
    }
}

/// What one audience may see of a profile: every gated field is nil when hidden. HTML pages,
/// JSON, exports, facets and the search index are all built from this, never from the record,
/// so the privacy rules are applied in one place. The directory stores each audience's view
/// (JSON) so that its lists read them without deciding privacy again.
public struct ExpertView: Codable, Sendable, Equatable {
    public var slug: String
    public var demo: Bool
    public var name: String
    public var originalLanguage: Language
    public var languages: [WorkingLanguage]
    public var themes: [Theme]
    public var pillars: [Pillar]
    public var offers: [Offer]
    public var practices: [String]
    public var isFocalPoint: Bool
    public var title: String?
    public var organisation: String?
    public var country: String?
    public var experienceCountries: [String]?
    public var yearsOfExperience: Int?
    public var experienceKinds: [ExperienceKind]?
    public var biography: LanguageMap<String>?
    public var links: [ProfileLink]?
    public var publications: [ProfileLink]?
}

extension ExpertRecord {
    /// The profile as `audience` may see it, or nil when the profile itself is hidden from it.
    public func visible(to audience: Audience) -> ExpertView? {
        guard audience.sees(visibility.effective(.profile)) else { return nil }
        func shown(_ field: ProfileField) -> Bool { audience.sees(visibility.effective(field)) }
        let experience = shown(.experience)
        return ExpertView(
            slug: slug, demo: demo, name: name, originalLanguage: originalLanguage, languages: languages,
            themes: themes, pillars: pillars, offers: offers, practices: practices, isFocalPoint: focalPointFor != nil,
            title: shown(.title) && !title.isEmpty ? title : nil,
            organisation: shown(.organisation) && !organisation.isEmpty ? organisation : nil,
            country: shown(.country) ? country : nil,
            experienceCountries: experience ? experienceCountries : nil,
            yearsOfExperience: experience ? yearsOfExperience : nil,
            experienceKinds: experience ? experienceKinds : nil,
            biography: shown(.biography) ? biography : nil,
            links: shown(.links) ? links : nil,
            publications: shown(.links) ? publications : nil)
    }
}
