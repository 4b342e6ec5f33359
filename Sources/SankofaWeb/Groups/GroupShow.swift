import SankofaCore
import SankofaStore
import Vapor

/// `groups/show`: a group's page. Its active members read its categories, latest threads and
/// members; anyone else who may know of it reads its name and purpose, and the form that fits
/// their standing (ask to join, answer an invitation).
struct GroupShow: Encodable, Sendable {
    struct Category: Encodable, Sendable { var name: String; var description: String; var href: String; var threads: String }
    struct Thread: Encodable, Sendable { var title: String; var href: String; var lang: String; var dir: String; var posts: String }
    struct Person: Encodable, Sendable { var name: String; var role: String }
    struct Choice: Encodable, Sendable { var value: String; var label: String }

    var name: String
    var purpose: String
    var lang: String
    var dir: String
    var visibility: String
    var standing: String?
    var message: String?
    var isMember: Bool
    var categories: [Category]
    var threads: [Thread]
    var members: [Person]
    var joinAction: String?
    var answerAction: String?
    var leaveAction: String?
    /// Taking back one's request to join, while it waits.
    var withdrawAction: String?
    /// The active members the last owner may name as the next owner when leaving.
    var successors: [Choice]
    var membersHref: String?
    var newCategoryHref: String?
    var categoriesHref: String?
    var editHref: String?
    var listHref: String

    struct Content: Sendable {
        var categories: [ForumGroups.CategoryEntry] = []
        var threads: [ForumGroups.ThreadEntry] = []
        var members: [ForumGroups.Member] = []
    }

    init(_ access: GroupAccess, _ content: Content, message: String?, request: Request, language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        let catalogs = request.application.catalogs
        let group = access.group, slug = group.slug
        name = group.name
        purpose = group.purpose
        lang = group.language.rawValue
        dir = group.language.direction
        visibility = t(group.listed ? "group.listed.listed" : "group.listed.hidden")
        standing = switch access.state {
        case .active: access.role.map { t($0.labelKey) }
        case .invited: t("group.standing.invited")
        case .requested: t("group.standing.requested")
        case nil: nil
        }
        self.message = message
        isMember = access.isActiveMember
        categories = content.categories.map {
            Category(name: $0.name, description: $0.description, href: SiteURL.forumCategory(language, slug: $0.slug).path,
                     threads: catalogs.plural("group.threads.count", count: $0.threadCount, language))
        }
        threads = content.threads.map {
            Thread(title: $0.title, href: SiteURL.forumThread(language, thread: $0.id).path, lang: $0.language.rawValue,
                   dir: $0.language.direction, posts: catalogs.plural("group.posts.count", count: $0.postCount, language))
        }
        let active = content.members.filter { $0.state == .active }
        members = active.map { Person(name: $0.name, role: t($0.role.labelKey)) }
        joinAction = access.allows(.askToJoin(listed: group.listed, state: access.state)) ? SiteURL.groupJoin(language, slug: slug).path : nil
        answerAction = access.state == .invited ? SiteURL.groupAnswer(language, slug: slug).path : nil
        leaveAction = access.isActiveMember ? SiteURL.groupLeave(language, slug: slug).path : nil
        withdrawAction = access.state == .requested ? SiteURL.groupWithdraw(language, slug: slug).path : nil
        let lastOwner = access.role == .owner && active.filter { $0.role == .owner }.count == 1
        successors = lastOwner ? active.filter { $0.userID != access.userID }.map { Choice(value: $0.userID.uuidString, label: $0.name) } : []
        membersHref = access.isActiveMember || access.mayManage ? SiteURL.groupMembers(language, slug: slug).path : nil
        newCategoryHref = access.managesContent ? SiteURL.groupCategoryNew(language, slug: slug).path : nil
        categoriesHref = access.managesContent ? SiteURL.groupCategories(language, slug: slug).path : nil
        listHref = SiteURL.groups(language).path
        editHref = access.mayManage ? SiteURL.groupEdit(language, slug: slug).path : nil
    }
}
