/// The controlled vocabulary of topics (DOMAIN.md); slugs are stable identifiers in URLs and data.
public enum Theme: String, CaseIterable, Codable, Sendable {
    case nationalStrategies = "national-strategies"
    case communityEngagement = "community-engagement"
    case youth
    case gender
    case education
    case religiousLeaders = "religious-leaders"
    case strategicCommunications = "strategic-communications"
    case online
    case criminalJustice = "criminal-justice"
    case prisons
    case rehabilitationReintegration = "rehabilitation-reintegration"
    case returnees
    case borderSecurity = "border-security"
    case terrorismFinancing = "terrorism-financing"
    case criticalInfrastructure = "critical-infrastructure"
    case victims
    case humanRights = "human-rights"
    case cybersecurityNewTechnologies = "cybersecurity-new-technologies"
    case cbrnWeapons = "cbrn-weapons"
    case internationalCooperation = "international-cooperation"

    public var labelKey: String { "theme.\(rawValue)" }
}
