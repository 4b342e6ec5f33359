import SankofaCore
import SankofaStore
import Vapor

/// `groups/members`: a group's members for its active members; for those who manage it (its
/// owners, editors, admins) also the pending requests and invitations and the forms to answer,
/// remove, promote and demote; the invitation form for whoever may invite.
struct GroupMembersPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        /// The id of the person's name on the page, which describes each button about them to screen readers.
        var id: String
        var name: String
        var handle: String?
        var role: String
        /// The form for the owners' actions on this person (`action` = accept, decline, remove, promote, demote).
        var action: String?
        /// "promote" or "demote", with its label, for active members when the reader manages the group.
        var roleChange: String?
        var roleChangeLabel: String?
    }

    var heading: String
    var groupName: String
    var groupHref: String
    var message: String?
    var error: String?
    var members: [Row]
    var requests: [Row]
    var invited: [Row]
    var manages: Bool
    var inviteAction: String?
    var invitee: String

    init(_ access: GroupAccess, members: [ForumGroups.Member], message: String?, error: String?, invitee: String,
         request: Request, language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        let slug = access.group.slug
        heading = t("group.members.heading")
        groupName = access.group.name
        groupHref = SiteURL.group(language, slug: slug).path
        self.message = message
        self.error = error
        manages = access.mayManage
        let manages = self.manages
        func row(_ member: ForumGroups.Member) -> Row {
            let change = member.state == .active && manages ? (member.role == .owner ? "demote" : "promote") : nil
            return Row(id: "person-\(member.userID.uuidString.lowercased())", name: member.name, handle: member.handle.map { "@\($0)" }, role: t(member.role.labelKey),
                       action: manages ? SiteURL.groupMember(language, slug: slug, user: member.userID.uuidString).path : nil,
                       roleChange: change, roleChangeLabel: change.map { t("group.\($0)") })
        }
        self.members = members.filter { $0.state == .active }.map(row)
        requests = manages ? members.filter { $0.state == .requested }.map(row) : []
        invited = manages ? members.filter { $0.state == .invited }.map(row) : []
        inviteAction = access.mayInvite ? SiteURL.groupMembers(language, slug: slug).path : nil
        self.invitee = invitee
    }
}
