import SankofaCore
import SankofaStore
import Vapor

/// The request form as typed: every value kept as sent (so that nothing is lost when the page
/// comes back with errors), checked on the server by ``errors()`` and ``RequestValidation``.
struct RequestForm: FormInput {
    var title: String
    var need: String
    var language: String
    var beneficiaryCountry: String
    var beneficiaryInstitution: String
    var themes: [String]
    var pillars: [String]
    var supportKinds: [String]
    /// ISO 639-1 codes separated by commas or spaces ("en, fr, sw").
    var workingLanguages: String
    var modality: String
    var startsOn: String
    var endsOn: String
    var beneficiaryContribution: String
    var visibility: String
    /// The button pressed: `submit` files the request for endorsement, anything else saves.
    var action: String

    init(_ body: FormBody) {
        title = FormText.clean(body.text("title"), limit: RequestValidation.maxTitle)
        need = FormText.clean(body.text("need"), limit: RequestValidation.needLength.upperBound)
        language = body.text("language")
        beneficiaryCountry = String(body.text("beneficiaryCountry").prefix(10))
        beneficiaryInstitution = FormText.clean(body.text("beneficiaryInstitution"), limit: RequestValidation.maxInstitution)
        themes = Array(body.values("themes[]").prefix(100))
        pillars = Array(body.values("pillars[]").prefix(100))
        supportKinds = Array(body.values("supportKinds[]").prefix(100))
        workingLanguages = FormText.clean(body.text("workingLanguages"), limit: 200)
        modality = body.text("modality")
        startsOn = String(body.text("startsOn").prefix(20))
        endsOn = String(body.text("endsOn").prefix(20))
        beneficiaryContribution = FormText.clean(body.text("beneficiaryContribution"), limit: RequestValidation.maxText)
        visibility = body.text("visibility")
        action = body.text("action")
    }

    /// The empty form of a new request: in the writer's language, for their country when it is Southern.
    init(language: Language, country: String?) {
        title = ""; need = ""; beneficiaryInstitution = ""; beneficiaryContribution = ""
        self.language = language.rawValue
        beneficiaryCountry = country.map { SouthernCountries.codes.contains($0) ? $0 : "" } ?? ""
        themes = []; pillars = []; supportKinds = []
        workingLanguages = language.rawValue
        modality = RequestModality.hybrid.rawValue
        startsOn = ""; endsOn = ""
        visibility = RequestVisibility.staff.rawValue
        action = ""
    }

    /// The form holding a stored request, to be edited.
    init(_ record: RequestRecord) {
        title = record.title
        need = record.need
        language = record.language.rawValue
        beneficiaryCountry = record.beneficiaryCountry
        beneficiaryInstitution = record.beneficiaryInstitution
        themes = record.themes.map(\.rawValue)
        pillars = record.pillars.map { String($0.rawValue) }
        supportKinds = record.supportKinds.map(\.rawValue)
        workingLanguages = record.workingLanguages.joined(separator: ", ")
        modality = record.modality.rawValue
        startsOn = record.startsOn ?? ""
        endsOn = record.endsOn ?? ""
        beneficiaryContribution = record.beneficiaryContribution
        visibility = record.visibility.rawValue
        action = ""
    }

    var workingLanguageCodes: [String] {
        workingLanguages.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map { $0.lowercased() }
    }

    /// The record the form describes, when every choice is one of the offered values (else nil,
    /// and ``errors()`` says which field). `lenient` leaves unknown choices out instead, so that the
    /// record's own rules can still be checked on the other fields.
    func record(lenient: Bool = false) -> RequestRecord? {
        let language = Language(rawValue: language), modality = RequestModality(rawValue: modality)
        let visibility = RequestVisibility(rawValue: visibility)
        let themes = themes.compactMap(Theme.init(rawValue:)), pillars = pillars.compactMap { Int($0).flatMap(Pillar.init(rawValue:)) }
        let kinds = supportKinds.compactMap(SupportKind.init(rawValue:))
        let complete = language != nil && modality != nil && visibility != nil
            && themes.count == self.themes.count && pillars.count == self.pillars.count && kinds.count == supportKinds.count
        guard complete || lenient else { return nil }
        return RequestRecord(title: title, need: need, language: language ?? .en, beneficiaryCountry: beneficiaryCountry,
                             beneficiaryInstitution: beneficiaryInstitution, themes: unique(themes), pillars: unique(pillars),
                             supportKinds: unique(kinds), workingLanguages: workingLanguageCodes, modality: modality ?? .hybrid,
                             startsOn: startsOn.isEmpty ? nil : startsOn, endsOn: endsOn.isEmpty ? nil : endsOn,
                             beneficiaryContribution: beneficiaryContribution, visibility: visibility ?? .staff)
    }

    private func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Choices outside the offered values, then the record's own rules, each on its field.
    func errors() -> FormErrors {
        var errors = FormErrors()
        errors.check(Language(rawValue: language) != nil, "language", "error.choice")
        errors.check(themes.allSatisfy { Theme(rawValue: $0) != nil }, "themes", "error.choice")
        errors.check(pillars.allSatisfy { Int($0).flatMap(Pillar.init(rawValue:)) != nil }, "pillars", "error.choice")
        errors.check(supportKinds.allSatisfy { SupportKind(rawValue: $0) != nil }, "supportKinds", "error.choice")
        errors.check(RequestModality(rawValue: modality) != nil, "modality", "error.choice")
        errors.check(RequestVisibility(rawValue: visibility) != nil, "visibility", "error.choice")
        if let record = record(lenient: true) { errors.check(RequestValidation.issues(in: record)) }
        return errors
    }
}
