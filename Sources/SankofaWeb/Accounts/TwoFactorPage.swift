/// `account/two-factor`: the second factor's state; when off, the secret the server made for an
/// authenticator app, confirmed with the password and a first code; once on, recovery codes
/// (shown once), new ones on demand, and switching off where the roles allow.
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
    var codesAction: String
}
