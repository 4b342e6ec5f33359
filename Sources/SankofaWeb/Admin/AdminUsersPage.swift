import SankofaCore
import SankofaStore
import Vapor

/// `admin/users`: the accounts, each linking to the page where its roles are assigned.
struct AdminUsersPage: Encodable, Sendable {
    struct Item: Encodable, Sendable { var name: String; var email: String; var status: String; var roles: String; var href: String }
    var heading: String
    var users: [Item]
    var links: [Layout.Link]

    init(accounts: [UserModel], language: Language, request: Request) {
        func t(_ key: String) -> String { request.t(key, language) }
        heading = t("users.heading")
        users = accounts.map {
            Item(name: $0.name, email: $0.email, status: t($0.accountStatus.labelKey),
                 roles: $0.roleSet.sorted().map { t($0.labelKey) }.joined(separator: t("list.separator")),
                 href: SiteURL.adminUser(language, id: $0.id?.uuidString ?? "").path)
        }
        links = [.init(href: SiteURL.vetting(language).path, label: t("vetting.heading")),
                 .init(href: SiteURL.audit(language).path, label: t("audit.heading")),
                 .init(href: SiteURL.deniedRequests(language).path, label: t("denied.heading")),
                 .init(href: SiteURL.outbox(language).path, label: t("outbox.heading"))]
    }
}
