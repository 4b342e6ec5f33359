import SankofaCore
import SankofaStore
import Vapor

/// The exchange form as posted. Parties are numbered rows (`party1.side`, `party1.country`, …)
/// so that each field has its own label and id and the form works without JavaScript: the page
/// always offers two empty rows more than are filled, a row without a country is left out, and
/// saving (or an error) brings two more.
struct ExchangeForm: FormInput {
    struct Row: Sendable, Equatable {
        var side = "", country = "", institution = "", expert = "", centre = ""
        var isBlank: Bool { country.isEmpty && institution.isEmpty && expert.isEmpty && centre.isEmpty }
    }

    static let maxRows = 60
    var title = "", description = "", language = "", type = "", status = "", startsOn = "", endsOn = "", place = ""
    var online = "no"
    var themes: [String] = [], pillars: [String] = []
    var rows: [Row] = []
    var practices = "", courses = ""

    init(_ body: FormBody) {
        title = FormText.clean(body.text("title"), limit: ExchangeValidation.maxTitle)
        description = FormText.clean(body.text("description"), limit: ExchangeValidation.maxText)
        language = body.text("language")
        type = body.text("type")
        status = body.text("status")
        startsOn = FormText.clean(body.text("startsOn"), limit: 20)
        endsOn = FormText.clean(body.text("endsOn"), limit: 20)
        place = FormText.clean(body.text("place"), limit: ExchangeValidation.maxPlace)
        online = body.text("online")
        themes = body.values("themes[]")
        pillars = body.values("pillars[]")
        for index in 1...Self.maxRows where body.has("party\(index).side") {
            func text(_ name: String) -> String { FormText.clean(body.text("party\(index).\(name)"), limit: ExchangeValidation.maxTitle) }
            rows.append(Row(side: body.text("party\(index).side"), country: text("country").uppercased(), institution: text("institution"),
                            expert: text("expert").lowercased(), centre: text("centre").lowercased()))
        }
        practices = FormText.clean(body.text("practices"), limit: 2_000)
        courses = FormText.clean(body.text("courses"), limit: 2_000)
    }

    /// The form of a new exchange: in the writer's language, proposed, a provider and a beneficiary row.
    init(language: Language) {
        self.language = language.rawValue
        status = ExchangeStatus.proposed.rawValue
        rows = [Row(side: ExchangeSide.provider.rawValue), Row(side: ExchangeSide.beneficiary.rawValue)]
    }

    /// The form holding an exchange's values, to be edited.
    init(_ record: ExchangeRecord) {
        title = record.title
        description = record.description
        language = record.language.rawValue
        type = record.type.rawValue
        status = record.status.rawValue
        startsOn = record.startsOn
        endsOn = record.endsOn
        place = record.place
        online = record.online ? "yes" : "no"
        themes = record.themes.map(\.rawValue)
        pillars = record.pillars.map { String($0.rawValue) }
        rows = record.parties.map { Row(side: $0.side.rawValue, country: $0.country, institution: $0.institution,
                                        expert: $0.expert ?? "", centre: $0.centre ?? "") }
        practices = record.practices.joined(separator: " ")
        courses = record.courses.joined(separator: " ")
    }

    /// The record the form describes, or the choices it got wrong (a value no select offers).
    func record(requestID: Int?, demo: Bool) -> (ExchangeRecord?, FormErrors) {
        var errors = FormErrors()
        let language = Language(rawValue: language), type = ExchangeType(rawValue: type)
        let status = ExchangeStatus(rawValue: status)
        errors.check(language != nil, "language", "error.choice")
        errors.check(type != nil, "type", "error.choice")
        errors.check(status != nil, "status", "error.choice")
        errors.check(["yes", "no"].contains(online), "online", "error.choice")
        let themes = themes.compactMap(Theme.init(rawValue:)), pillars = pillars.compactMap { Int($0).flatMap(Pillar.init(rawValue:)) }
        errors.check(themes.count == self.themes.count, "themes", "error.choice")
        errors.check(pillars.count == self.pillars.count, "pillars", "error.choice")
        var parties: [ExchangeParty] = []
        for (index, row) in rows.enumerated() where !row.isBlank {
            guard let side = ExchangeSide(rawValue: row.side) else {
                errors.check(false, "party\(index + 1).side", "error.choice")
                continue
            }
            parties.append(ExchangeParty(side: side, country: row.country, institution: row.institution,
                                         expert: row.expert.isEmpty ? nil : row.expert, centre: row.centre.isEmpty ? nil : row.centre))
        }
        guard let language, let type, let status, errors.isEmpty else { return (nil, errors) }
        return (ExchangeRecord(title: title, description: description, language: language, type: type, status: status,
                               startsOn: startsOn, endsOn: endsOn, place: place, online: online == "yes", themes: themes, pillars: pillars,
                               parties: parties, practices: Self.slugs(practices), courses: Self.slugs(courses),
                               requestID: requestID, demo: demo), errors)
    }

    /// Slugs as typed: separated by spaces, commas or lines.
    static func slugs(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { String($0).lowercased() }
    }

    /// A stored record's issues on the fields of the form: a party's on its row (the issue's
    /// detail starts with the row number), the others on the field they name.
    static func errors(_ issues: [ValidationIssue], rows: [Row]) -> FormErrors {
        var errors = FormErrors()
        let filled = rows.indices.filter { !rows[$0].isBlank }
        for issue in issues {
            guard issue.field == "parties" else { errors.check(false, issue.field, issue.reason); continue }
            let number = Int(issue.detail.prefix { $0.isNumber }) ?? 0
            let row = number > 0 && number <= filled.count ? filled[number - 1] + 1 : 1
            let part = issue.reason == "error.unknownExpert" ? "expert" : issue.reason == "exchange.error.unknownCentre" ? "centre"
                : issue.reason == "error.slug" ? "expert" : number > 0 ? "country" : "side"
            errors.check(false, "party\(row).\(part)", issue.reason)
        }
        return errors
    }
}
