import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The account page: status (and what happens next), the account's details, its live sessions.
struct AccountPage: Encodable, Sendable {
    struct SessionItem: Encodable, Sendable {
        var id: String
        var started: String
        var lastSeen: String
        var ip: String
        var device: String
        var current: Bool
    }

    var heading: String
    var status: String
    var statusNote: String
    var details: [PracticeShow.Fact]
    var sessions: [SessionItem]
    var endHref: String
    var endAllHref: String
    var logoutHref: String
    var twoFactorHref: String
    var passwordHref: String
    var emailHref: String
    var exportHref: String
    var deleteHref: String
    /// The member's API tokens page; nil for an account that may not make tokens.
    var tokensHref: String?
    var twoFactorStatus: String
    /// Set when a role of the account needs a second factor not yet set up.
    var twoFactorNotice: String?

    init(user: UserModel, current: SessionRecord, sessions: [SessionRecord], language: Language, request: Request) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        func time(_ seconds: Int) -> String {
            DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(seconds)), language)
        }
        heading = t("account.heading")
        status = t(user.accountStatus.labelKey)
        statusNote = switch user.accountStatus {
        case .pending: t("account.pending.note")
        case .active: t("account.active.note")
        case .rejected: t("account.rejected.note", ["reason": user.decisionReason ?? ""])
        case .disabled: t("account.disabled.note")
        }
        details = [
            .init(label: t("account.name"), values: [user.name]),
            .init(label: t("account.email"), values: [user.email + (user.emailVerifiedAt == nil ? " (\(t("account.email.unverified")))" : "")]),
            .init(label: t("account.country"), values: [Countries.name(of: user.country, in: language)]),
            .init(label: t("account.organisation"), values: [user.organisation]),
            .init(label: t("account.roles"), values: user.roleSet.sorted().map { t($0.labelKey) }),
        ].filter { !$0.values.isEmpty }
        self.sessions = sessions.map {
            SessionItem(id: String($0.tokenHash.prefix(16)), started: time($0.createdAt), lastSeen: time($0.lastSeenAt),
                        ip: $0.ip, device: String($0.userAgent.prefix(80)), current: $0.tokenHash == current.tokenHash)
        }
        endHref = SiteURL.endSession(language).path
        endAllHref = SiteURL.endAllSessions(language).path
        logoutHref = SiteURL.logout(language).path
        twoFactorHref = SiteURL.twoFactor(language).path
        passwordHref = SiteURL.password(language).path
        emailHref = SiteURL.emailChange(language).path
        exportHref = SiteURL.personalData(language).path
        deleteHref = SiteURL.deleteAccount(language).path
        tokensHref = AccessPolicy.allows(request.actor, .indicators(.manageOwnTokens)) ? SiteURL.apiTokens(language).path : nil
        twoFactorStatus = t(user.twoFactorEnabled ? "twofactor.on" : "twofactor.off")
        twoFactorNotice = user.needsTwoFactor ? t("twofactor.required") : nil
    }
}
