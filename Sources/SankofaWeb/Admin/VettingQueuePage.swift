import SankofaCore
import SankofaStore
import Vapor

/// `admin/vetting`: the applicants a vetter may decide on, the longest waiting first, each with
/// what they told about themselves and the approve/reject form.
struct VettingQueuePage: Encodable, Sendable {
    struct Applicant: Encodable, Sendable {
        var id: String
        var name: String
        var facts: [PracticeShow.Fact]
        var motivation: String
        var waiting: String
        var action: String
        /// Only a verified address can be accepted: until then the page says so and offers no Accept.
        var verified: Bool
    }
    var heading: String
    var summary: String
    var applicants: [Applicant]
    /// Set after a decision, so the vetter sees it was taken, or a refusal of it.
    var message: String?

    init(pending: [UserModel], message: String?, language: Language, request: Request) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let catalogs = request.application.catalogs
        heading = t("vetting.heading")
        summary = catalogs.plural("vetting.count", count: pending.count, language)
        applicants = pending.map { user in
            let days = max(0, (request.now - Int(user.createdAt?.timeIntervalSince1970 ?? 0)) / 86_400)
            return Applicant(
                id: user.id?.uuidString ?? "", name: user.name,
                facts: [
                    .init(label: t("account.email"), values: [user.email]),
                    .init(label: t("vetting.emailStatus"), values: [t(user.emailVerifiedAt == nil ? "vetting.emailUnverified" : "vetting.emailVerified")]),
                    .init(label: t("account.country"), values: [Countries.name(of: user.country, in: language)]),
                    .init(label: t("account.organisation"), values: [user.organisation + " · " + t(OrganisationType(rawValue: user.organisationType)?.labelKey ?? "")]),
                    .init(label: t("account.position"), values: [user.position]),
                ],
                motivation: user.motivation,
                waiting: catalogs.plural("vetting.waiting", count: days, language),
                action: SiteURL.vet(language, user: user.id?.uuidString ?? "").path, verified: user.emailVerifiedAt != nil)
        }
        self.message = message.map { t($0) }
    }
}
