import SankofaCore
import SankofaStore
import Vapor

/// `admin/user`: one account, with the form that sets its roles and status.
struct AdminUserPage: Encodable, Sendable {
    var heading: String
    var facts: [PracticeShow.Fact]
    var roles: [FormField.Choice]
    var statuses: [FormField.Choice]
    var action: String

    init(account: UserModel, language: Language, request: Request) {
        func t(_ key: String) -> String { request.t(key, language) }
        heading = account.name
        facts = [.init(label: t("account.email"), values: [account.email]),
                 .init(label: t("account.country"), values: [Countries.name(of: account.country, in: language)]),
                 .init(label: t("account.status"), values: [t(account.accountStatus.labelKey)])]
        roles = Role.allCases.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: account.roleSet.contains($0)) }
        statuses = AccountStatus.allCases.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: $0 == account.accountStatus) }
        action = SiteURL.adminUser(language, id: account.id?.uuidString ?? "").path
    }
}
