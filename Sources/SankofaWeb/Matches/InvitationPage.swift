import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `matches/invitation.leaf`: one invitation as its invitee sees it. The structured summary of the
/// request (country, themes, kinds of support, languages, modality, dates) is what they were invited
/// on, always shown; the request's own title and text only when its visibility lets invited
/// experts and centres read it (``CooperationPermission/readRequest``).
struct InvitationPage: Encodable, Sendable {
    struct Fact: Encodable, Sendable { var label: String; var value: String }

    var title: String
    var requestTitle: String?
    var need: String?
    var lang: String
    var dir: String
    var requestHref: String?
    var facts: [Fact]
    var state: String
    var invitedOn: String?
    var message: String?
    var answered: String?
    var answerReason: String?
    var answerAction: String?
    var error: String?
    var reason: String
    var done: String?
    var listHref: String

    static func model(_ request: Request, _ language: Language, invitation: RequestMatches.Invitation, record: RequestRecord,
                      readable: Bool, error: String? = nil, reason: String = "") -> InvitationPage {
        let match = invitation.match
        func labels(_ keys: [String]) -> String { keys.map { request.t($0, language) }.joined(separator: request.t("match.listSeparator", language)) }
        var facts = [
            Fact(label: request.t("invitation.country", language), value: Countries.name(of: record.beneficiaryCountry, in: language)),
            Fact(label: request.t("invitation.themes", language), value: labels(record.themes.map(\.labelKey))),
            Fact(label: request.t("invitation.support", language), value: labels(record.supportKinds.map(\.labelKey))),
            Fact(label: request.t("invitation.languages", language),
                 value: record.workingLanguages.map { Language.name(of: $0, in: language) }.joined(separator: request.t("match.listSeparator", language))),
            Fact(label: request.t("invitation.modality", language), value: request.t(record.modality.labelKey, language)),
        ]
        if let start = record.startsOn ?? record.endsOn {
            facts.append(Fact(label: request.t("invitation.dates", language), value: request.dateSpan(from: start, to: record.endsOn ?? start, language)))
        }
        let done = request.query[String.self, at: "done"].flatMap { ["accepted", "declined"].contains($0) ? request.t("invitation.done.\($0)", language) : nil }
        return InvitationPage(
            title: request.t("invitation.title", language), requestTitle: readable ? record.title : nil, need: readable ? record.need : nil,
            lang: record.language.rawValue, dir: record.language.direction,
            requestHref: readable ? SiteURL.request(language, id: invitation.request.id).path : nil, facts: facts,
            state: request.t(match.state.labelKey, language), invitedOn: match.invitedAt.map { MatchesPage.date($0, language) },
            message: match.message, answered: match.answeredAt.map { MatchesPage.date($0, language) }, answerReason: match.answerReason,
            answerAction: match.state == .invited ? SiteURL.invitation(language, match: match.id).path : nil,
            error: error, reason: reason, done: done, listHref: SiteURL.invitations(language).path)
    }
}

/// `matches/invitations.leaf`: the signed-in person's invitations, newest first.
struct InvitationsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var href: String
        var label: String
        var lang: String
        var dir: String
        var state: String
        var invitedOn: String
        var waiting: Bool
    }

    var title: String
    var rows: [Row]
    var pagination: Pagination
}
