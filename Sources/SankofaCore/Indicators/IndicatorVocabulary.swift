import Foundation

/// The programme's three outcomes, which the indicators report on (DOMAIN.md: Indicator).
public enum ProgrammeOutcome: Int, CaseIterable, Codable, Sendable, Comparable {
    /// The capacity of experts from assisted Member States to design and implement CT/PVE policies,
    /// frameworks and mechanisms, from lessons of other developing countries, is strengthened.
    case capacity = 1
    /// CT/PVE exchanges between experts from different regions are improved.
    case exchanges = 2
    /// Information on and access to CT/PVE expertise in the South are enhanced.
    case access = 3

    public var labelKey: String { "indicators.outcome.\(rawValue)" }
    public var indicators: [IndicatorID] { IndicatorID.allCases.filter { $0.outcome == self } }

    public static func < (l: ProgrammeOutcome, r: ProgrammeOutcome) -> Bool { l.rawValue < r.rawValue }
}

/// Every indicator the platform computes. The raw value is the indicator's slug in URLs, file
/// names and the API. Each is computed from the records by `SankofaStore.Indicators`, never typed.
public enum IndicatorID: String, CaseIterable, Codable, Sendable {
    // Outcome 1: capacity.
    /// People from assisted (Southern) countries taking part in held exchanges, by gender (outcome reports).
    case participants
    /// Mean self-assessed capacity gain (after minus before, points on the report's scale) by theme.
    case capacityGain = "capacity-gain"
    /// Practices reported adapted from another country (outcome reports naming an adapted practice).
    case practicesAdapted = "practices-adapted"
    /// Policies, frameworks and mechanisms reported adopted at follow-up.
    case adoptions
    // Outcome 2: exchanges.
    /// Held exchanges by scope (bilateral, regional, inter-regional; triangular beside), with shares.
    case exchangesByScope = "exchanges-by-scope"
    /// Held exchanges as flows from the providing side's region to the beneficiary's.
    case regionFlows = "region-flows"
    /// Distinct pairs of countries that held an exchange together.
    case countryPairs = "country-pairs"
    /// Median days from a request's submission to the start of the exchange it led to.
    case requestToExchange = "request-to-exchange"
    /// Contributions by contributor country, kind and currency (amounts never converted).
    case contributions
    // Outcome 3: information and access.
    /// Published practices by region, theme, maturity and evidence.
    case publishedPractices = "published-practices"
    /// Share of published practices available in each of the six languages.
    case translationCoverage = "translation-coverage"
    /// Experts, focal points and centres per country and region (as the reader may see them).
    case directory
    /// Requests matched, and the median days to a first match.
    case requestsMatched = "requests-matched"
    /// Handbook files downloaded, counted by day and language only.
    case handbookDownloads = "handbook-downloads"
    /// Searches made, counted by day and language only.
    case searches

    public var outcome: ProgrammeOutcome {
        switch self {
        case .participants, .capacityGain, .practicesAdapted, .adoptions: return .capacity
        case .exchangesByScope, .regionFlows, .countryPairs, .requestToExchange, .contributions: return .exchanges
        case .publishedPractices, .translationCoverage, .directory, .requestsMatched, .handbookDownloads, .searches: return .access
        }
    }

    /// Whether its small figures could point to a person (people counted, contributions given),
    /// which decides who sees them exactly (``IndicatorPermission/readExact(_:)``).
    public var sensitivity: IndicatorSensitivity {
        switch self {
        case .participants, .capacityGain, .adoptions, .contributions, .directory: return .people
        default: return .aggregate
        }
    }

    /// Whether the region, country, theme and pillar filters narrow it: Handbook downloads and
    /// searches are counted by day and interface language only, so a filter leaves them whole
    /// (their pages say so instead of offering the filters).
    public var takesFilters: Bool { self != .handbookDownloads && self != .searches }

    public var labelKey: String { "indicators.\(rawValue).title" }
    /// How it is computed and from which records, in words.
    public var definitionKey: String { "indicators.\(rawValue).definition" }
}

/// How exactly a small figure may be shown: ``AccessPolicy`` decides per audience.
public enum IndicatorSensitivity: String, Codable, Sendable {
    /// Counts of records (practices, exchanges, requests): members and staff see them exactly.
    case aggregate
    /// Counts of people or figures from a handful of people: staff only see them exactly.
    case people
}

/// What an indicator's figure is.
public enum IndicatorUnit: String, Codable, Sendable {
    case count
    /// A share between 0 and 1, shown as a percentage.
    case share
    /// A number of days (medians).
    case days
    /// Points on the outcome report's capacity scale (a mean).
    case points
    /// Amounts of money per currency, never added across currencies.
    case money
}

/// The axes an indicator is broken down by; a row of a breakdown holds one key per dimension
/// (raw values of the vocabulary: a region's, a theme's, an ISO country code, a language code…).
public enum IndicatorDimension: String, Codable, Sendable {
    case gender, theme, pillar, region, country, scope, maturity, evidence, language, currency
    case contributionKind = "contribution-kind"
    case adoptionKind = "adoption-kind"
    /// For flows: the providing side's region and the beneficiary's.
    case fromRegion = "from-region", toRegion = "to-region"
    /// Experts, focal points, centres.
    case directoryKind = "directory-kind"
    /// A second country (country pairs).
    case partnerCountry = "partner-country"
    /// A series' period ("2026", "2026-Q3").
    case period
    /// Which of an indicator's figures a column holds, beside another dimension (keys: "submitted",
    /// "matched", "median-days" for requests matched; "available", "original", "translated" for
    /// translation coverage).
    case statistic

    public var labelKey: String { "indicators.dimension.\(rawValue)" }
}
