import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Members' claims of the profiles editors made for them. A verified address that matches the
/// profile's is not enough to take it over (an address can be registered by someone who reads its
/// mailbox for a while): the claim waits until an editor or a focal point of the profile's country
/// confirms it (ASVS 2.3.5), and only then is the profile linked to the account.
public struct ProfileClaims: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    /// A claim waiting, with what those who decide on it need to see.
    public struct Claim: Sendable, Equatable {
        public var expertID: UUID
        public var slug: String
        public var profileName: String
        public var country: String
        public var userID: UUID
        public var userName: String
        public var userEmail: String
        public var userLanguage: String
        public var requestedAt: Int
    }

    /// Records `user`'s claim of the profile with its audit line and the mails telling those who may
    /// confirm it, together. False, and nothing written, when the profile or the member has a
    /// claim waiting already.
    @discardableResult
    public func request(_ expertID: UUID, by userID: UUID, now: Int, audit: AuditLog.Entry, mails: [Outbox.Mail]) async throws -> Bool {
        try await database.atomically { tx in
            let inserted = try await (tx as! any SQLDatabase).raw("""
                INSERT INTO profile_claims (expert_id, user_id, requested_at) VALUES (\(bind: expertID), \(bind: userID), \(bind: now))
                ON CONFLICT DO NOTHING RETURNING expert_id
                """).first()
            guard inserted != nil else { return false }
            try await AuditLog(database: tx).record(audit)
            for mail in mails { try await Outbox(database: tx).queue(mail, now: now) }
            return true
        }
    }

    /// Every claim waiting, the oldest first.
    public func all() async throws -> [Claim] {
        try await load("")
    }

    /// The claim waiting on the profile `slug`.
    public func find(slug: String) async throws -> Claim? {
        try await load("WHERE e.slug = \(bind: slug)").first
    }

    /// The claim `userID` is waiting on.
    public func waiting(by userID: UUID) async throws -> Claim? {
        try await load("WHERE c.user_id = \(bind: userID)").first
    }

    /// Decides on a claim, with its audit line and the mail telling the member. Confirmed, the
    /// profile becomes the member's (if it still has no owner) and the member an expert. False,
    /// and nothing written, when the claim was decided meanwhile.
    @discardableResult
    public func decide(_ claim: Claim, confirm: Bool, audit: AuditLog.Entry, mail: Outbox.Mail, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let removed = try await (tx as! any SQLDatabase).raw("""
                DELETE FROM profile_claims WHERE expert_id = \(bind: claim.expertID) AND user_id = \(bind: claim.userID) RETURNING expert_id
                """).first()
            guard removed != nil else { return false }
            if confirm {
                try await ExpertStore(database: tx).claim(claim.expertID, by: claim.userID)
                if let user = try await UserStore(database: tx).find(id: claim.userID) { try await UserStore(database: tx).grantExpert(user) }
            }
            try await AuditLog(database: tx).record(audit)
            try await Outbox(database: tx).queue(mail, now: now)
            return true
        }
    }

    /// The accounts that may confirm a claim of a profile of `country`, to be told of it: every
    /// role that may (staff, focal points) needs two-step sign-in to count, so only accounts with
    /// it are read, and the access policy picks among them.
    public func confirmers(country: String) async throws -> [UserModel] {
        try await UserModel.query(on: database).filter(\.$status == AccountStatus.active.rawValue).filter(\.$totpSecret != nil).all()
            .filter { AccessPolicy.allows($0.actor, .confirmClaim(profileCountry: country)) }
    }

    private func load(_ condition: SQLQueryString) async throws -> [Claim] {
        try await sql.raw("""
            SELECT c.expert_id, c.user_id, c.requested_at, e.slug, e.record, u.name, u.email, u.language
            FROM profile_claims c JOIN experts e ON e.id = c.expert_id JOIN users u ON u.id = c.user_id
            \(condition) ORDER BY c.requested_at, e.slug
            """).all().map { row in
            let record = try RecordJSON.decode(ExpertRecord.self, try row.decode(column: "record", as: String.self))
            return Claim(expertID: try row.decode(column: "expert_id", as: UUID.self), slug: try row.decode(column: "slug", as: String.self),
                         profileName: record.name, country: record.country, userID: try row.decode(column: "user_id", as: UUID.self),
                         userName: try row.decode(column: "name", as: String.self), userEmail: try row.decode(column: "email", as: String.self),
                         userLanguage: try row.decode(column: "language", as: String.self),
                         requestedAt: try row.decode(column: "requested_at", as: Int.self))
        }
    }
}
