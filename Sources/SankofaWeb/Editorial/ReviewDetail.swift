import SankofaCore
import SankofaStore
import Vapor

/// `editorial/review.leaf`: one practice as an editor reviews it: its history side by side, the
/// conversation with its author, and the decisions open to it.
struct ReviewDetail: Encodable, Sendable {
    struct Change: Encodable, Sendable { var field: String; var before: String; var after: String }
    struct Entry: Encodable, Sendable { var when: String; var who: String; var action: String; var changes: [Change] }
    /// The author's change to the published practice, waiting for review or returned to them.
    struct Pending: Encodable, Sendable { var note: String; var waiting: Bool; var changes: [Change] }
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
    var pending: Pending?
    /// The publish button's label: publishing the author's change, or the practice.
    var publishLabel: String

    init(_ practice: PracticeModel, revisions: [Revisions.Revision], pending: PendingRevisions.Revision?, comments: [Comments.Comment],
         message: String?, _ request: Request, _ language: Language) {
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
        let waiting = pending?.state == .pending
        canPublish = [.submitted, .inReview, .draft].contains(state) || waiting
        canArchive = state == .published
        publishLabel = t(waiting ? "review.publishChange" : "review.publish")
        self.pending = pending.map { pending in
            let live = practice.record
            return Pending(
                note: request.t(waiting ? "review.change.waiting" : "review.change.returned", language, [
                    "name": pending.authorName ?? t("editorial.formerMember"),
                    "date": DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(pending.at)), language),
                ]),
                waiting: waiting,
                changes: RecordFields.changes(from: live, to: pending.applied(to: live)).map { Change(field: $0.field, before: $0.before, after: $0.after) })
        }
    }
}
