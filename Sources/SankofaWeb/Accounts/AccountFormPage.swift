import Vapor

/// `account/form`: a short form of the account pages (registration, sign-in, password reset and
/// change, contacting an expert), with a message above and links below.
struct AccountFormPage: Encodable, Sendable {
    var heading: String
    var intro: String?
    var action: String
    var fields: [FormField]
    var submit: String
    var message: String?
    var links: [Layout.Link]
    /// A page with no fields (a confirmation) shows no form.
    var hasFields: Bool { !fields.isEmpty }

    enum CodingKeys: String, CodingKey { case heading, intro, action, fields, submit, message, links, hasFields }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(heading, forKey: .heading)
        try c.encodeIfPresent(intro, forKey: .intro)
        try c.encode(action, forKey: .action)
        try c.encode(fields, forKey: .fields)
        try c.encode(submit, forKey: .submit)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(links, forKey: .links)
        try c.encode(hasFields, forKey: .hasFields)
    }
}
