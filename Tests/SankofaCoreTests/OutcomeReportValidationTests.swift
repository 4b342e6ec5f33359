import Foundation
import SankofaCore
import Testing

/// The rules of outcome reports and follow-ups, field by field.
@Suite("Outcome report validation")
struct OutcomeReportValidationTests {
    static let exchange = OutcomeReportValidation.Exchange(themes: [.prisons, .youth], startsOn: "2027-03-01")

    static func report() -> OutcomeReport {
        OutcomeReport(language: .fr, participants: 20, gender: .init(women: 9, men: 10, unspecified: 1),
                      institutions: [.init(type: .government, count: 15), .init(type: .civilSociety, count: 5)],
                      capacity: [.init(theme: .prisons, before: 2, after: 4), .init(theme: .youth, before: 1, after: 1)],
                      learned: "La revue par les pairs.", adaptations: [.init(kind: .procedure, description: "Une procédure.", byWhen: "2027-09-30")])
    }

    static func fields(_ report: OutcomeReport) -> [String: String] {
        Dictionary(OutcomeReportValidation.issues(in: report, exchange: exchange).map { ($0.field, $0.reason) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func aCompleteReportPasses() {
        #expect(OutcomeReportValidation.issues(in: Self.report(), exchange: Self.exchange).isEmpty)
        var report = Self.report()
        report.institutions = []   // institutions are optional
        #expect(OutcomeReportValidation.issues(in: report, exchange: Self.exchange).isEmpty)
    }

    @Test func figuresMustAddUp() {
        var report = Self.report()
        report.gender.women = 3
        #expect(Self.fields(report)["gender"] == "report.error.genderSum")
        report = Self.report()
        report.institutions[0].count = 14
        #expect(Self.fields(report)["institutions"] == "report.error.institutionSum")
        report = Self.report()
        report.institutions.append(.init(type: .government, count: 0))
        #expect(Self.fields(report)["institutions"] == "report.error.count")
        report = Self.report()
        report.gender.men = -1
        #expect(Self.fields(report)["gender"] == "report.error.count")
        for participants in [0, -5, OutcomeReport.maxParticipants + 1] {
            report = Self.report()
            report.participants = participants
            #expect(Self.fields(report)["participants"] == "report.error.participants")
        }
    }

    @Test func ratingsAreOnTheScaleForExactlyTheExchangesThemes() {
        for (before, after) in [(0, 3), (3, 6), (-1, 2)] {
            var report = Self.report()
            report.capacity[0] = .init(theme: .prisons, before: before, after: after)
            #expect(Self.fields(report)["capacity.prisons"] == "report.error.scale")
        }
        var report = Self.report()
        report.capacity.removeLast()
        #expect(Self.fields(report)["capacity.youth"] == "error.required")
        report = Self.report()
        report.capacity.append(.init(theme: .prisons, before: 1, after: 2))
        #expect(Self.fields(report)["capacity.prisons"] == "error.required")
        report = Self.report()
        report.capacity.append(.init(theme: .gender, before: 1, after: 2))
        #expect(Self.fields(report)["capacity"] == "report.error.theme")
    }

    @Test func datesAndTexts() {
        var report = Self.report()
        report.adaptations[0].byWhen = "2027-02-30"
        #expect(Self.fields(report)["adaptations.0.byWhen"] == "error.date")
        report.adaptations[0].byWhen = "2027-02-28"
        #expect(Self.fields(report)["adaptations.0.byWhen"] == "report.error.byWhenBefore")
        report.adaptations[0].byWhen = ""
        #expect(Self.fields(report)["adaptations.0.byWhen"] == "error.required")
        report = Self.report()
        report.learned = "   "
        report.adaptations[0].description = String(repeating: "a", count: OutcomeReport.maxText + 1)
        #expect(Self.fields(report)["learned"] == "error.required")
        #expect(Self.fields(report)["adaptations.0.description"] == "error.tooLong")
        report = Self.report()
        report.adaptations = Array(repeating: report.adaptations[0], count: OutcomeReport.maxAdaptations + 1)
        #expect(Self.fields(report)["adaptations"] == "report.error.tooManyAdaptations")
        report = Self.report()
        report.adaptedPractice = "../etc"
        report.startPracticeDraft = true
        #expect(Self.fields(report)["adaptedPractice"] == "report.error.practice")
        #expect(Self.fields(report)["practiceTitle"] == "error.required")
    }

    @Test func followUpRules() {
        let ok = FollowUp(language: .ar, outcomes: [.init(result: .yes, on: "2027-06-01"), .init(result: .no)])
        #expect(FollowUpValidation.issues(in: ok, adaptations: 2, reportedOn: "2027-03-10", today: "2027-09-10").isEmpty)
        #expect(ok.adoptedCount == 1)
        let fields = { (f: FollowUp, n: Int) in
            Dictionary(FollowUpValidation.issues(in: f, adaptations: n, reportedOn: "2027-03-10", today: "2027-09-10").map { ($0.field, $0.reason) },
                       uniquingKeysWith: { a, _ in a })
        }
        #expect(fields(ok, 3)["outcomes"] == "error.required")
        #expect(fields(FollowUp(language: .en, outcomes: [.init(result: .partly)]), 1)["outcomes.0.on"] == "error.required")
        #expect(fields(FollowUp(language: .en, outcomes: [.init(result: .yes, on: "2027-13-01")]), 1)["outcomes.0.on"] == "error.date")
        #expect(fields(FollowUp(language: .en, outcomes: [.init(result: .yes, on: "2027-09-11")]), 1)["outcomes.0.on"] == "followUp.error.future")
        #expect(fields(FollowUp(language: .en, outcomes: [.init(result: .yes, on: "2025-01-01")]), 1)["outcomes.0.on"] == "followUp.error.tooEarly")
    }
}
