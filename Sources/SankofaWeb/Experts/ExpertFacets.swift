import Foundation
import SankofaCore

/// The expert directory's facets. They read an ``ExpertView``, never the record, so a hidden
/// field (a country the expert keeps to members, say) is neither filterable nor counted.
enum ExpertFacets {
    static func all(today: String) -> [DirectoryFacet<ExpertView>] {
        [
            CommonFacets.country { $0.country.map { [$0] } ?? [] },
            CommonFacets.region { $0.country.map { [RegionTable.standard.region(of: $0).rawValue] } ?? [] },
            CommonFacets.theme { $0.themes },
            CommonFacets.pillar { $0.pillars },
            CommonFacets.language { $0.languages.map(\.code) },
            CommonFacets.enumeration("offer", OfferType.allCases, { $0.offers.map(\.type.rawValue) }, label: \.labelKey),
            CommonFacets.enumeration("availability", AvailabilityStatus.allCases,
                                     { $0.offers.map { $0.availability.status(today: today).rawValue } }, label: \.labelKey),
            CommonFacets.enumeration("modality", Modality.offerChoices, { $0.offers.flatMap { $0.modality.map(\.rawValue) } }, label: \.labelKey),
            CommonFacets.enumeration("experience", ExperienceKind.allCases, { ($0.experienceKinds ?? []).map(\.rawValue) }, label: \.labelKey),
        ]
    }
}
