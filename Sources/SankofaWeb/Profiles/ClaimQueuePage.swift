import SankofaCore
import SankofaStore
import Vapor

/// `admin/claims`: the members' claims of profiles editors made, the longest waiting first, each
/// with who asks, for which profile, and the confirm/decline form.
struct ClaimQueuePage: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var slug: String
        var profile: String
        var profileHref: String
        var facts: [PracticeShow.Fact]
        var waiting: String
        var action: String
    }
    var heading: String
    var intro: String
    var items: [Item]
    var empty: String?
    /// Set after a decision, so the reader sees it was taken, or a refusal of it.
    var message: String?

    init(claims: [ProfileClaims.Claim], message: String?, language: Language, request: Request) {
        func t(_ key: String) -> String { request.t(key, language) }
        heading = t("claims.heading")
        intro = t("claims.intro")
        items = claims.map { claim in
            let days = max(0, (request.now - claim.requestedAt) / 86_400)
            return Item(
                slug: claim.slug, profile: claim.profileName, profileHref: SiteURL.expert(language, slug: claim.slug).path,
                facts: [.init(label: t("claims.member"), values: [claim.userName]),
                        .init(label: t("account.email"), values: [claim.userEmail]),
                        .init(label: t("account.country"), values: [Countries.name(of: claim.country, in: language)])],
                waiting: request.application.catalogs.plural("vetting.waiting", count: days, language),
                action: SiteURL.decideClaim(language, slug: claim.slug).path)
        }
        empty = claims.isEmpty ? t("claims.empty") : nil
        self.message = message.map { t($0) }
    }
}
