import Fluent
import Foundation
import SankofaCore

/// An account. Personal fields are the applicant's own words, shown only as the access policy allows.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    /// Lowercased; unique.
    @Field(key: "email") public var email: String
    @OptionalField(key: "email_verified_at") public var emailVerifiedAt: Date?
    @Field(key: "name") public var name: String
    @Field(key: "country") public var country: String
    @Field(key: "organisation") public var organisation: String
    @Field(key: "organisation_type") public var organisationType: String
    @Field(key: "position") public var position: String
    @Field(key: "motivation") public var motivation: String
    @Field(key: "language") public var language: String
    @Field(key: "status") public var status: String
    @Field(key: "roles") public var roles: [String]
    @Field(key: "password_hash") public var passwordHash: String
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    /// The last TOTP time step accepted, so a code is used once only.
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int?
    /// The secret offered on the set-up page, made by the server, until a first code confirms it.
    @OptionalField(key: "totp_pending_secret") public var totpPendingSecret: String?
    @OptionalField(key: "vetted_at") public var vettedAt: Date?
    @OptionalField(key: "vetted_by") public var vettedBy: UUID?
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var accountStatus: AccountStatus { AccountStatus(rawValue: status) ?? .pending }
    public var roleSet: Set<Role> { Set(roles.compactMap(Role.init(rawValue:))) }
    public var preferredLanguage: Language { Language(rawValue: language) ?? .en }

    public var twoFactorEnabled: Bool { totpSecret != nil }

    /// Roles that require two-factor authentication count only once it is set up (the accounts issue): until then such an account acts as a plain member.
    public var actor: Actor {
        let roles = twoFactorEnabled ? roleSet : roleSet.filter { !$0.requiresTwoFactor }
        return Actor(userID: id?.uuidString, status: accountStatus, roles: roles, country: country)
    }

    /// Holds a role that needs a second factor it has not set up yet.
    public var needsTwoFactor: Bool { !twoFactorEnabled && roleSet.contains(where: \.requiresTwoFactor) }
}
