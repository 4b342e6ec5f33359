/// Indicators, the annual report, open data and API tokens, decided with the rest in
/// ``AccessPolicy`` (``Permission/indicators(_:)``).
public enum IndicatorPermission: Sendable, Equatable {
    /// Read an indicator's figures exactly, small ones included: figures of records
    /// (``IndicatorSensitivity/aggregate``) members and staff; figures of people staff only.
    /// Everyone else reads them through ``IndicatorSuppression``.
    case readExact(IndicatorSensitivity)
    /// Build an annual report, read it before publication and publish it: staff.
    case buildAnnualReport
    /// Create, list and revoke one's own API tokens: vetted members.
    case manageOwnTokens
    /// Give a new token `scope`: public reads any member; member-level directory reads vetted
    /// members (partner organisations' accounts are members too).
    case grantTokenScope(APITokenScope)
    /// See and revoke every member's tokens (not their secrets): admins.
    case manageAllTokens
}

/// What an API token may read. A token never writes and never reads more than its owner could.
public enum APITokenScope: String, CaseIterable, Codable, Sendable {
    /// Public data at the token's higher rate limit.
    case publicRead = "public:read"
    /// The directory as a vetted member reads it (member-level profile fields).
    case directoryRead = "directory:read"

    public var labelKey: String { "tokens.scope.\(rawValue)" }
}

extension AccessPolicy {
    static func allows(_ actor: Actor, indicators permission: IndicatorPermission) -> Bool {
        switch permission {
        case .readExact(.aggregate):
            return actor.isMember
        case .readExact(.people), .buildAnnualReport:
            return actor.isMember && isStaff(actor)
        case .manageOwnTokens, .grantTokenScope:
            return actor.isMember
        case .manageAllTokens:
            return actor.isMember && actor.has(.admin)
        }
    }
}
