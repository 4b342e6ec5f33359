import SankofaCore
import SankofaStore
import Vapor

/// The page of one side's outcome report (`reports/report.leaf`): the filed report, and for those
/// who may file it, the form (new or filled with the report). Every choice is a plain select or
/// checkbox, so the form works without JavaScript; each error sits next to its field.
struct OutcomeReportPage: Encodable, Sendable {
    static let template = "reports/report"

    struct Choice: Encodable, Sendable { var value: String; var label: String; var selected: Bool }
    struct Input: Encodable, Sendable {
        var name: String
        var id: String
        var label: String
        var value: String
        var error: String?
        var type = "text"
    }
    struct CapacityRow: Encodable, Sendable {
        var id: String
        var theme: String
        var before: Input
        var after: Input
        var beforeChoices: [Choice]
        var afterChoices: [Choice]
        var error: String?
    }
    struct AdaptationRow: Encodable, Sendable {
        var legend: String
        var kind: Input
        var kinds: [Choice]
        var description: Input
        var byWhen: Input
    }
    struct Form: Encodable, Sendable {
        var action: String
        var languages: [Choice]
        var participants: Input
        var gender: [Input]
        var genderError: String?
        var institutions: [Input]
        var institutionsError: String?
        var capacity: [CapacityRow]
        var learned: Input
        var adaptations: [AdaptationRow]
        var adaptationsError: String?
        var followUpWanted: Bool
        var followUpNote: Input
        var adaptedPractice: Input
        var practiceHint: String
        var startPracticeDraft: Bool
        var startPracticeDraftError: String?
        var practiceTitle: Input
        var submit: String
    }

    var heading: String
    var exchangeTitle: String
    var exchangeHref: String
    var notice: String?
    var message: String?
    var report: OutcomeReportView?
    var note: String?
    var form: Form?
    var followUpHref: String?

    init(_ access: ReportAccess, form input: OutcomeReportForm?, errors: FormErrors, linkedPractices: [String],
         notice: String?, message: String? = nil, _ request: Request, _ language: Language) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let exchangeID = access.exchange.id
        heading = t("report.heading", ["side": t(access.side.labelKey)])
        exchangeTitle = access.exchange.title
        exchangeHref = SiteURL.exchange(language, id: exchangeID).path
        self.notice = notice
        self.message = message ?? (errors.isEmpty ? nil : t("form.fix"))
        report = access.filed.map { OutcomeReportView($0, request, language) }
        if !access.context.takesReports {
            note = t("report.notHeld")
        } else if access.filed == nil && !access.mayFile {
            note = t("report.notFiled")
        }
        if let filed = access.filed, !filed.report.adaptations.isEmpty {
            followUpHref = SiteURL.outcomeFollowUp(language, exchange: exchangeID, side: access.side).path
        }
        guard access.offersForm else { return }
        let values = input ?? OutcomeReportForm(access.filed?.report, language: language)
        func field(_ name: String, _ label: String, _ value: String, type: String = "text") -> Input {
            Input(name: name, id: "f-" + name.replacingOccurrences(of: ".", with: "-"), label: label, value: value,
                  error: errors.byField[name].map { t($0) }, type: type)
        }
        let scale = OutcomeReport.scale.map { String($0) }
        func choices(_ selected: String) -> [Choice] {
            [Choice(value: "", label: t("report.scale.none"), selected: selected.isEmpty)]
                + scale.map { Choice(value: $0, label: t("report.scale.\($0)"), selected: $0 == selected) }
        }
        let capacity = access.context.themes.map { theme -> CapacityRow in
            let name = "capacity.\(theme.rawValue)", label = t(theme.labelKey)
            let before = values.ratings["\(name).before"] ?? "", after = values.ratings["\(name).after"] ?? ""
            return CapacityRow(id: "f-capacity-\(theme.rawValue)", theme: label,
                               before: field("\(name).before", t("report.capacity.beforeOf", ["theme": label]), before),
                               after: field("\(name).after", t("report.capacity.afterOf", ["theme": label]), after),
                               beforeChoices: choices(before), afterChoices: choices(after), error: errors.byField[name].map { t($0) })
        }
        let adaptations = values.adaptations.enumerated().map { index, row in
            AdaptationRow(legend: t("report.adaptation.legend", ["number": String(index + 1)]),
                          kind: field("adaptation.\(index).kind", t("report.adaptation.kind"), row.kind),
                          kinds: [Choice(value: "", label: t("report.adaptation.none"), selected: row.kind.isEmpty)]
                            + AdoptionKind.allCases.map { Choice(value: $0.rawValue, label: t($0.labelKey), selected: $0.rawValue == row.kind) },
                          description: field("adaptation.\(index).description", t("report.adaptation.description"), row.description),
                          byWhen: field("adaptation.\(index).byWhen", t("report.adaptation.byWhen"), row.byWhen, type: "date"))
        }
        form = Form(
            action: SiteURL.outcomeReport(language, exchange: exchangeID, side: access.side).path,
            languages: Language.displayOrder.map { Choice(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == values.language) },
            participants: field("participants", t("report.participants"), values.participants, type: "number"),
            gender: ParticipantGender.allCases.map { field($0.rawValue, t($0.labelKey), values.gender[$0] ?? "", type: "number") },
            genderError: errors.byField["gender"].map { t($0) },
            institutions: OrganisationType.allCases.map { field("institution.\($0.rawValue)", t($0.labelKey), values.institutions[$0] ?? "", type: "number") },
            institutionsError: errors.byField["institutions"].map { t($0) },
            capacity: capacity,
            learned: field("learned", t("report.learned"), values.learned),
            adaptations: adaptations, adaptationsError: errors.byField["adaptations"].map { t($0) },
            followUpWanted: values.followUpWanted,
            followUpNote: field("followUpNote", t("report.followUpNote"), values.followUpNote),
            adaptedPractice: field("adaptedPractice", t("report.adaptedPractice"), values.adaptedPractice),
            practiceHint: linkedPractices.isEmpty ? t("report.adaptedPractice.hint")
                : t("report.adaptedPractice.linked", ["slugs": linkedPractices.joined(separator: ", ")]),
            startPracticeDraft: values.startPracticeDraft,
            startPracticeDraftError: errors.byField["startPracticeDraft"].map { t($0) },
            practiceTitle: field("practiceTitle", t("report.practiceTitle"), values.practiceTitle),
            submit: t(access.filed == nil ? "report.file" : "report.save"))
    }
}
