import SankofaCore
import SankofaStore
import Vapor

/// `groups/list`: the working groups a reader may know of. Outsiders read a listed group's name
/// and purpose only; its members count and the reader's standing are shown to those with a
/// standing in it, and to the staff who manage groups.
struct GroupList: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        /// The id of the group's heading, which describes each of its buttons to screen readers.
        var id: String
        var name: String
        var purpose: String
        var lang: String
        var dir: String
        var href: String
        var hidden: Bool
        var members: String?
        var standing: String?
        /// The form that asks to join (a listed group the reader has no standing with).
        var joinAction: String?
        /// The invitation's answer form, when the reader is invited.
        var answerAction: String?
        /// Taking back one's request to join, while it waits.
        var withdrawAction: String?
    }

    var heading: String
    var intro: String
    var newHref: String?
    var message: String?
    var entries: [Entry]

    init(_ summaries: [ForumGroups.Summary], reader: ForumReader, message: String?, request: Request, language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        let catalogs = request.application.catalogs
        heading = t("group.list.heading")
        intro = t("group.list.intro")
        newHref = AccessPolicy.allows(reader.actor, .forum(.createGroup)) ? SiteURL.groupNew(language).path : nil
        self.message = message.map(t)
        entries = summaries.map { summary in
            let group = summary.group
            let state = reader.state(in: group.id), role = reader.role(in: group.id)
            let insider = state == .active || AccessPolicy.allows(reader.actor, .forum(.manageGroup(role: role, state: state)))
            let standing: String? = switch state {
            case .active: role.map { t($0.labelKey) }
            case .invited: t("group.standing.invited")
            case .requested: t("group.standing.requested")
            case nil: nil
            }
            let asks = AccessPolicy.allows(reader.actor, .forum(.askToJoin(listed: group.listed, state: state)))
            return Entry(id: "group-\(group.slug)", name: group.name, purpose: group.purpose, lang: group.language.rawValue, dir: group.language.direction,
                         href: SiteURL.group(language, slug: group.slug).path, hidden: !group.listed,
                         members: insider ? catalogs.plural("group.members.count", count: summary.activeMembers, language) : nil,
                         standing: standing,
                         joinAction: asks ? SiteURL.groupJoin(language, slug: group.slug).path : nil,
                         answerAction: state == .invited ? SiteURL.groupAnswer(language, slug: group.slug).path : nil,
                         withdrawAction: state == .requested ? SiteURL.groupWithdraw(language, slug: group.slug).path : nil)
        }
    }
}
