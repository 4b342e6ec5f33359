/// What a member may do beyond reading: DOMAIN.md's roles. A member holds any set of them;
/// `member` is given at vetting, the others by an admin.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case member, expert, focalPoint, translator, editor, moderator, admin

    public var labelKey: String { "role.\(rawValue)" }

    /// Roles whose holders must use two-factor authentication.
    public var requiresTwoFactor: Bool { [.focalPoint, .editor, .moderator, .admin].contains(self) }

    public static func < (l: Role, r: Role) -> Bool {
        allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
    }
}

/// Where an account stands. Registration is not membership: a new account is `pending`
/// until an admin or a focal point of its country vets it.
public enum AccountStatus: String, CaseIterable, Codable, Sendable {
    case pending, active, rejected, disabled
    public var labelKey: String { "account.status.\(rawValue)" }
}

/// Kinds of organisation an applicant can belong to.
public enum OrganisationType: String, CaseIterable, Codable, Sendable {
    case government, international, academic, civilSociety, privateSector, media, other
    public var labelKey: String { "organisation.\(rawValue)" }
}
