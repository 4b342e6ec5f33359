import Foundation
import SankofaCore
import SankofaStore
import Vapor

extension ExchangeShow {
    /// The page as `access`'s reader may see it.
    static func make(_ access: ExchangeAccess, _ request: Request, _ language: Language) async throws -> ExchangeShow {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { request.t(key, language, values) }
        let facts = access.facts, id = facts.id
        guard let record = try await Exchanges(database: request.db).record(id) else { throw Abort(.notFound) }
        let members = access.seesSummary, details = access.seesDetails
        let manages = access.allows(.manageExchange(access.standing))
        var countries: [ExchangeSide: [String]] = [:]
        for party in facts.parties where !(countries[party.side] ?? []).contains(party.country) { countries[party.side, default: []].append(party.country) }

        var shownFacts = [Fact(label: t("exchange.field.type"), value: t(facts.type.labelKey))]
        if members { shownFacts.append(Fact(label: t("exchange.field.status"), value: t(facts.status.labelKey))) }
        shownFacts.append(Fact(label: t("exchange.field.dates"), value: ExchangeCard.dates(facts.startsOn, facts.endsOn, language)))
        if let scope = ExchangeCard.scope(facts.scope, triangular: facts.triangular, request, language) {
            shownFacts.append(Fact(label: t("exchange.field.scope"), value: scope))
        }
        for side in ExchangeSide.allCases {
            guard let codes = countries[side] else { continue }
            shownFacts.append(Fact(label: t(side.labelKey), value: codes.map { Countries.name(of: $0, in: language) }.joined(separator: ", ")))
        }
        shownFacts.append(Fact(label: t("exchange.field.themes"), value: record.themes.map { t($0.labelKey) }.joined(separator: ", ")))
        if members {
            if !record.pillars.isEmpty {
                shownFacts.append(Fact(label: t("exchange.field.pillars"), value: record.pillars.map { t($0.labelKey) }.joined(separator: "; ")))
            }
            shownFacts.append(Fact(label: t("exchange.field.place"), value: record.online ? t("exchange.online.yes") : record.place))
            shownFacts.append(Fact(label: t("exchange.public.label"), value: t(facts.publicSummary ? "exchange.public.yes" : "exchange.public.no")))
        }

        var page = ExchangeShow(
            heading: members ? record.title : ExchangeCard.summaryHeading(type: facts.type, countries: countries, request, language),
            lang: members && record.language != language ? record.language.rawValue : nil,
            dir: members && record.language != language ? record.language.direction : nil,
            notice: members ? nil : t("exchange.publicNotice"), demo: record.demo, done: nil, facts: shownFacts,
            description: members && !record.description.isEmpty ? record.description : nil,
            parties: [], partiesHeading: t("exchange.parties"), links: [], linksHeading: t("exchange.links"),
            history: [], historyHeading: t("exchange.history"), tools: [], statusForm: nil, agreements: [],
            agreementHeading: t("exchange.agreement.heading"), agreementIntro: t("exchange.agreement.intro"),
            contributions: nil, reports: nil, backHref: SiteURL.exchanges(language).path, backLabel: t("exchange.all"))
        if let code = try? request.query.get(String.self, at: "done"), ["edited", "status", "agreed", "withdrawn"].contains(code) {
            page.done = t("exchange.done.\(code)")
        }
        guard members else { return page }
        page.parties = try await parties(record, centreIDs: facts.parties.compactMap(\.centreID), details: details, request, language)
        if details {
            page.links = try await links(record, request, language)
            page.history = try await Exchanges(database: request.db).history(id).map { history($0, request, language) }
        }
        if manages {
            page.tools.append(.init(href: SiteURL.exchangeEdit(language, id: id).path, label: t("exchange.edit")))
            page.statusForm = StatusForm(
                action: SiteURL.exchangeStatus(language, id: id).path,
                choices: ExchangeStatus.allCases.filter { $0 != facts.status }.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: false) },
                label: t("exchange.status.new"), noteLabel: t("exchange.status.note"), button: t("exchange.status.change"))
        }
        for side in [ExchangeSide.provider, .beneficiary] {
            let agreedAt = facts.agreedAt(side)
            var agreement = Agreement(side: t(side.labelKey), sideValue: side.rawValue, state: agreedAt.map {
                t("exchange.agreement.given", ["date": DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval($0)), language)])
            } ?? t("exchange.agreement.notGiven"))
            if access.allows(.agreeToPublicSummary(side, access.standing)) {
                agreement.action = SiteURL.exchangeAgree(language, id: id).path
                agreement.value = agreedAt == nil ? "yes" : "no"
                agreement.button = t(agreedAt == nil ? "exchange.agreement.agree" : "exchange.agreement.withdraw", ["side": t(side.labelKey)])
            }
            page.agreements.append(agreement)
        }
        page.contributions = try await ContributionsSection.model(exchange: facts, standing: access.standing, request: request, language: language)
        page.reports = try await ReportsSection.model(exchange: facts, standing: access.standing, request: request, language: language)
        return page
    }

    /// Countries and institutions for members; the named experts and centres for the details' readers.
    /// The centres' names come in one read (``RequestMatches/targets(_:audience:language:)``), not one per party.
    private static func parties(_ record: ExchangeRecord, centreIDs: [UUID], details: Bool, _ request: Request,
                                _ language: Language) async throws -> [Party] {
        let names = details ? try await ExpertStore(database: request.db).names(slugs: record.parties.compactMap(\.expert)) : [:]
        var centres: [String: String] = [:]
        if details, !centreIDs.isEmpty {
            let found = try await RequestMatches(database: request.db)
                .targets(centreIDs.map { (.centre, $0.uuidString) }, audience: .member, language: language)
            for target in found.values where target.kind == .centre { centres[target.slug] = target.name }
        }
        var result: [Party] = []
        for party in record.parties {
            var shown = Party(side: request.t(party.side.labelKey, language), country: Countries.name(of: party.country, in: language),
                              institution: party.institution.isEmpty ? nil : party.institution)
            if details, let slug = party.expert, let name = names[slug] {
                shown.expert = .init(href: SiteURL.expert(language, slug: slug).path, label: name)
            }
            if details, let slug = party.centre, let name = centres[slug] {
                shown.centre = .init(href: SiteURL.centre(language, slug: slug).path, label: name)
            }
            result.append(shown)
        }
        return result
    }

    private static func links(_ record: ExchangeRecord, _ request: Request, _ language: Language) async throws -> [Layout.Link] {
        let practices = try await RequestMatches(database: request.db).targets(record.practices.map { (.practice, $0) }, audience: .member, language: language)
        var links = record.practices.compactMap { slug in
            practices[RequestMatches.key(.practice, slug)].map { Layout.Link(href: SiteURL.practice(language, slug: slug).path, label: $0.name) }
        }
        for slug in record.courses {
            guard let course = try await CourseStore(database: request.db).find(slug: slug) else { continue }
            let title = course.record.translations.resolve(language, original: course.record.originalLanguage)?.value.title ?? slug
            links.append(.init(href: SiteURL.course(language, slug: slug).path, label: title))
        }
        return links
    }

    private static func history(_ event: Exchanges.Event, _ request: Request, _ language: Language) -> HistoryLine {
        let who = event.actorName ?? request.t("notification.someone", language)
        let text: String
        switch event.kind {
        case "status":
            text = request.t("exchange.event.status", language, ["who": who, "from": event.from.map { request.t($0.labelKey, language) } ?? "",
                                                                  "to": event.to.map { request.t($0.labelKey, language) } ?? ""])
        case "agreed", "withdrew":
            let side = ExchangeSide(rawValue: event.note).map { request.t($0.labelKey, language) } ?? event.note
            text = request.t("exchange.event.\(event.kind)", language, ["who": who, "side": side])
        case "created", "edited", "editedSummary":
            text = request.t("exchange.event.\(event.kind)", language, ["who": who])
        default:
            // Contributions (C4's kinds) write their own lines in the history.
            text = Contributions.EventKind(rawValue: event.kind).map { request.t($0.labelKey, language) + " · " + who }
                ?? request.t("exchange.event.other", language, ["who": who])
        }
        let note = event.kind == "status" && !event.note.isEmpty ? event.note : nil
        return HistoryLine(when: DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(event.at)), language), text: text, note: note)
    }
}
