/// Who is asking: a visitor, or an account with its status, roles and country.
public struct Actor: Sendable, Equatable {
    public var userID: String?
    public var status: AccountStatus?
    public var roles: Set<Role>
    public var country: String?

    public init(userID: String? = nil, status: AccountStatus? = nil, roles: Set<Role> = [], country: String? = nil) {
        self.userID = userID
        self.status = status
        self.roles = roles
        self.country = country
    }

    public static let visitor = Actor()

    public var isSignedIn: Bool { userID != nil }
    /// Roles count only for an active (vetted, not disabled) account.
    public var isMember: Bool { status == .active && !roles.isEmpty }
    public func has(_ role: Role) -> Bool { status == .active && roles.contains(role) }
}
