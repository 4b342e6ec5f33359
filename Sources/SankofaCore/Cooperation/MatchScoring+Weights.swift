/// Every weight of the matching, in one place (issue 19): change a number here and only here.
/// A match's score is the sum of the points its reasons earn (negative for a penalty); the
/// scale is arbitrary, a perfect expert scoring about a hundred.
///
/// Two things exclude a candidate outright instead of costing points (``MatchScoring``):
/// - **No shared working language** for an expert, a centre or a course: people who cannot talk
///   to each other cannot train or mentor them, however well they match otherwise. A practice
///   is a document that can be translated, so it is only penalised (``noSharedLanguage``).
/// - **No shared theme** when the request names themes: among 100,000 practices, the list would
///   otherwise fill with whatever merely shares a language.
/// and a course that has ended is not suggested at all.
///
/// The South-South rule costs points rather than excluding: a provider of the beneficiary's own
/// country is not an exchange (``sameCountry``), and one from outside the South can support an
/// exchange only as a triangular partner (``outsideSouth``); both stay visible, far down, so that
/// staff can still see them.
public enum MatchWeights {
    /// All the request's themes shared; a share of them earns its share of the points.
    public static let themes = 40
    /// All the request's pillars shared, likewise in proportion.
    public static let pillars = 10
    /// At least one working language in common.
    public static let sharedLanguage = 15
    /// A practice in none of the request's languages.
    public static let noSharedLanguage = -15
    /// Every kind of support asked for is offered, in proportion.
    public static let support = 15
    /// An offer (or a course) in the modality asked for.
    public static let modality = 5
    /// None in that modality.
    public static let modalityMismatch = -5
    /// Available when the request starts (or now, without a start).
    public static let available = 5
    /// The offers asked for are all marked "not available".
    public static let notAvailable = -20
    /// A provider from another Southern region: an inter-regional exchange (the programme's
    /// second outcome is about these, so they earn most).
    public static let otherRegion = 10
    /// A provider from another country of the beneficiary's region: a regional exchange.
    public static let sameRegion = 6
    /// A provider of the beneficiary's own country: not an exchange.
    public static let sameCountry = -30
    /// A provider from outside the South: a triangular partner at most.
    public static let outsideSouth = -30
    /// Experience in the beneficiary's country.
    public static let experienceInCountry = 5
    /// A practice that has been adapted elsewhere or scaled up (it has travelled before).
    public static let maturityTravelled = 6
    /// A practice that has been evaluated.
    public static let maturityEvaluated = 3
    /// A practice with an independent evaluation or peer-reviewed evidence.
    public static let evidenceStrong = 6
    /// A practice with an internal evaluation.
    public static let evidenceInternal = 3
    /// A course held within the request's timeframe.
    public static let courseWithinTimeframe = 10
    /// A course outside it.
    public static let courseOutsideTimeframe = -10
    /// How many matches of each kind a list keeps.
    public static let perKind = 20
}
