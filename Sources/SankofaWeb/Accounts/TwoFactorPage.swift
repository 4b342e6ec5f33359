/// `account/two-factor`: the second factor's state; when off, a new secret to add to an
/// authenticator app and confirm with a first code; once on, recovery codes shown once.
struct TwoFactorPage: Encodable, Sendable {
    var heading: String
    var enabled: Bool
    var secret: String?
    var uri: String?
    var codes: [String]
    var remaining: String?
    var canDisable: Bool
    var message: String?
    var action: String
    var disableAction: String
}
