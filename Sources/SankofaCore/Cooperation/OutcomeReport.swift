import Foundation

/// One side's account of an exchange once it was held: who took part, how their capacity moved on
/// each of the exchange's themes, what was learned, what the side's institution will adapt and
/// when, and whether a practice was adapted. Its figures are columns of `outcome_reports` (the
/// indicators add them up); the rest is this record as JSON.
public struct OutcomeReport: Codable, Sendable, Equatable {
    /// The language the report is written in (its words are shown with it, Arabic right to left).
    public var language: Language
    public var participants: Int
    public var gender: GenderCounts
    /// Participants by the kind of institution they come from; empty when not counted.
    public var institutions: [InstitutionCount]
    /// One rating a theme of the exchange, before and after, on ``OutcomeReport/scale``.
    public var capacity: [CapacityRating]
    public var learned: String
    public var adaptations: [Adaptation]
    public var followUpWanted: Bool
    /// What follow-up is wanted (a visit, a course, advice), when it is.
    public var followUpNote: String
    /// A practice of the catalogue the side adapted (its slug): its maturity is proposed as
    /// `adapted` for an editor's review, unless ``startPracticeDraft`` asks for a practice of its own.
    public var adaptedPractice: String?
    /// Start a new practice draft from the report (authored by the reporter, for editorial review).
    public var startPracticeDraft: Bool
    /// The new practice's title, when one is started.
    public var practiceTitle: String
    public var demo: Bool

    public static let scale = 1...5
    public static let maxText = 5_000
    public static let maxShort = 300
    public static let maxAdaptations = 5
    public static let maxParticipants = 100_000

    public init(language: Language, participants: Int, gender: GenderCounts, institutions: [InstitutionCount] = [],
                capacity: [CapacityRating], learned: String, adaptations: [Adaptation] = [], followUpWanted: Bool = false,
                followUpNote: String = "", adaptedPractice: String? = nil, startPracticeDraft: Bool = false,
                practiceTitle: String = "", demo: Bool = false) {
        self.language = language
        self.participants = participants
        self.gender = gender
        self.institutions = institutions
        self.capacity = capacity
        self.learned = learned
        self.adaptations = adaptations
        self.followUpWanted = followUpWanted
        self.followUpNote = followUpNote
        self.adaptedPractice = adaptedPractice
        self.startPracticeDraft = startPracticeDraft
        self.practiceTitle = practiceTitle
        self.demo = demo
    }

    /// Participants by gender, in the `outcome_reports` columns of the same names.
    public struct GenderCounts: Codable, Sendable, Equatable {
        public var women: Int
        public var men: Int
        public var unspecified: Int

        public init(women: Int, men: Int, unspecified: Int) {
            self.women = women
            self.men = men
            self.unspecified = unspecified
        }

        public func count(of gender: ParticipantGender) -> Int {
            switch gender {
            case .women: women
            case .men: men
            case .unspecified: unspecified
            }
        }

        public var total: Int { women + men + unspecified }
    }

    public struct InstitutionCount: Codable, Sendable, Equatable {
        public var type: OrganisationType
        public var count: Int

        public init(type: OrganisationType, count: Int) {
            self.type = type
            self.count = count
        }
    }

    /// Self-assessed capacity on one theme, before the exchange and after it.
    public struct CapacityRating: Codable, Sendable, Equatable {
        public var theme: Theme
        public var before: Int
        public var after: Int

        public init(theme: Theme, before: Int, after: Int) {
            self.theme = theme
            self.before = before
            self.after = after
        }
    }

    /// Something the side's institution will adapt: a policy, framework, mechanism or procedure,
    /// in words, and the day by which it should be done (ISO).
    public struct Adaptation: Codable, Sendable, Equatable {
        public var kind: AdoptionKind
        public var description: String
        public var byWhen: String

        public init(kind: AdoptionKind, description: String, byWhen: String) {
            self.kind = kind
            self.description = description
            self.byWhen = byWhen
        }
    }

    public func count(of type: OrganisationType) -> Int {
        institutions.filter { $0.type == type }.reduce(0) { $0 + $1.count }
    }

    public func rating(of theme: Theme) -> CapacityRating? {
        capacity.first { $0.theme == theme }
    }
}
