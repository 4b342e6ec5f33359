import SankofaCore
import SankofaStore
import Vapor

/// The outcome report's form as posted: every value kept as typed, so that a refused form comes
/// back as it was sent; ``report(themes:)`` reads it into an ``OutcomeReport`` for the rules.
/// Capacity ratings are radio buttons named `capacity.<theme>.before|after` (1–5).
struct OutcomeReportForm: FormInput {
    struct AdaptationRow: Sendable {
        var kind: String
        var description: String
        var byWhen: String
        var isBlank: Bool { kind.isEmpty && description.isEmpty && byWhen.isEmpty }
    }

    var language: String
    var participants: String
    var gender: [ParticipantGender: String]
    var institutions: [OrganisationType: String]
    var ratings: [String: String]
    var learned: String
    var adaptations: [AdaptationRow]
    var followUpWanted: Bool
    var followUpNote: String
    var adaptedPractice: String
    var startPracticeDraft: Bool
    var practiceTitle: String

    init(_ body: FormBody) {
        func short(_ name: String) -> String { FormText.clean(body.text(name), limit: 20) }
        language = short("language")
        participants = short("participants")
        gender = Dictionary(uniqueKeysWithValues: ParticipantGender.allCases.map { ($0, short($0.rawValue)) })
        institutions = Dictionary(uniqueKeysWithValues: OrganisationType.allCases.map { ($0, short("institution.\($0.rawValue)")) })
        var ratings: [String: String] = [:]
        for theme in Theme.allCases {
            for moment in ["before", "after"] {
                let name = "capacity.\(theme.rawValue).\(moment)"
                if body.has(name) { ratings[name] = short(name) }
            }
        }
        self.ratings = ratings
        learned = FormText.clean(body.text("learned"), limit: OutcomeReport.maxText)
        adaptations = (0..<OutcomeReport.maxAdaptations).map { index in
            AdaptationRow(kind: short("adaptation.\(index).kind"),
                          description: FormText.clean(body.text("adaptation.\(index).description"), limit: OutcomeReport.maxText),
                          byWhen: short("adaptation.\(index).byWhen"))
        }
        followUpWanted = body.has("followUpWanted")
        followUpNote = FormText.clean(body.text("followUpNote"), limit: OutcomeReport.maxText)
        adaptedPractice = FormText.clean(body.text("adaptedPractice"), limit: 120)
        startPracticeDraft = body.has("startPracticeDraft")
        practiceTitle = FormText.clean(body.text("practiceTitle"), limit: PracticeValidation.maxTitle)
    }

    /// The form holding a filed report (or, for a new one, empty in the page's language).
    init(_ report: OutcomeReport?, language: Language) {
        self.language = (report?.language ?? language).rawValue
        participants = report.map { String($0.participants) } ?? ""
        gender = Dictionary(uniqueKeysWithValues: ParticipantGender.allCases.map { g in (g, report.map { String($0.gender.count(of: g)) } ?? "") })
        institutions = Dictionary(uniqueKeysWithValues: OrganisationType.allCases.map { type in
            (type, report.map { $0.count(of: type) }.flatMap { $0 > 0 ? String($0) : nil } ?? "")
        })
        var ratings: [String: String] = [:]
        for rating in report?.capacity ?? [] {
            ratings["capacity.\(rating.theme.rawValue).before"] = String(rating.before)
            ratings["capacity.\(rating.theme.rawValue).after"] = String(rating.after)
        }
        self.ratings = ratings
        learned = report?.learned ?? ""
        let filed = (report?.adaptations ?? []).map { AdaptationRow(kind: $0.kind.rawValue, description: $0.description, byWhen: $0.byWhen) }
        adaptations = filed + Array(repeating: AdaptationRow(kind: "", description: "", byWhen: ""),
                                    count: max(0, OutcomeReport.maxAdaptations - filed.count))
        followUpWanted = report?.followUpWanted ?? false
        followUpNote = report?.followUpNote ?? ""
        adaptedPractice = report?.adaptedPractice ?? ""
        startPracticeDraft = report?.startPracticeDraft ?? false
        practiceTitle = report?.practiceTitle ?? ""
    }

    /// Values the report type cannot even hold (an unknown language or kind of adaptation).
    func choiceErrors() -> FormErrors {
        var errors = FormErrors()
        errors.check(Language(rawValue: language) != nil, "language", "error.choice")
        for (index, row) in adaptations.enumerated() where !row.isBlank {
            errors.check(AdoptionKind(rawValue: row.kind) != nil, "adaptation.\(index).kind", "error.choice")
        }
        return errors
    }

    /// The report the form describes, for the exchange's `themes`; a number that is not one
    /// reads as -1 (and a missing rating as 0), which the rules refuse with their own message.
    func report(themes: [Theme]) -> OutcomeReport {
        func number(_ text: String, blank: Int) -> Int { text.isEmpty ? blank : Int(text) ?? -1 }
        let institutions = OrganisationType.allCases.compactMap { type -> OutcomeReport.InstitutionCount? in
            let count = number(self.institutions[type] ?? "", blank: 0)
            return count == 0 ? nil : .init(type: type, count: count)
        }
        let capacity = themes.map { theme in
            OutcomeReport.CapacityRating(theme: theme, before: number(ratings["capacity.\(theme.rawValue).before"] ?? "", blank: 0),
                                         after: number(ratings["capacity.\(theme.rawValue).after"] ?? "", blank: 0))
        }
        let adaptations = self.adaptations.filter { !$0.isBlank }.map {
            OutcomeReport.Adaptation(kind: AdoptionKind(rawValue: $0.kind) ?? .policy, description: $0.description, byWhen: $0.byWhen)
        }
        let count = { (g: ParticipantGender) in number(self.gender[g] ?? "", blank: 0) }
        return OutcomeReport(language: Language(rawValue: language) ?? .en, participants: number(participants, blank: -1),
                             gender: .init(women: count(.women), men: count(.men), unspecified: count(.unspecified)),
                             institutions: institutions, capacity: capacity, learned: learned, adaptations: adaptations,
                             followUpWanted: followUpWanted, followUpNote: followUpNote,
                             adaptedPractice: adaptedPractice.isEmpty ? nil : adaptedPractice,
                             startPracticeDraft: startPracticeDraft, practiceTitle: practiceTitle)
    }
}
