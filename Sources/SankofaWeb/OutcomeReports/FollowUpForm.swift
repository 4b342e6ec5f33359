import SankofaCore
import SankofaStore
import Vapor

/// The follow-up's form as posted: for each adaptation the report announced, `outcome.<n>.result`
/// (yes, partly, no), `outcome.<n>.on` (the day, when adopted) and `outcome.<n>.notes`.
struct FollowUpForm: FormInput {
    struct Row: Sendable { var result: String; var on: String; var notes: String }

    var language: String
    var rows: [Row]
    var notes: String

    init(_ body: FormBody) {
        language = FormText.clean(body.text("language"), limit: 20)
        rows = (0..<OutcomeReport.maxAdaptations).map { index in
            Row(result: FormText.clean(body.text("outcome.\(index).result"), limit: 20),
                on: FormText.clean(body.text("outcome.\(index).on"), limit: 20),
                notes: FormText.clean(body.text("outcome.\(index).notes"), limit: FollowUp.maxText))
        }
        notes = FormText.clean(body.text("notes"), limit: FollowUp.maxText)
    }

    init(_ followUp: FollowUp?, language: Language) {
        self.language = (followUp?.language ?? language).rawValue
        let filed = (followUp?.outcomes ?? []).map { Row(result: $0.result.rawValue, on: $0.on, notes: $0.notes) }
        rows = filed + Array(repeating: Row(result: "", on: "", notes: ""), count: max(0, OutcomeReport.maxAdaptations - filed.count))
        notes = followUp?.notes ?? ""
    }

    /// Choices the follow-up cannot hold: an unknown language, a result missing or unknown.
    func choiceErrors(adaptations: Int) -> FormErrors {
        var errors = FormErrors()
        errors.check(Language(rawValue: language) != nil, "language", "error.choice")
        for index in 0..<adaptations {
            errors.check(AdoptionResult(rawValue: rows[index].result) != nil, "outcome.\(index).result", "error.choice")
        }
        return errors
    }

    /// The follow-up of a report with `adaptations` adaptations (rows past them are ignored).
    func followUp(adaptations: Int) -> FollowUp {
        let outcomes = rows.prefix(adaptations).map { row in
            let result = AdoptionResult(rawValue: row.result) ?? .no
            return FollowUp.Outcome(result: result, on: result == .no ? "" : row.on, notes: row.notes)
        }
        return FollowUp(language: Language(rawValue: language) ?? .en, outcomes: Array(outcomes), notes: notes)
    }
}
