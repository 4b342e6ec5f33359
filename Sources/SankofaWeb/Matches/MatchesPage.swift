import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `matches/list.leaf`: a request's explained matches by kind, for its managers (staff and the
/// country's focal point) to pick and invite; and what was picked, invited and answered, which the
/// requester sees too.
struct MatchesPage: Encodable, Sendable {
    struct Suggestion: Encodable, Sendable {
        var name: String
        var lang: String
        var dir: String
        var href: String
        var score: String
        var reasons: [MatchReasonText]
        var kind: String
        var target: String
        /// The state of the match when already picked.
        var picked: String?
    }

    struct KindSection: Encodable, Sendable {
        var id: String
        var heading: String
        var suggestions: [Suggestion]
    }

    struct Picked: Encodable, Sendable {
        var id: Int
        var name: String
        var lang: String
        var dir: String
        var href: String?
        var kind: String
        var state: String
        var score: String
        var reasons: [MatchReasonText]
        var pickedOn: String
        var inviteAction: String?
        /// An expert or centre with no account to answer: reached through the platform's contact form.
        var noAccount: Bool
        var invited: String?
        var message: String?
        var answered: String?
        var answerReason: String?
        var exchangeHref: String?
    }

    var title: String
    var requestTitle: String
    var requestLang: String
    var requestDir: String
    var requestHref: String
    var message: String?
    var error: String?
    var pickAction: String?
    var sections: [KindSection]
    var picked: [Picked]

    static func model(_ request: Request, _ language: Language, access: RequestAccess, ranked: [ScoredMatch], picked: [RequestMatches.Match],
                      targets: [String: RequestMatches.Target], manages: Bool, error: String? = nil) -> MatchesPage {
        let facts = access.facts
        let pickedKeys = Dictionary(picked.map { (RequestMatches.key($0.kind, $0.target), $0.state) }, uniquingKeysWith: { a, _ in a })
        let sections: [KindSection] = manages ? MatchKind.allCases.map { kind in
            KindSection(id: "matches-\(kind.rawValue)", heading: request.t("match.section.\(kind.rawValue)", language),
                        suggestions: ranked.filter { $0.kind == kind }.compactMap { scored in
                let key = RequestMatches.key(kind, scored.target)
                guard let target = targets[key] else { return nil }
                return Suggestion(name: target.name, lang: target.nameLanguage.rawValue, dir: target.nameLanguage.direction,
                                  href: href(target, language), score: NumberFormatting.integer(scored.score, language),
                                  reasons: MatchReasonText.of(scored.reasons, request, language), kind: kind.rawValue, target: scored.target,
                                  picked: pickedKeys[key].map { request.t($0.labelKey, language) })
            })
        } : []
        let rows = picked.map { match -> Picked in
            let target = targets[RequestMatches.key(match.kind, match.target)]
            let name = target?.name ?? request.t("match.unavailable", language)
            let nameLanguage = target?.nameLanguage ?? language
            let invitable = manages && match.kind.isInvitable && match.state == .picked
            return Picked(id: match.id, name: name, lang: nameLanguage.rawValue, dir: nameLanguage.direction,
                          href: target.map { href($0, language) }, kind: request.t(match.kind.labelKey, language),
                          state: request.t(match.state.labelKey, language), score: NumberFormatting.integer(match.score, language),
                          reasons: MatchReasonText.of(match.reasons, request, language),
                          pickedOn: date(match.pickedAt, language),
                          inviteAction: invitable && target?.inviteeID != nil
                              ? SiteURL.requestMatchInvite(language, request: facts.id, match: match.id).path : nil,
                          noAccount: invitable && target != nil && target?.inviteeID == nil,
                          invited: match.invitedAt.map { date($0, language) }, message: match.message,
                          answered: match.answeredAt.map { date($0, language) }, answerReason: match.answerReason,
                          exchangeHref: match.state == .accepted && access.allows(.startExchange(facts.status, access.standing))
                              ? SiteURL.exchangeNew(language, match: match.id).path : nil)
        }
        return MatchesPage(
            title: request.t("match.title", language), requestTitle: facts.title, requestLang: facts.language.rawValue,
            requestDir: facts.language.direction, requestHref: SiteURL.request(language, id: facts.id).path,
            message: doneMessage(request, language), error: error,
            pickAction: manages ? SiteURL.requestMatches(language, request: facts.id).path : nil, sections: sections, picked: rows)
    }

    static func href(_ target: RequestMatches.Target, _ language: Language) -> String {
        switch target.kind {
        case .expert: SiteURL.expert(language, slug: target.slug).path
        case .centre: SiteURL.centre(language, slug: target.slug).path
        case .practice: SiteURL.practice(language, slug: target.slug).path
        case .course: SiteURL.course(language, slug: target.slug).path
        }
    }

    static func date(_ seconds: Int, _ language: Language) -> String {
        DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(seconds)), language)
    }

    static func doneMessage(_ request: Request, _ language: Language) -> String? {
        guard let done = request.query[String.self, at: "done"], ["picked", "invited"].contains(done) else { return nil }
        return request.t("match.done.\(done)", language)
    }
}
