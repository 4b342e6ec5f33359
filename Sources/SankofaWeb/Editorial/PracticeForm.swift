import SankofaCore

/// The practice form: every field of a practice, in its original language. Lists are one item a
/// line; sources are "title | address" lines. Nothing typed is lost when the form comes back with errors.
struct PracticeForm: FormInput {
    var originalLanguage = ""
    var countries: [String] = []
    var leadCountry = ""
    var implementingOrganisations = ""
    var partners = ""
    var funders = ""
    var startYear = ""
    var endYear = ""
    var pillars: [String] = []
    var themes: [String] = []
    var maturity = ""
    var evidenceLevel = ""
    var sources = ""
    var title = ""
    var summary = ""
    var context = ""
    var approach = ""
    var results = ""
    var lessons = ""
    var transferConditions = ""
    var expansionPotential = ""
    var safeguards = ""
    var targetGroups = ""
    /// Which button was pressed: "submit" sends the practice to the editors, anything else saves a draft.
    var action = ""

    init(_ body: FormBody) {
        originalLanguage = body.text("originalLanguage")
        countries = body.values("countries[]")
        leadCountry = body.text("leadCountry")
        implementingOrganisations = body.text("implementingOrganisations")
        partners = body.text("partners")
        funders = body.text("funders")
        startYear = body.text("startYear")
        endYear = body.text("endYear")
        pillars = body.values("pillars[]")
        themes = body.values("themes[]")
        maturity = body.text("maturity")
        evidenceLevel = body.text("evidenceLevel")
        sources = body.text("sources")
        title = body.text("title")
        summary = body.text("summary")
        context = body.text("context")
        approach = body.text("approach")
        results = body.text("results")
        lessons = body.text("lessons")
        transferConditions = body.text("transferConditions")
        expansionPotential = body.text("expansionPotential")
        safeguards = body.text("safeguards")
        targetGroups = body.text("targetGroups")
        action = body.text("action")
    }

    static func lines(_ text: String) -> [String] {
        FormText.clean(text, limit: 5000).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var text: PracticeText {
        PracticeText(
            title: FormText.clean(title, limit: PracticeValidation.maxTitle), summary: FormText.clean(summary, limit: 20_000),
            context: FormText.clean(context, limit: 20_000), approach: FormText.clean(approach, limit: 20_000),
            results: FormText.clean(results, limit: 20_000), lessons: FormText.clean(lessons, limit: 20_000),
            transferConditions: FormText.clean(transferConditions, limit: 20_000),
            expansionPotential: FormText.clean(expansionPotential, limit: 20_000),
            safeguards: FormText.clean(safeguards, limit: 20_000), targetGroups: FormText.clean(targetGroups, limit: 2000))
    }

    /// The record the form describes, and the problems found on the way (unknown values, bad years).
    func record(slug: String, status: PracticeStatus, keeping existing: PracticeRecord?) -> (PracticeRecord, FormErrors) {
        var errors = FormErrors()
        let language = Language(rawValue: originalLanguage) ?? existing?.originalLanguage ?? .en
        errors.check(Language(rawValue: originalLanguage) != nil, "originalLanguage", "error.choice")
        func year(_ text: String, _ field: String) -> Int? {
            let clean = FormText.clean(text, limit: 10)
            guard !clean.isEmpty else { return nil }
            guard let value = Int(clean) else { errors.byField[field] = "error.year"; return nil }
            return value
        }
        let sourceList = Self.lines(sources).map { line -> PracticeSource in
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? PracticeSource(title: parts[0], url: parts[1]) : PracticeSource(title: line, url: "")
        }
        var translations = existing?.translations ?? [:]
        translations[language] = text
        let record = PracticeRecord(
            slug: slug, status: status, originalLanguage: language,
            countries: countries.map { FormText.clean($0, limit: 2).uppercased() }.filter { !$0.isEmpty },
            leadCountry: FormText.clean(leadCountry, limit: 2).uppercased(),
            implementingOrganisations: Self.lines(implementingOrganisations), partners: Self.lines(partners), funders: Self.lines(funders),
            startYear: year(startYear, "startYear"), endYear: year(endYear, "endYear"),
            pillars: pillars.compactMap { Int($0).flatMap(Pillar.init(rawValue:)) },
            themes: themes.compactMap(Theme.init(rawValue:)),
            maturity: Maturity(rawValue: maturity) ?? .piloted,
            evidenceLevel: EvidenceLevel(rawValue: evidenceLevel) ?? .none,
            sources: sourceList, lastReviewed: existing?.lastReviewed, translations: translations)
        errors.check(Maturity(rawValue: maturity) != nil, "maturity", "error.choice")
        errors.check(EvidenceLevel(rawValue: evidenceLevel) != nil, "evidenceLevel", "error.choice")
        for issue in PracticeValidation.issues(in: record) where issue.field != "slug" {
            let field = issue.field.hasPrefix("sources") ? "sources" : (issue.field == "translations" ? "title" : issue.field)
            errors.check(false, field, issue.reason)
        }
        return (record, errors)
    }

    /// A form filled from a stored record (editing).
    init(record: PracticeRecord) {
        let text = record.original ?? PracticeText(title: "")
        originalLanguage = record.originalLanguage.rawValue
        countries = record.countries
        leadCountry = record.leadCountry
        implementingOrganisations = record.implementingOrganisations.joined(separator: "\n")
        partners = record.partners.joined(separator: "\n")
        funders = record.funders.joined(separator: "\n")
        startYear = record.startYear.map(String.init) ?? ""
        endYear = record.endYear.map(String.init) ?? ""
        pillars = record.pillars.map { String($0.rawValue) }
        themes = record.themes.map(\.rawValue)
        maturity = record.maturity.rawValue
        evidenceLevel = record.evidenceLevel.rawValue
        sources = record.sources.map { "\($0.title) | \($0.url)" }.joined(separator: "\n")
        title = text.title
        summary = text.summary
        context = text.context
        approach = text.approach
        results = text.results
        lessons = text.lessons
        transferConditions = text.transferConditions
        expansionPotential = text.expansionPotential
        safeguards = text.safeguards
        targetGroups = text.targetGroups
    }

    init(language: Language) {
        originalLanguage = language.rawValue
    }
}
