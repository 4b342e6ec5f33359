import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The six-month follow-up of one side's report (`reports/follow-up.leaf`): what was adopted of
/// each adaptation the report announced, as filed, and the form for those who may file it.
struct FollowUpPage: Encodable, Sendable {
    static let template = "reports/follow-up"

    typealias Choice = OutcomeReportPage.Choice
    typealias Input = OutcomeReportPage.Input
    struct Outcome: Encodable, Sendable { var adaptation: String; var kind: String; var result: String; var on: String; var notes: String }
    struct Filed: Encodable, Sendable { var lang: String; var dir: String; var byline: String; var outcomes: [Outcome]; var notes: String }
    struct Row: Encodable, Sendable {
        var adaptation: String
        var reportLang: String
        var reportDir: String
        var result: Input
        var results: [Choice]
        var on: Input
        var notes: Input
    }
    struct Form: Encodable, Sendable { var action: String; var languages: [Choice]; var rows: [Row]; var notes: Input; var submit: String }

    var heading: String
    var exchangeTitle: String
    var exchangeHref: String
    var reportHref: String
    var notice: String?
    var message: String?
    var filed: Filed?
    var note: String?
    var form: Form?

    init(_ access: ReportAccess, report: OutcomeReports.Filed, followUp: FollowUps.Filed?, form input: FollowUpForm?, errors: FormErrors,
         notice: String?, _ request: Request, _ language: Language) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        func day(_ iso: String) -> String { ISODay.parse(iso).map { DateFormatting.longDate($0, language) } ?? iso }
        let adaptations = report.report.adaptations, side = access.side
        heading = t("followUp.heading", ["side": t(side.labelKey)])
        exchangeTitle = access.exchange.title
        exchangeHref = SiteURL.exchange(language, id: access.exchange.id).path
        reportHref = SiteURL.outcomeReport(language, exchange: access.exchange.id, side: side).path
        self.notice = notice
        message = errors.isEmpty ? nil : t("form.fix")
        if let followUp {
            let f = followUp.followUp
            let when = DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(followUp.filedAt)), language)
            filed = Filed(lang: f.language.rawValue, dir: f.language.direction,
                          byline: t("report.byline", ["name": followUp.authorName ?? t("report.someone"), "date": when]),
                          outcomes: zip(adaptations, f.outcomes).map { adaptation, outcome in
                              Outcome(adaptation: adaptation.description, kind: t(adaptation.kind.labelKey), result: t(outcome.result.labelKey),
                                      on: outcome.on.isEmpty ? "" : day(outcome.on), notes: outcome.notes)
                          }, notes: f.notes)
        } else if !access.mayFile {
            note = t("followUp.notFiled")
        }
        guard access.mayFile else { return }
        let values = input ?? FollowUpForm(followUp?.followUp, language: language)
        func field(_ name: String, _ label: String, _ value: String, type: String = "text") -> Input {
            Input(name: name, id: "f-" + name.replacingOccurrences(of: ".", with: "-"), label: label, value: value,
                  error: errors.byField[name].map { t($0) }, type: type)
        }
        let rows = adaptations.enumerated().map { index, adaptation in
            let row = values.rows[index], name = "outcome.\(index)"
            return Row(adaptation: "\(t(adaptation.kind.labelKey)): \(adaptation.description)",
                       reportLang: report.report.language.rawValue, reportDir: report.report.language.direction,
                       result: field("\(name).result", t("followUp.result"), row.result),
                       results: [Choice(value: "", label: t("report.scale.none"), selected: row.result.isEmpty)]
                        + AdoptionResult.allCases.map { Choice(value: $0.rawValue, label: t($0.labelKey), selected: $0.rawValue == row.result) },
                       on: field("\(name).on", t("followUp.on"), row.on, type: "date"),
                       notes: field("\(name).notes", t("followUp.outcomeNotes"), row.notes))
        }
        form = Form(action: SiteURL.outcomeFollowUp(language, exchange: access.exchange.id, side: side).path,
                    languages: Language.displayOrder.map { Choice(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == values.language) },
                    rows: rows, notes: field("notes", t("followUp.notes"), values.notes),
                    submit: t(followUp == nil ? "followUp.file" : "report.save"))
    }
}
