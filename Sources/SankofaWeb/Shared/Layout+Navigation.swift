import SankofaCore
import Vapor

extension Layout {
    /// A group of the navigation. The top level names only the groups, so it stays short however many
    /// sections there are; every link is one step away: on a phone the menu opens on all the groups at
    /// once, on a wide screen each group shows its links under its label.
    struct Group: Encodable, Sendable {
        /// Names the group's list (`nav-group-<name>`) for screen readers.
        var name: String
        var label: String
        var links: [Link]
    }

    /// The knowledge (practices, Handbook, search), the people (experts, centres, courses), the site
    /// itself, and the reader's account. The cooperation sections (forum, requests, exchanges) become a
    /// group of their own between the people and the site, and the indicators join the knowledge, as
    /// each is built; a group without links is not shown.
    static func navigation(request: Request, language: Language, section: Section?) -> [Group] {
        let catalogs = request.application.catalogs
        func link(_ url: SiteURL, _ key: String, _ current: Section?) -> Link {
            Link(href: url.path, label: catalogs.text(key, language), current: current != nil && section == current)
        }
        let groups = [
            Group(name: "knowledge", label: catalogs.text("nav.group.knowledge", language), links: [
                link(.practices(language), "nav.practices", .practices),
                link(.handbook(language), "handbook.nav", .handbook),
                link(.search(language), "nav.search", .search),
                link(.indicators(language), "nav.indicators", .indicators),
                link(.annualReports(language), "annualReport.nav", nil),
            ]),
            Group(name: "people", label: catalogs.text("nav.group.people", language), links: [
                link(.experts(language), "nav.experts", .experts),
                link(.centres(language), "nav.centres", .centres),
                link(.courses(language), "nav.courses", .courses),
            ]),
            Group(name: "cooperation", label: catalogs.text("nav.group.cooperation", language), links: [
                link(.forum(language), "nav.forum", .forum),
                link(.groups(language), "nav.groups", .groups),
            ] + (AccessPolicy.allows(request.actor, .cooperation(.fileRequest)) ? [link(.requests(language), "nav.requests", .requests)] : [])
              // Everyone: visitors see the exchanges whose public summary both sides agreed to.
              + [link(.exchanges(language), "nav.exchanges", .exchanges)]),
            Group(name: "site", label: catalogs.text("site.name", language), links: [link(.about(language), "nav.about", .about), link(.openData(language), "openData.nav", nil)]),
            Group(name: "account", label: catalogs.text("nav.group.account", language), links: accountLinks(request.actor, link, language)),
        ]
        return groups.filter { !$0.links.isEmpty }
    }

    /// Who is signed in sees their account and the work pages their roles open; anyone else, signing in.
    private static func accountLinks(_ actor: Actor, _ link: (SiteURL, String, Section?) -> Link, _ language: Language) -> [Link] {
        guard actor.isSignedIn else { return [link(.login(language), "nav.login", .account)] }
        var links: [Link] = []
        if AccessPolicy.allows(actor, .submitPractice) { links.append(link(.myPractices(language), "nav.submit", .submit)) }
        if AccessPolicy.allows(actor, .reviewPractices) { links.append(link(.review(language), "nav.review", .review)) }
        if AccessPolicy.allows(actor, .translate) { links.append(link(.translationQueue(language), "nav.translate", .translate)) }
        if AccessPolicy.allows(actor, .assignRoles) { links.append(link(.adminUsers(language), "nav.admin", .admin)) }
        if AccessPolicy.allows(actor, .seeVettingQueue) { links.append(link(.vetting(language), "nav.vetting", .admin)) }
        if AccessPolicy.allows(actor, .seeClaimQueue) { links.append(link(.claims(language), "nav.claims", nil)) }
        if AccessPolicy.allows(actor, .forum(.moderateMembers)) { links.append(link(.moderation(language), "moderation.nav", nil)) }
        if AccessPolicy.allows(actor, .cooperation(.fileRequest)) { links.append(link(.invitations(language), "invitation.nav", nil)) }
        links.append(link(.account(language), "nav.account", .account))
        return links
    }
}
