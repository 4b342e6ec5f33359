import Foundation

/// What matching needs to know of a request (issue 19: "Explained matches"): built from the
/// request's record (``init(_:today:)``), or by hand in tests.
public struct MatchNeed: Sendable, Equatable {
    public var themes: [Theme]
    public var pillars: [Pillar]
    public var supportKinds: [SupportKind]
    /// ISO 639-1 codes.
    public var workingLanguages: [String]
    public var modality: RequestModality
    /// ISO days; nil when the request gives none.
    public var startsOn: String?
    public var endsOn: String?
    public var beneficiaryCountry: String
    /// The day the matching runs (ISO), for availability and past courses.
    public var today: String

    let themeMask: UInt32
    let pillarMask: UInt8
    let beneficiaryRegion: Region

    public init(themes: [Theme], pillars: [Pillar], supportKinds: [SupportKind], workingLanguages: [String],
                modality: RequestModality, startsOn: String? = nil, endsOn: String? = nil, beneficiaryCountry: String,
                today: String, regions: RegionTable = .standard) {
        self.themes = themes
        self.pillars = pillars
        self.supportKinds = supportKinds
        self.workingLanguages = workingLanguages.map { $0.lowercased() }
        self.modality = modality
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.beneficiaryCountry = beneficiaryCountry.uppercased()
        self.today = today
        themeMask = MatchMasks.themes(themes)
        pillarMask = MatchMasks.pillars(pillars)
        beneficiaryRegion = regions.region(of: beneficiaryCountry)
    }

    /// The day from which support is wanted: the request's start, or today.
    var wantedFrom: String { max(startsOn ?? today, today) }
}

/// One expert, centre, practice or course as matching sees it: the structured fields the directory
/// and the catalogue hold, compact (themes and pillars as bit sets, the region worked out once),
/// so that one request is scored against 110,000 of them in a few milliseconds.
public struct MatchCandidate: Sendable, Equatable {
    public var kind: MatchKind
    /// An expert's, centre's or course's row id; a practice's slug.
    public var target: String
    /// The provider's country (an expert's only when the reader may see it; a practice's lead country).
    public var country: String?
    /// Languages the candidate works or is written in (ISO 639-1); an expert's at working level or better.
    public var languages: [String]
    /// An expert's offers.
    public var offers: [Offer]
    public var experienceCountries: [String]
    /// A centre's courses still to come.
    public var upcomingCourses: Int
    public var maturity: Maturity?
    public var evidence: EvidenceLevel?
    /// A course's days (ISO) and modality.
    public var startDate: String?
    public var endDate: String?
    public var courseModality: Modality?

    let themeMask: UInt32
    let pillarMask: UInt8
    let region: Region?

    public init(kind: MatchKind, target: String, country: String?, languages: [String], themes: [Theme],
                pillars: [Pillar] = [], offers: [Offer] = [], experienceCountries: [String] = [], upcomingCourses: Int = 0,
                maturity: Maturity? = nil, evidence: EvidenceLevel? = nil, startDate: String? = nil, endDate: String? = nil,
                courseModality: Modality? = nil, regions: RegionTable = .standard) {
        self.kind = kind
        self.target = target
        self.country = country?.uppercased()
        self.languages = languages.map { $0.lowercased() }
        self.offers = offers
        self.experienceCountries = experienceCountries.map { $0.uppercased() }
        self.upcomingCourses = upcomingCourses
        self.maturity = maturity
        self.evidence = evidence
        self.startDate = startDate
        self.endDate = endDate
        self.courseModality = courseModality
        themeMask = MatchMasks.themes(themes)
        pillarMask = MatchMasks.pillars(pillars)
        region = country.map { regions.region(of: $0) }
    }

    public var themes: [Theme] { MatchMasks.themes(in: themeMask) }
    public var pillars: [Pillar] { Pillar.allCases.filter { pillarMask & (1 << $0.rawValue) != 0 } }
}

/// Why a candidate was suggested, or what counts against it: values the web layer puts in words
/// in the reader's language (`match.reason.*`). Stored with a picked match (JSON), so that what
/// was shown when it was picked can be shown again.
public enum MatchReason: Codable, Sendable, Equatable, Hashable {
    case sharedLanguages([String])
    case noSharedLanguage
    case themes(shared: [Theme], of: Int)
    case pillars(shared: [Pillar], of: Int)
    /// The kinds of support offered out of those asked for.
    case offers([OfferType])
    case runsCourses(Int)
    /// A documented practice answers a request for documents or advice.
    case documents
    case modality(RequestModality)
    case modalityMismatch(RequestModality)
    case availableNow
    case availableFrom(String)
    case notAvailable
    /// The provider is of the beneficiary's own country: not an exchange.
    case sameCountry(String)
    /// Another country of the beneficiary's region: a regional exchange.
    case sameRegion(String, Region)
    /// Another Southern region: an inter-regional exchange.
    case otherRegion(String, Region)
    /// A country outside the South: a triangular partner at most.
    case outsideSouth(String)
    case experienceIn(String)
    case maturity(Maturity)
    case evidence(EvidenceLevel)
    case courseWithinTimeframe(start: String, end: String)
    case courseOutsideTimeframe(start: String, end: String)

    /// Whether the reason counts against the candidate (shown as a caution).
    public var isCaution: Bool {
        switch self {
        case .noSharedLanguage, .modalityMismatch, .notAvailable, .sameCountry, .outsideSouth, .courseOutsideTimeframe: true
        default: false
        }
    }
}

/// A scored candidate: its score and its reasons, in the order they are shown.
public struct ScoredMatch: Sendable, Equatable {
    public var kind: MatchKind
    public var target: String
    public var score: Int
    public var reasons: [MatchReason]
}

/// Themes and pillars as bit sets.
enum MatchMasks {
    static let themeBits: [Theme: UInt32] = Dictionary(uniqueKeysWithValues: Theme.allCases.enumerated().map { ($1, UInt32(1) << $0) })

    static func themes(_ themes: [Theme]) -> UInt32 { themes.reduce(0) { $0 | (themeBits[$1] ?? 0) } }
    static func pillars(_ pillars: [Pillar]) -> UInt8 { pillars.reduce(0) { $0 | UInt8(1 << $1.rawValue) } }
    static func themes(in mask: UInt32) -> [Theme] { Theme.allCases.filter { mask & (themeBits[$0] ?? 0) != 0 } }
}

extension MatchNeed {
    /// A request's need as matching reads it.
    public init(_ record: RequestRecord, today: String, regions: RegionTable = .standard) {
        self.init(themes: record.themes, pillars: record.pillars, supportKinds: record.supportKinds,
                  workingLanguages: record.workingLanguages, modality: record.modality, startsOn: record.startsOn,
                  endsOn: record.endsOn, beneficiaryCountry: record.beneficiaryCountry, today: today, regions: regions)
    }
}
