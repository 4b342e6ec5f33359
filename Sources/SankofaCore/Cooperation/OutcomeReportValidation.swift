import Foundation

/// The rules every stored outcome report obeys, field by field (the form shows each issue next to
/// its field): the figures add up, ratings are on the 1–5 scale for exactly the exchange's themes,
/// dates are real days not before the exchange began, texts are present and not too long.
public enum OutcomeReportValidation {
    /// What the rules need to know of the exchange reported on.
    public struct Exchange: Sendable {
        public var themes: [Theme]
        /// ISO day the exchange began: nothing is adapted before it.
        public var startsOn: String

        public init(themes: [Theme], startsOn: String) {
            self.themes = themes
            self.startsOn = startsOn
        }
    }

    public static func issues(in report: OutcomeReport, exchange: Exchange) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ reason: String, _ detail: String = "") {
            issues.append(ValidationIssue(field: field, reason: reason, detail: detail))
        }
        if !(1...OutcomeReport.maxParticipants).contains(report.participants) {
            add("participants", "report.error.participants", String(report.participants))
        }
        let gender = report.gender
        if [gender.women, gender.men, gender.unspecified].contains(where: { $0 < 0 || $0 > OutcomeReport.maxParticipants }) {
            add("gender", "report.error.count")
        } else if gender.total != report.participants {
            add("gender", "report.error.genderSum", "\(gender.total) ≠ \(report.participants)")
        }
        // Institutions are optional (not every organiser knows them), but when counted they add up.
        let institutionTotal = report.institutions.reduce(0) { $0 + max($1.count, 0) }
        if report.institutions.contains(where: { $0.count < 0 || $0.count > OutcomeReport.maxParticipants })
            || Set(report.institutions.map(\.type)).count != report.institutions.count {
            add("institutions", "report.error.count")
        } else if institutionTotal > 0 && institutionTotal != report.participants {
            add("institutions", "report.error.institutionSum", "\(institutionTotal) ≠ \(report.participants)")
        }
        for theme in exchange.themes {
            let ratings = report.capacity.filter { $0.theme == theme }
            guard let rating = ratings.first, ratings.count == 1 else {
                add("capacity.\(theme.rawValue)", "error.required")
                continue
            }
            if !OutcomeReport.scale.contains(rating.before) || !OutcomeReport.scale.contains(rating.after) {
                add("capacity.\(theme.rawValue)", "report.error.scale")
            }
        }
        for rating in report.capacity where !exchange.themes.contains(rating.theme) {
            add("capacity", "report.error.theme", rating.theme.rawValue)
        }
        text(report.learned, "learned", required: true, limit: OutcomeReport.maxText, into: &issues)
        text(report.followUpNote, "followUpNote", required: false, limit: OutcomeReport.maxText, into: &issues)
        if report.adaptations.count > OutcomeReport.maxAdaptations { add("adaptations", "report.error.tooManyAdaptations", String(OutcomeReport.maxAdaptations)) }
        let start = ISODay.parse(exchange.startsOn)
        for (index, adaptation) in report.adaptations.enumerated() {
            text(adaptation.description, "adaptations.\(index).description", required: true, limit: OutcomeReport.maxText, into: &issues)
            guard let day = ISODay.parse(adaptation.byWhen) else {
                add("adaptations.\(index).byWhen", adaptation.byWhen.isEmpty ? "error.required" : "error.date", adaptation.byWhen)
                continue
            }
            if let start, day < start { add("adaptations.\(index).byWhen", "report.error.byWhenBefore", adaptation.byWhen) }
        }
        if let slug = report.adaptedPractice, !Slug.isValid(slug) { add("adaptedPractice", "report.error.practice", slug) }
        if report.startPracticeDraft {
            text(report.practiceTitle, "practiceTitle", required: true, limit: PracticeValidation.maxTitle, into: &issues)
        }
        return issues
    }

    static func text(_ value: String, _ field: String, required: Bool, limit: Int, into issues: inout [ValidationIssue]) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty { issues.append(ValidationIssue(field: field, reason: "error.required")) }
        if value.count > limit { issues.append(ValidationIssue(field: field, reason: "error.tooLong", detail: String(limit))) }
    }
}
