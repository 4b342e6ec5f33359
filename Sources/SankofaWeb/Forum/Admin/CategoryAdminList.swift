import SankofaCore
import SankofaStore
import Vapor

/// `forum/admin/categories`: the forum's categories in their order, for staff, each with its
/// settings, how many threads it holds, and the forms to move, place, edit and delete it. A
/// working group's categories use the same page with their group's links and no settings (a
/// group's category is always a general one its members read).
struct CategoryAdminList: Encodable, Sendable {
    /// Where the page's links and forms lead: the forum's management, or one group's.
    struct Links: Sendable {
        var heading: String
        var intro: String
        var new: String
        var back: String?
        var edit: @Sendable (String) -> String
        var move: @Sendable (String) -> String
        var delete: @Sendable (String) -> String

        static func forum(_ language: Language, _ request: Request) -> Links {
            Links(heading: request.t("forum.admin.heading", language), intro: request.t("forum.admin.intro", language),
                  new: SiteURL.forumCategoryNew(language).path, back: nil,
                  edit: { SiteURL.forumCategoryEdit(language, slug: $0).path }, move: { SiteURL.forumCategoryMove(language, slug: $0).path },
                  delete: { SiteURL.forumCategoryDelete(language, slug: $0).path })
        }
    }

    struct Row: Encodable, Sendable {
        var position: Int
        var name: String
        var slug: String
        var kind: String
        var visibility: String
        var threads: String
        /// The languages it is named in, by code.
        var languages: String
        var editHref: String
        var moveAction: String
        var deleteAction: String
        var isFirst: Bool
        var isLast: Bool
        /// Each button's name for screen readers, with the category's ("Move up: Youth work").
        var upLabel: String
        var downLabel: String
        var placeLabel: String
        var deleteLabel: String
    }

    var heading: String
    var intro: String
    var newHref: String
    var backHref: String?
    /// Kind and visibility columns: the forum's categories have them, a group's do not.
    var showsSettings: Bool
    var message: String?
    var error: String?
    var rows: [Row]

    init(_ categories: [ForumCategoryAdmin.Category], links: Links, showsSettings: Bool = true, message: String?, error: String?,
         request: Request, language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        let catalogs = request.application.catalogs
        heading = links.heading
        intro = links.intro
        newHref = links.new
        backHref = links.back
        self.showsSettings = showsSettings
        self.message = message
        self.error = error
        rows = categories.enumerated().map { index, category in
            let draft = category.draft
            let name = draft.texts[language]?.name ?? draft.texts[.en]?.name
                ?? Language.displayOrder.compactMap { draft.texts[$0]?.name }.first ?? category.slug
            let topic: String? = switch draft.kind {
            case .theme: draft.topic.flatMap(Theme.init(rawValue:)).map { t($0.labelKey) }
            case .region: draft.topic.flatMap(Region.init(rawValue:)).map { t($0.labelKey) }
            case .general: nil
            }
            return Row(position: index + 1, name: name, slug: category.slug,
                       kind: t(draft.kind.labelKey) + (topic.map { ": \($0)" } ?? ""), visibility: t(draft.visibility.labelKey),
                       threads: catalogs.plural("group.threads.count", count: category.threadCount, language),
                       languages: Language.displayOrder.filter { draft.texts[$0] != nil }.map(\.rawValue).joined(separator: " "),
                       editHref: links.edit(category.slug), moveAction: links.move(category.slug), deleteAction: links.delete(category.slug),
                       isFirst: index == 0, isLast: index == categories.count - 1,
                       upLabel: "\(t("forum.admin.up")): \(name)", downLabel: "\(t("forum.admin.down")): \(name)",
                       placeLabel: "\(t("forum.admin.place")): \(name)", deleteLabel: "\(t("forum.admin.delete")): \(name)")
        }
    }
}
