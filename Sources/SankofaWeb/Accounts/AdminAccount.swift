import SankofaCore
import SankofaStore
import Vapor

/// The first admin, made from the command line (`sankofa create-admin --email E`).
public enum AdminAccount {
    public enum Failure: Error, CustomStringConvertible {
        case email, password(String), exists
        public var description: String {
            switch self {
            case .email: "That is not an e-mail address."
            case .password(let key): Catalogs.bundled.text(key, .en)
            case .exists: "An account with this address exists already."
            }
        }
    }

    public static func create(email rawEmail: String, password: String, on app: Application) async throws {
        let email = FormText.clean(rawEmail, limit: 254).lowercased()
        guard EmailAddress.isValid(email) else { throw Failure.email }
        if let problem = PasswordPolicy.standard.problem(with: password) { throw Failure.password(problem) }
        let users = UserStore(database: app.db)
        guard try await users.find(email: email) == nil else { throw Failure.exists }
        let user = UserModel()
        user.email = email
        user.emailVerifiedAt = Date()
        user.name = String(email.split(separator: "@")[0])
        user.country = "ZZ"
        user.organisation = "Sankofa"
        user.organisationType = OrganisationType.international.rawValue
        user.position = "Administrator"
        user.motivation = "Created with sankofa create-admin"
        user.language = Language.en.rawValue
        user.status = AccountStatus.active.rawValue
        user.roles = [Role.member.rawValue, Role.admin.rawValue]
        user.passwordHash = try Passwords.hash(password, cost: app.settings.bcryptCost)
        try await users.create(user, audit: .init(at: Int(Date().timeIntervalSince1970), actorID: nil, actorEmail: nil,
                                                  action: "admin.created", target: email, detail: "command line", ip: "local"))
    }
}
