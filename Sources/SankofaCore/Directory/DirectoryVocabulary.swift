import Foundation

/// How well an expert works in a language.
public enum LanguageLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case basic, working, fluent, native
    public var labelKey: String { "level.\(rawValue)" }
    public static func < (l: LanguageLevel, r: LanguageLevel) -> Bool {
        allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
    }
}

/// Where an expert's experience comes from.
public enum ExperienceKind: String, CaseIterable, Codable, Sendable {
    case practitioner, policy, research, civilSociety
    public var labelKey: String { "experience.\(rawValue)" }
}

/// What an expert offers to peers in other countries.
public enum OfferType: String, CaseIterable, Codable, Sendable {
    case training, mentoring, peerReview, studyVisit, speaking
    public var labelKey: String { "offer.\(rawValue)" }
}

/// How an offer or a course is delivered. Offers are remote or in person; a course can be both.
public enum Modality: String, CaseIterable, Codable, Sendable {
    case remote, inPerson, blended
    public var labelKey: String { "modality.\(rawValue)" }
    /// What an expert can choose for an offer (a blended offer is both boxes ticked).
    public static let offerChoices: [Modality] = [.remote, .inPerson]
}

/// The kinds of Centre of Excellence.
public enum CentreType: String, CaseIterable, Codable, Sendable {
    case government, academic, ngo, regionalBody, un
    public var labelKey: String { "centreType.\(rawValue)" }
}

/// Who pays for a participant's place on a course.
public enum CostCoverage: String, CaseIterable, Codable, Sendable {
    case free, financialSupport, inKindSupport, fee
    public var labelKey: String { "cost.\(rawValue)" }
}

/// Who may see a field of a profile. Ordered from the most open to the most closed.
public enum Visibility: String, CaseIterable, Codable, Sendable, Comparable {
    case `public`, members, staff
    public var labelKey: String { "visibility.\(rawValue)" }
    public static func < (l: Visibility, r: Visibility) -> Bool {
        allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
    }
}

/// Who is reading, as far as privacy is concerned: the public, a vetted member, or the
/// centre's staff (editors and admins). An expert reading their own profile reads it as staff.
public enum Audience: String, CaseIterable, Codable, Sendable, Comparable {
    case visitor, member, staff

    /// Whether a field with `visibility` may be shown to this audience.
    public func sees(_ visibility: Visibility) -> Bool {
        switch self {
        case .visitor: visibility == .public
        case .member: visibility != .staff
        case .staff: true
        }
    }

    public static func < (l: Audience, r: Audience) -> Bool {
        allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
    }
}
