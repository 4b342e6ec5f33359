import Foundation
import SankofaCore
import SQLKit

/// Who reads the directory, as far as privacy goes: the audience the access policy gives them,
/// and their own account when they read their own profile as staff (``AccessPolicy/audience(_:owner:)``
/// decides both; this only carries them to the queries).
public struct ExpertReader: Sendable, Equatable {
    public var audience: Audience
    /// Set only when it changes something: staff read every profile as staff anyway.
    public var owner: UUID?

    public init(audience: Audience, owner: UUID? = nil) {
        self.audience = audience
        self.owner = audience == .staff ? nil : owner
    }

    /// The projection rows (`expert_views` or `expert_view_values` as `alias`) this reader reads:
    /// the audience's, and the reader's own profile at staff level instead of the audience's.
    func scope(_ alias: String) -> SQLQueryString {
        guard let owner else { return "\(unsafeRaw: alias).audience = \(bind: audience.rawValue)" }
        return """
            ((\(unsafeRaw: alias).audience = \(bind: audience.rawValue) AND (\(unsafeRaw: alias).user_id IS NULL OR \(unsafeRaw: alias).user_id <> \(bind: owner)))
            OR (\(unsafeRaw: alias).audience = \(bind: Audience.staff.rawValue) AND \(unsafeRaw: alias).user_id = \(bind: owner)))
            """
    }
}

/// A profile as one reader may see it: the stored profile (for the contact form's address, the
/// endorsements and the focal point), the view, and the audience it was read as.
public struct ExpertEntry: Sendable {
    public var stored: StoredExpert
    public var view: ExpertView
    public var audience: Audience

    public init(stored: StoredExpert, view: ExpertView, audience: Audience) {
        self.stored = stored
        self.view = view
        self.audience = audience
    }
}

/// The expert directory's facets as the engine reads them (see ``ExpertProjection/values(of:)``).
enum ExpertListing {
    static let facets: [StoredFacet] = [
        .plain("country"), .plain("region"), .plain("theme"), .plain("pillar"), .plain("language"), .plain("offer"),
        availability, .plain("modality"), .plain("experience"),
    ]

    /// Available now: an offer available now, or the earliest dated one reached; later: the
    /// latest dated one not yet reached; not available: an offer marked so. Each profile has at
    /// most one row meaning each status on a given day, so rows count profiles.
    static let availability = StoredFacet(
        name: "availability", source: .values(["availability", "availableFrom", "availableLater"]),
        matches: { chosen, today in
            var alternatives: [SQLQueryString] = []
            if chosen.contains(AvailabilityStatus.availableNow.rawValue) {
                alternatives.append("(f.facet = 'availability' AND f.value = 'availableNow')")
                alternatives.append("(f.facet = 'availableFrom' AND f.value <= \(bind: today))")
            }
            if chosen.contains(AvailabilityStatus.availableLater.rawValue) {
                alternatives.append("(f.facet = 'availableLater' AND f.value > \(bind: today))")
            }
            if chosen.contains(AvailabilityStatus.notAvailable.rawValue) {
                alternatives.append("(f.facet = 'availability' AND f.value = 'notAvailable')")
            }
            return StoredFacet.any(alternatives)
        },
        shown: { facet, value, today in
            switch facet {
            case "availableFrom": value <= today ? AvailabilityStatus.availableNow.rawValue : nil
            case "availableLater": value > today ? AvailabilityStatus.availableLater.rawValue : nil
            default: value
            }
        })

    static func list(_ reader: ExpertReader, text: SQLQueryString?) -> FacetedList {
        FacetedList(table: "expert_views", values: "expert_view_values", key: "view_id", scope: reader.scope("r"),
                    valueScope: reader.scope("f"), facets: facets, text: text)
    }

    static let order: SQLQueryString = "r.sort_key, r.slug"
}
