/// `account/verify-email`: the page a verification link opens, with the button that confirms.
struct VerifyEmailPage: Encodable, Sendable {
    var heading: String
    var intro: String
    var action: String
    var submit: String
}
