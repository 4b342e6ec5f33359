import SankofaCore
import SankofaStore
import Vapor

/// A request's page (`requests/show.leaf`): its text with its own `lang`/`dir`, the facts, its
/// life cycle with who and when, the steps the reader may take (each a button), and the
/// conversation between requester, staff and the country's focal point.
struct RequestShow: Encodable, Sendable {
    struct Fact: Encodable, Sendable { var label: String; var value: String }
    struct Step: Encodable, Sendable {
        var value: String
        var label: String
        /// Close offers its outcomes; return-to-draft asks for a note.
        var closures: [FormField.Choice]
        var needsNote: Bool
    }
    struct Event: Encodable, Sendable {
        var who: String
        var when: String
        var datetime: String
        var text: String
        var body: String
        /// The body's paragraphs (a comment is shown as its writer broke it).
        var paragraphs: [String]
        var lang: String
        var dir: String
    }

    var title: String
    var lang: String
    var dir: String
    /// The need's paragraphs, as its writer broke them.
    var need: [String]
    var listHref: String
    var contribution: String
    var status: String
    var demo: Bool
    var facts: [Fact]
    var editHref: String?
    /// The explained matches (their managers) or who was invited (the requester).
    var matchesHref: String?
    var stepAction: String
    var steps: [Step]
    var stepError: String?
    var history: [Event]
    var comments: [Event]
    var commentAction: String?
    var commentText: String
    var commentError: String?
    var done: String?

    init(request: Request, language: Language, access: RequestAccess, detail: Requests.Detail, events: [Requests.Event],
         comment: String = "", commentError: String? = nil, stepError: String? = nil) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let record = detail.record, facts = detail.facts, id = facts.id
        title = record.title
        lang = record.language.rawValue
        dir = record.language.direction
        need = Self.paragraphs(record.need)
        listHref = SiteURL.requests(language).path
        contribution = record.beneficiaryContribution
        status = t(facts.status.labelKey) + (facts.closure.map { " (\(t($0.labelKey)))" } ?? "")
        demo = record.demo
        let dates = [record.startsOn, record.endsOn].compactMap { $0 }
        // The people (requester, who took each step, the conversation) are for those taking part
        // and staff; a member reading a request open to all sees the request and its stages.
        let involved = access.allows(.commentOnRequest(facts.status, access.standing))
        self.facts = [
            Fact(label: t("request.field.requester"), value: involved ? detail.requesterName ?? t("notification.someone") : ""),
            Fact(label: t("request.field.beneficiaryCountry"), value: Countries.name(of: record.beneficiaryCountry, in: language)),
            Fact(label: t("request.field.beneficiaryInstitution"), value: record.beneficiaryInstitution),
            Fact(label: t("request.field.themes"), value: record.themes.map { t($0.labelKey) }.joined(separator: ", ")),
            Fact(label: t("request.field.pillars"), value: record.pillars.map { "\($0.roman). \(t($0.labelKey))" }.joined(separator: "; ")),
            Fact(label: t("request.field.supportKinds"), value: record.supportKinds.map { t($0.labelKey) }.joined(separator: ", ")),
            Fact(label: t("request.field.workingLanguages"),
                 value: record.workingLanguages.map { Language.name(of: $0, in: language) }.joined(separator: ", ")),
            Fact(label: t("request.field.modality"), value: t(record.modality.labelKey)),
            Fact(label: t("request.field.timeframe"), value: dates.count == 2 ? request.dateSpan(from: dates[0], to: dates[1], language)
                 : dates.first.map { request.dateSpan(from: $0, to: $0, language) } ?? t("request.timeframe.open")),
            Fact(label: t("request.field.visibility"), value: t("requestVisibility.\(record.visibility.rawValue).long")),
        ].filter { !$0.value.isEmpty }
        editHref = access.allows(.editRequest(facts.status, access.standing)) ? SiteURL.requestEdit(language, id: id).path : nil
        matchesHref = access.allows(.manageMatches(facts.status, access.standing)) || access.allows(.seeInvitations(facts.status, access.standing))
            ? SiteURL.requestMatches(language, request: id).path : nil
        stepAction = SiteURL.requestStep(language, id: id).path
        let outcomes = RequestLifecycle.closures(from: facts.status)
        steps = RequestLifecycle.manualSteps(from: facts.status)
            .filter { access.allows(.stepRequest($0, facts.status, access.standing)) }
            .map { step in
                Step(value: step.rawValue, label: t("requestStep.\(step.rawValue).button"),
                     closures: step == .close ? outcomes.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: $0 == outcomes.first) } : [],
                     needsNote: step == .returnToDraft)
            }
        self.stepError = stepError
        func event(_ e: Requests.Event) -> Event {
            let when = Date(timeIntervalSince1970: TimeInterval(e.at))
            let text = e.step.map { step in
                t("request.history.step", ["step": t(step.labelKey), "status": e.to.map { t($0.labelKey) } ?? ""])
            } ?? ""
            return Event(who: involved ? e.actorName ?? t("request.history.platform") : "", when: DateFormatting.dateTime(when, language),
                         datetime: ISO8601DateFormatter().string(from: when), text: text, body: e.body, paragraphs: Self.paragraphs(e.body),
                         lang: e.language.rawValue, dir: e.language.direction)
        }
        history = events.filter { !$0.isComment }.map(event)
        comments = involved ? events.filter(\.isComment).map(event) : []
        commentAction = involved ? SiteURL.requestComments(language, id: id).path : nil
        commentText = comment
        self.commentError = commentError
        done = (try? request.query.get(String.self, at: "done")).flatMap { ["saved", "step", "comment"].contains($0) ? t("request.done.\($0)") : nil }
    }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
