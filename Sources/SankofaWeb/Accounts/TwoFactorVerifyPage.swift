/// `account/two-factor-verify`: the second step of sign-in, asking for a code.
struct TwoFactorVerifyPage: Encodable, Sendable {
    var heading: String
    var intro: String
    var action: String
    var message: String?
}
