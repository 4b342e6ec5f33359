import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `editorial/mine.leaf`: a member's own practices; those they may change (drafts, and published
/// ones, whose changes wait for review) link to their form, the rest to their page.
struct MyPractices: Encodable, Sendable {
    struct Item: Encodable, Sendable { var title: String; var status: String; var note: String?; var href: String; var editable: Bool }
    var heading: String
    var items: [Item]
    var newHref: String
    var hasItems: Bool

    init(_ practices: [PracticeModel], pending: [UUID: PendingRevisions.State], _ request: Request, _ language: Language) {
        heading = request.t("editorial.mine", language)
        items = practices.map { practice in
            let status = practice.practiceStatus
            let editable = AccessPolicy.allows(request.actor, .editPractice(status: status, authorID: practice.authorID?.uuidString))
            return Item(title: practice.text(in: language).text.title, status: request.t(status.labelKey, language),
                        note: practice.id.flatMap { pending[$0] }.map { request.t("editorial.change.\($0.rawValue)", language) },
                        href: editable ? SiteURL.myPractice(language, slug: practice.slug).path : SiteURL.practice(language, slug: practice.slug).path,
                        editable: editable)
        }
        newHref = SiteURL.submit(language).path
        hasItems = !practices.isEmpty
    }
}
