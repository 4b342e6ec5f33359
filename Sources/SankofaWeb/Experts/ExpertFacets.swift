import SankofaCore

/// The expert directory's facets. The engine counts them over what each reader's audience may
/// see (``ExpertProjection`` in the store), so a hidden field (a country the expert keeps to
/// members, say) is neither filterable nor counted.
enum ExpertFacets {
    static let all: [DirectoryFacet] = [
        CommonFacets.country, CommonFacets.region, CommonFacets.theme, CommonFacets.pillar, CommonFacets.language,
        CommonFacets.enumeration("offer", OfferType.allCases, label: \.labelKey),
        CommonFacets.enumeration("availability", AvailabilityStatus.allCases, label: \.labelKey),
        CommonFacets.enumeration("modality", Modality.offerChoices, label: \.labelKey),
        CommonFacets.enumeration("experience", ExperienceKind.allCases, label: \.labelKey),
    ]
}
