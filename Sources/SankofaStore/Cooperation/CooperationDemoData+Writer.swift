import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes ``CooperationDemoData/Content`` inside the seed's transaction, in the order the cycle
/// happens: accounts; requests up to where they stand before an exchange (steps and comments at
/// their days, matches picked, invitations answered); exchanges from the accepted matches or
/// recorded by staff, moved through their statuses, with contributions, agreements and reports;
/// then the requests that closed. Only the stores write; this type finds what exists and says when.
struct CooperationDemoWriter {
    let database: any Database
    let now: Int
    var sql: any SQLDatabase { database as! any SQLDatabase }
    static let day = 86_400

    init(database: any Database, now: Int) {
        self.database = database
        self.now = now
    }

    func write(_ content: CooperationDemoData.Content) async throws -> CooperationDemoData.Summary {
        var summary = CooperationDemoData.Summary()
        let queued = try await lastMail()
        var users: [String: UUID] = [:]
        for account in content.accounts {
            let (id, created) = try await makeAccount(account)
            users[account.key] = id
            if created { summary.accounts += 1 }
        }
        let people = DemoPeople(users: users)
        var requests: [String: Int] = [:]
        var created: Set<String> = []
        for request in content.requests {
            if let id = try await existing("requests", title: request.record.title) {
                requests[request.key] = id
                continue
            }
            requests[request.key] = try await self.request(request, people: people, summary: &summary)
            created.insert(request.key)
        }
        for exchange in content.exchanges where try await existing("exchanges", title: exchange.record.title) == nil {
            try await self.exchange(exchange, requestID: exchange.request.flatMap { requests[$0] }, people: people, summary: &summary)
        }
        for request in content.requests where created.contains(request.key) && request.status == .closed {
            try await close(request, id: requests[request.key]!, people: people)
        }
        try await unmail(after: queued)
        return summary
    }

    /// The stores tell the people of a request or an exchange by mail too; the demo's people are
    /// fictional (`@demo.sankofa.example`, a domain that receives nothing), so the mail this load
    /// queued for them is taken back before the transaction ends. Their in-app notices stay.
    private func unmail(after id: Int) async throws {
        try await sql.raw("""
            DELETE FROM outbox WHERE id > \(bind: id) AND sent_at IS NULL AND recipient LIKE '%@demo.sankofa.example'
            """).run()
    }

    private func lastMail() async throws -> Int {
        try await sql.raw("SELECT COALESCE(MAX(id), 0) AS id FROM outbox").first()?.decode(column: "id", as: Int.self) ?? 0
    }

    /// The ISO day `offset` days from the seed's day, for the file's "D-120" and "D+30".
    func resolve(_ relative: String) throws -> String {
        ISODay.format(Date(timeIntervalSince1970: TimeInterval(try time(relative))))
    }

    /// The seed time `days` days ago.
    func ago(_ days: Int) -> Int { now - days * Self.day }

    func existing(_ table: String, title: String) async throws -> Int? {
        try await sql.raw("SELECT id FROM \(unsafeRaw: table) WHERE demo = \(bind: true) AND title = \(bind: title)")
            .first()?.decode(column: "id", as: Int.self)
    }

    /// A vetted account that cannot sign in (no password matches "!"), as the forum's demo
    /// accounts are; focal points and staff hold their roles so the histories read right.
    func makeAccount(_ account: CooperationDemoData.Account) async throws -> (UUID, Bool) {
        if let existing = try await UserModel.query(on: database).filter(\.$email == account.email).first() {
            return (try existing.requireID(), false)
        }
        let user = UserModel()
        user.email = account.email
        user.emailVerifiedAt = Date(timeIntervalSince1970: TimeInterval(ago(500)))
        user.name = account.name
        user.country = account.country
        user.organisation = account.organisation
        user.organisationType = OrganisationType.government.rawValue
        user.position = account.position
        user.motivation = "Demo account (cooperation)"
        user.language = account.language.rawValue
        user.status = AccountStatus.active.rawValue
        user.roles = account.roles.map(\.rawValue)
        user.passwordHash = "!"
        user.vettedAt = Date(timeIntervalSince1970: TimeInterval(ago(500)))
        try await user.create(on: database)
        return (try user.requireID(), true)
    }
}

/// The demo accounts by key, with a failure that names the file when one is missing.
struct DemoPeople {
    let users: [String: UUID]

    func id(_ key: String) throws -> UUID {
        guard let id = users[key] else { throw DemoFailure(message: "cooperation.json: no account \(key)") }
        return id
    }
}
