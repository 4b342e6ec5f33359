import Foundation

/// What a side actually adopted, about six months after its outcome report: for each adaptation
/// the report announced, whether it was adopted, partly, or not, when, and notes.
public struct FollowUp: Codable, Sendable, Equatable {
    public var language: Language
    /// One a report's adaptation, in the report's order.
    public var outcomes: [Outcome]
    public var notes: String
    public var demo: Bool

    public static let maxText = OutcomeReport.maxText

    public init(language: Language, outcomes: [Outcome], notes: String = "", demo: Bool = false) {
        self.language = language
        self.outcomes = outcomes
        self.notes = notes
        self.demo = demo
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var result: AdoptionResult
        /// ISO day it was adopted (adopted or partly); empty otherwise.
        public var on: String
        public var notes: String

        public init(result: AdoptionResult, on: String = "", notes: String = "") {
            self.result = result
            self.on = on
            self.notes = notes
        }
    }

    /// Adopted in full, what `outcome_follow_ups.adopted_count` counts (partly adopted ones are not).
    public var adoptedCount: Int { outcomes.filter { $0.result == .yes }.count }
}

/// Whether an announced adaptation was adopted.
public enum AdoptionResult: String, CaseIterable, Codable, Sendable {
    case yes, partly, no
    public var labelKey: String { "followUp.result.\(rawValue)" }
}

public enum FollowUpValidation {
    /// Issues of `followUp` for a report that announced `adaptations` (one outcome each), on `today`.
    public static func issues(in followUp: FollowUp, adaptations: Int, reportedOn: String, today: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if followUp.outcomes.count != adaptations {
            issues.append(ValidationIssue(field: "outcomes", reason: "error.required"))
        }
        let earliest = ISODay.parse(reportedOn), latest = ISODay.parse(today)
        for (index, outcome) in followUp.outcomes.enumerated() {
            let field = "outcomes.\(index)"
            OutcomeReportValidation.text(outcome.notes, "\(field).notes", required: false, limit: FollowUp.maxText, into: &issues)
            guard outcome.result != .no else { continue }
            guard let day = ISODay.parse(outcome.on) else {
                issues.append(ValidationIssue(field: "\(field).on", reason: outcome.on.isEmpty ? "error.required" : "error.date", detail: outcome.on))
                continue
            }
            // Not in the future, nor more than a year before the report (the exchange came shortly before it).
            if let latest, day > latest { issues.append(ValidationIssue(field: "\(field).on", reason: "followUp.error.future", detail: outcome.on)) }
            if let earliest, day < earliest.addingTimeInterval(-365 * 86_400) {
                issues.append(ValidationIssue(field: "\(field).on", reason: "followUp.error.tooEarly", detail: outcome.on))
            }
        }
        OutcomeReportValidation.text(followUp.notes, "notes", required: false, limit: FollowUp.maxText, into: &issues)
        return issues
    }
}
