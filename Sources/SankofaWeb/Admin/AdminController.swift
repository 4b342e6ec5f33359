import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Admin pages: the audit log (read only, filtered), the mail outbox, and each user's roles.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "admin", "audit", use: audit)
        routes.get(":lang", "admin", "outbox", use: outbox)
        routes.get(":lang", "admin", "users", use: users)
        routes.get(":lang", "admin", "users", ":user", use: user)
        routes.post(":lang", "admin", "users", ":user", use: updateUser)
    }

    struct TablePage: Encodable, Sendable {
        var heading: String
        var columns: [String]
        var rows: [[String]]
        var filters: [FormField]
        var action: String
        var empty: String?
    }

    func audit(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.readAuditLog)
        let query = try QueryParameters(request)
        let action = FormText.clean(query.first("action"), limit: 60)
        let actor = FormText.clean(query.first("actor"), limit: 254)
        let entries = try await AuditLog(database: request.db).entries(action: action, actor: actor, limit: 200)
        func t(_ key: String) -> String { request.t(key, language) }
        let page = TablePage(
            heading: t("audit.heading"),
            columns: [t("audit.when"), t("audit.who"), t("audit.action"), t("audit.target"), t("audit.from"), t("audit.detail")],
            rows: entries.map { [DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval($0.at)), language),
                                 $0.actorEmail ?? "—", $0.action, $0.target, $0.ip, $0.detail] },
            filters: [FormField("action", label: t("audit.action"), value: action, required: false, maxLength: 60),
                      FormField("actor", label: t("audit.who"), value: actor, type: "email", required: false, maxLength: 254)],
            action: SiteURL.audit(language).path,
            empty: entries.isEmpty ? t("audit.empty") : nil)
        return try await request.render("admin/table", page, language: language, title: page.heading, section: "admin")
    }

    func outbox(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.readOutbox)
        let messages = try await Outbox(database: request.db).messages(limit: 100)
        func t(_ key: String) -> String { request.t(key, language) }
        // Sent; or waiting; or failed, with the server's reply and when the next attempt is due, or
        // when the sender gave up on it.
        func status(_ message: Outbox.Message) -> String {
            if let sentAt = message.sentAt { return request.t("outbox.sent", language, ["date": Self.when(sentAt, language)]) }
            // A failure recorded before migration 009 has its error but no attempts counted.
            guard message.attempts > 0 || message.error != nil else { return t("outbox.queued") }
            // The server's reply is in its own language and direction: isolated (FSI … PDI) so
            // that an Arabic sentence does not reorder its punctuation and numbers.
            let facts = ["error": "\u{2068}" + (message.error ?? "") + "\u{2069}",
                         "attempts": NumberFormatting.integer(max(message.attempts, 1), language)]
            if let givenUpAt = message.givenUpAt {
                return request.t("outbox.givenUp", language, facts.merging(["date": Self.when(givenUpAt, language)]) { $1 })
            }
            return request.t("outbox.failed", language, facts.merging(["date": Self.when(message.notBefore, language)]) { $1 })
        }
        let page = TablePage(
            heading: t("outbox.heading"),
            columns: [t("audit.when"), t("outbox.to"), t("outbox.subject"), t("outbox.status"), t("outbox.body")],
            rows: messages.map { [Self.when($0.createdAt, language), $0.recipient, $0.subject, status($0), $0.body] },
            filters: [], action: "", empty: messages.isEmpty ? t("outbox.empty") : nil)
        return try await request.render("admin/table", page, language: language, title: page.heading, section: "admin")
    }

    static func when(_ seconds: Int, _ language: Language) -> String {
        DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(seconds)), language)
    }

    struct UsersPage: Encodable, Sendable {
        struct Item: Encodable, Sendable { var name: String; var email: String; var status: String; var roles: String; var href: String }
        var heading: String
        var users: [Item]
        var links: [Layout.Link]
    }

    /// Every account, newest first, each linking to its page where roles are assigned.
    func users(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.assignRoles)
        let accounts = try await UserModel.query(on: request.db).sort(\.$createdAt, .descending).limit(500).all()
        func t(_ key: String) -> String { request.t(key, language) }
        let page = UsersPage(heading: t("users.heading"), users: accounts.map {
            .init(name: $0.name, email: $0.email, status: t($0.accountStatus.labelKey),
                  roles: $0.roleSet.sorted().map { t($0.labelKey) }.joined(separator: request.t("list.separator", language)),
                  href: SiteURL.adminUser(language, id: $0.id?.uuidString ?? "").path)
        }, links: [.init(href: SiteURL.vetting(language).path, label: t("vetting.heading")),
                   .init(href: SiteURL.audit(language).path, label: t("audit.heading")),
                   .init(href: SiteURL.outbox(language).path, label: t("outbox.heading"))])
        return try await request.render("admin/users", page, language: language, title: page.heading, section: "admin")
    }

    struct UserPage: Encodable, Sendable {
        var heading: String
        var facts: [PracticeShow.Fact]
        var roles: [FormField.Choice]
        var statuses: [FormField.Choice]
        var action: String
        var csrf: String
    }

    func user(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.assignRoles)
        let account = try await Self.find(request)
        func t(_ key: String) -> String { request.t(key, language) }
        let page = UserPage(
            heading: account.name,
            facts: [.init(label: t("account.email"), values: [account.email]),
                    .init(label: t("account.country"), values: [Countries.name(of: account.country, in: language)]),
                    .init(label: t("account.status"), values: [t(account.accountStatus.labelKey)])],
            roles: Role.allCases.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: account.roleSet.contains($0)) },
            statuses: AccountStatus.allCases.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: $0 == account.accountStatus) },
            action: SiteURL.adminUser(language, id: account.id?.uuidString ?? "").path,
            csrf: try await request.csrfToken())
        return try await request.render("admin/user", page, language: language, title: page.heading, section: "admin")
    }

    struct UserUpdate: Content {
        var roles: [String]?
        var status: String?
    }

    /// New roles or status; the user's sessions end (privilege change), and the change is audited.
    func updateUser(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.assignRoles)
        let account = try await Self.find(request)
        let form = (try? request.content.decode(UserUpdate.self)) ?? UserUpdate()
        let roles = try (form.roles ?? []).map { raw -> String in
            guard Role(rawValue: raw) != nil else { throw ParameterError(name: "roles", reason: .value, value: raw) }
            return raw
        }
        guard let status = AccountStatus(rawValue: form.status ?? account.status) else {
            throw ParameterError(name: "status", reason: .value, value: form.status ?? "")
        }
        let before = "\(account.roles.sorted()) \(account.status)"
        account.roles = Array(Set(roles)).sorted()
        account.status = status.rawValue
        try await request.db.transaction { tx in
            try await account.save(on: tx)
            try await SessionStore(database: tx).deleteAll(of: try account.requireID())
            try await AuditLog(database: tx).record(request.auditEntry("roles.changed", target: account.email,
                                                                       detail: "\(before) → \(account.roles) \(account.status)"))
        }
        return request.redirect(to: SiteURL.adminUser(language, id: account.id?.uuidString ?? "").path, redirectType: .normal)
    }

    static func find(_ request: Request) async throws -> UserModel {
        guard let id = request.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let account = try await UserModel.find(id, on: request.db) else { throw Abort(.notFound) }
        return account
    }
}
