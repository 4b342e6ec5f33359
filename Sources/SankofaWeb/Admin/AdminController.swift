import SankofaCore
import SankofaStore
import Vapor

/// Admin pages: the audit log (read only, filtered), the mail outbox, and each user's roles.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.audit, use: audit)
        routes.get(.outbox, use: outbox)
        routes.get(.deniedRequests, use: deniedRequests)
        routes.get(.adminUsers, use: users)
        routes.get(.adminUser, use: user)
        routes.post(.adminUser, use: updateUser)
    }

    func audit(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.readAuditLog)
        let query = try QueryParameters(request)
        let action = FormText.clean(query.first("action"), limit: 60)
        let actor = FormText.clean(query.first("actor"), limit: 254)
        let entries = try await AuditLog(database: request.db).entries(action: action, actor: actor, limit: 200)
        func t(_ key: String) -> String { request.t(key, language) }
        let page = AdminTablePage(
            heading: t("audit.heading"),
            columns: [t("audit.when"), t("audit.who"), t("audit.action"), t("audit.target"), t("audit.from"), t("audit.detail")],
            rows: entries.map { [DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval($0.at)), language),
                                 $0.actorEmail ?? "—", $0.action, $0.target, $0.ip, $0.detail] },
            filters: [FormField("action", label: t("audit.action"), value: action, required: false, maxLength: 60),
                      FormField("actor", label: t("audit.who"), value: actor, type: "email", required: false, maxLength: 254)],
            action: SiteURL.audit(language).path,
            empty: entries.isEmpty ? t("audit.empty") : nil)
        return try await request.render("admin/table", page, language: language, title: page.heading, section: .admin)
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
            // Its link expired before it went: given up on for that (no error), or about to be.
            if let expiresAt = message.linkExpiresAt,
               message.givenUpAt != nil && message.error == nil || message.givenUpAt == nil && expiresAt <= request.now {
                return request.t("outbox.expired", language, ["date": Self.when(expiresAt, language)])
            }
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
        let page = AdminTablePage(
            heading: t("outbox.heading"),
            columns: [t("audit.when"), t("outbox.to"), t("outbox.subject"), t("outbox.status"), t("outbox.body")],
            rows: messages.map { [Self.when($0.createdAt, language), $0.recipient, $0.subject, status($0), $0.body] },
            filters: [], action: "", empty: messages.isEmpty ? t("outbox.empty") : nil)
        return try await request.render("admin/table", page, language: language, title: page.heading, section: .admin)
    }

    static func when(_ seconds: Int, _ language: Language) -> String {
        DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(seconds)), language)
    }

    /// Every account, newest first, each linking to its page where roles are assigned.
    func users(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.assignRoles)
        let accounts = try await UserStore(database: request.db).latest(limit: 500)
        let page = AdminUsersPage(accounts: accounts, language: language, request: request)
        return try await request.render("admin/users", page, language: language, title: page.heading, section: .admin)
    }

    func user(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.assignRoles)
        let account = try await Self.find(request)
        let page = AdminUserPage(account: account, language: language, request: request)
        return try await request.render("admin/user", page, language: language, title: page.heading, section: .admin)
    }

    struct UserUpdate: FormInput {
        /// Every value sent, empty ones too: an unknown role is refused, not dropped.
        var roles: [String]
        /// Nil when not sent: the status stays.
        var status: String?

        init(_ body: FormBody) {
            roles = body.fields.pairs.filter { $0.name == "roles[]" }.map(\.value)
            status = body.has("status") ? body.text("status") : nil
        }
    }

    /// New roles or status; the user's sessions end (privilege change), and the change is audited.
    func updateUser(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.assignRoles)
        let account = try await Self.find(request)
        let form = try request.form(UserUpdate.self)
        let roles = try form.roles.map { raw -> String in
            guard Role(rawValue: raw) != nil else { throw ParameterError(name: "roles", reason: .value, value: raw) }
            return raw
        }
        guard let status = AccountStatus(rawValue: form.status ?? account.status) else {
            throw ParameterError(name: "status", reason: .value, value: form.status ?? "")
        }
        let before = "\(account.roles.sorted()) \(account.status)"
        account.roles = Array(Set(roles)).sorted()
        account.status = status.rawValue
        try await UserStore(database: request.db).saveEndingSessions(account, audit: request.auditEntry(
            "roles.changed", target: account.email, detail: "\(before) → \(account.roles) \(account.status)"))
        return request.redirect(to: SiteURL.adminUser(language, id: account.id?.uuidString ?? "").path, redirectType: .normal)
    }

    static func find(_ request: Request) async throws -> UserModel {
        guard let id = request.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let account = try await UserStore(database: request.db).find(id: id) else { throw Abort(.notFound) }
        return account
    }
}
