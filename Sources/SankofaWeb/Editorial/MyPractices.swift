import SankofaCore
import SankofaStore
import Vapor

/// `editorial/mine.leaf`: a member's own practices; drafts link to their form, the rest to their page.
struct MyPractices: Encodable, Sendable {
    struct Item: Encodable, Sendable { var title: String; var status: String; var href: String; var editable: Bool }
    var heading: String
    var items: [Item]
    var newHref: String
    var hasItems: Bool

    init(_ practices: [PracticeModel], _ request: Request, _ language: Language) {
        heading = request.t("editorial.mine", language)
        items = practices.map { practice in
            let editable = practice.status == PracticeStatus.draft.rawValue
            return Item(title: practice.text(in: language).text.title,
                        status: request.t(PracticeStatus(rawValue: practice.status)?.labelKey ?? "", language),
                        href: editable ? SiteURL.myPractice(language, slug: practice.slug).path : SiteURL.practice(language, slug: practice.slug).path,
                        editable: editable)
        }
        newHref = SiteURL.submit(language).path
        hasItems = !practices.isEmpty
    }
}
