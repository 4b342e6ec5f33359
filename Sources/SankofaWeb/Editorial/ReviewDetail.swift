import SankofaCore
import SankofaStore
import Vapor

/// `editorial/review.leaf`: one practice as an editor reviews it: its history side by side, the
/// conversation with its author, and the decisions open to it.
struct ReviewDetail: Encodable, Sendable {
    struct Change: Encodable, Sendable { var field: String; var before: String; var after: String }
    struct Entry: Encodable, Sendable { var when: String; var who: String; var action: String; var changes: [Change] }
    var heading: String
    var status: String
    var viewHref: String
    var editable: Bool
    var comments: [PracticeEditor.Comment]
    var history: [Entry]
    var action: String
    var message: String?
    var canPublish: Bool
    var canArchive: Bool

    init(_ practice: PracticeModel, revisions: [Revisions.Revision], comments: [Comments.Comment], message: String?,
         _ request: Request, _ language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        var previous: PracticeRecord?
        var history: [Entry] = []
        for revision in revisions {
            history.append(Entry(
                when: DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(revision.at)), language),
                who: revision.actorName ?? t("editorial.formerMember"), action: t("review.action.\(revision.action)"),
                changes: RecordFields.changes(from: previous, to: revision.record).map { Change(field: $0.field, before: $0.before, after: $0.after) }))
            previous = revision.record
        }
        let state = PracticeStatus(rawValue: practice.status) ?? .draft
        heading = practice.text(in: language).text.title
        status = t(state.labelKey)
        viewHref = SiteURL.practice(language, slug: practice.slug).path
        editable = state != .archived
        self.comments = comments.map { PracticeEditor.Comment($0, request, language) }
        self.history = history.reversed()
        action = SiteURL.reviewPractice(language, slug: practice.slug).path
        self.message = message
        canPublish = [.submitted, .inReview, .draft].contains(state)
        canArchive = state == .published
    }
}
