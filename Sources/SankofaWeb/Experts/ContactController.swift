import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Members write to an expert without ever seeing the address: the message is stored, queued
/// for mail to the expert, and rate-limited per sender and per expert. Focal points endorse
/// experts of their own country here too.
struct ContactController: RouteCollection {
    /// Per sender overall, per sender and expert, and per expert: the last is high enough that a
    /// few senders cannot silence an expert by using up their quota.
    static let perSender = RateLimiter.Limit(5, per: 3600)
    static let perPair = RateLimiter.Limit(3, per: 24 * 3600)
    static let perExpert = RateLimiter.Limit(50, per: 24 * 3600)
    static let maxSubject = 200
    static let maxBody = 5_000

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.expertContact, use: form)
        routes.post(.expertContact, use: send)
        routes.post(.expertEndorse, use: endorse)
        routes.post(.expertWithdraw, use: withdraw)
    }

    struct MessageForm: FormInput {
        var subject: String
        var message: String
        init(_ body: FormBody) {
            subject = FormText.clean(body.text("subject"), limit: ContactController.maxSubject)
            message = FormText.clean(body.text("message"), limit: ContactController.maxBody)
        }
    }

    /// The profile the reader may see and write to; a 404 for anything hidden, and for the
    /// profile of a disabled account.
    func recipient(_ request: Request) async throws -> ExpertDirectory.Entry {
        try await request.require(.contactExpert)
        return try await ExpertDirectory.entry(request)
    }

    func page(_ request: Request, _ language: Language, _ entry: ExpertDirectory.Entry, subject: String = "", body: String = "",
              errors: FormErrors = .init(), message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let slug = entry.view.slug
        var fields = message == nil ? [
            FormField("subject", label: request.t("contact.subject", language), value: subject, maxLength: Self.maxSubject),
            FormField("message", label: request.t("contact.message", language), value: body, maxLength: Self.maxBody,
                      hint: request.t("contact.hint", language), textArea: true),
        ] : []
        errors.apply(to: &fields, request, language)
        let page = AccountFormPage(
            heading: request.t("contact.heading", language, ["name": entry.view.name]),
            intro: entry.stored.contactEmail == nil ? request.t("contact.unreachable", language) : request.t("contact.intro", language),
            action: SiteURL.expertContact(language, slug: slug).path,
            fields: entry.stored.contactEmail == nil ? [] : fields, submit: request.t("contact.send", language),
            message: message, links: [.init(href: SiteURL.expert(language, slug: slug).path, label: request.t("contact.back", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .experts, status: status)
    }

    func form(_ request: Request) async throws -> Response {
        let language = try request.language()
        return try await page(request, language, try await recipient(request))
    }

    func send(_ request: Request) async throws -> Response {
        let language = try request.language()
        let entry = try await recipient(request)
        guard let recipient = entry.stored.contactEmail, let sender = request.user else { throw Abort(.notFound) }
        let form = try request.form(MessageForm.self)
        let subject = form.subject, body = form.message
        var errors = FormErrors()
        errors.check(!subject.isEmpty, "subject", "error.required")
        errors.check(subject.count <= Self.maxSubject, "subject", "error.tooLong")
        errors.check(!body.isEmpty, "message", "error.required")
        errors.check(body.count <= Self.maxBody, "message", "error.tooLong")
        guard errors.isEmpty else {
            return try await page(request, language, entry, subject: subject, body: body, errors: errors, status: .unprocessableEntity)
        }
        try await Limits.check(request, "contact:sender:\(try sender.requireID())", Self.perSender)
        try await Limits.check(request, "contact:pair:\(try sender.requireID()):\(entry.stored.id)", Self.perPair)
        try await Limits.check(request, "contact:expert:\(entry.stored.id)", Self.perExpert)
        // The expert reads it in their own language when they have an account, else the profile's.
        let messages = ContactMessages(database: request.db)
        let mailLanguage = try await messages.mailLanguage(of: entry.stored)
        let mail = Outbox.Mail(
            to: recipient, subject: request.t("mail.contact.subject", mailLanguage, ["subject": subject]),
            body: request.t("mail.contact.body", mailLanguage, [
                "name": sender.name, "organisation": sender.organisation,
                "country": Countries.name(of: sender.country, in: mailLanguage), "email": sender.email, "message": body,
            ]))
        do {
            try await messages.send(to: entry.stored.id, from: sender.id, subject: subject, body: body, mail: mail,
                                    audit: request.auditEntry("expert.contacted", target: entry.view.slug, user: sender), now: request.now)
        } catch ContactMessages.Refusal.notListed {
            // Disabled since the form was read: refused, like a profile that does not exist.
            throw Abort(.notFound)
        }
        return try await page(request, language, entry, message: request.t("contact.sent", language))
    }

    func endorse(_ request: Request) async throws -> Response {
        try await changeEndorsement(request, withdraw: false)
    }

    func withdraw(_ request: Request) async throws -> Response {
        try await changeEndorsement(request, withdraw: true)
    }

    /// Only a focal point of the expert's own country may endorse, never themselves. The country
    /// must be one the focal point may see on the profile: a refusal must not reveal a hidden one.
    func changeEndorsement(_ request: Request, withdraw: Bool) async throws -> Response {
        let language = try request.language()
        let entry = try await ExpertDirectory.entry(request), slug = entry.view.slug
        guard let country = entry.view.country else {
            try await request.require(.endorse(expertCountry: ""))   // visitors to sign in, everyone else refused alike
            throw Abort(.forbidden)
        }
        try await request.require(.endorse(expertCountry: country))
        guard let user = request.user, let userID = user.id, entry.stored.userID != userID else { throw Abort(.forbidden) }
        let store = ExpertStore(database: request.db)
        let own = try await store.find(owner: userID)
        if withdraw {
            try await store.withdrawEndorsement(entry.stored.id, byUser: userID, byExpert: own?.id)
        } else {
            try await store.endorse(entry.stored.id, byExpert: own?.id, byUser: userID, country: country)
        }
        try await AuditLog(database: request.db).record(request.auditEntry(withdraw ? "expert.endorsement_withdrawn" : "expert.endorsed",
                                                                           target: slug, user: user))
        return request.redirect(to: SiteURL.expert(language, slug: slug).path, redirectType: .normal)
    }
}
