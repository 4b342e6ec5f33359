import SankofaCore
import SankofaStore
import Vapor

/// The course form: every field of a course, its texts in the original language. Read as ordered
/// pairs like the profile form, since languages and themes repeat.
struct CourseForm: Sendable {
    var values: QueryParameters

    init(body: String?) throws { values = try QueryParameters(rawQuery: body) }

    init(record: CourseRecord) {
        let text = record.translations[record.originalLanguage] ?? CourseText(title: "")
        var pairs: [(name: String, value: String)] = [
            ("title", text.title), ("description", text.description), ("eligibility", text.eligibility),
            ("howToApply", text.howToApply), ("originalLanguage", record.originalLanguage.rawValue), ("centre", record.centre ?? ""),
            ("country", record.country), ("modality", record.modality.rawValue), ("location", record.location ?? ""),
            ("startDate", record.startDate), ("endDate", record.endDate), ("seats", record.seats.map(String.init) ?? ""),
            ("costCoverage", record.costCoverage.rawValue), ("applyURL", record.applyURL ?? ""),
        ]
        pairs += record.themes.map { ("themes[]", $0.rawValue) }
        pairs += record.languages.map { ("languages[]", $0) }
        values = QueryParameters(pairs: pairs)
    }

    func text(_ name: String, limit: Int = 200) -> String { FormText.clean(values.first(name), limit: limit) }
    /// Codes of a vocabulary (the longest theme has 30 characters); anything longer matches none.
    func list(_ name: String) -> [String] { values.values(name + "[]").map { FormText.clean($0, limit: 60) } }

    func record(slug: String, keeping existing: CourseRecord?, centres: [CentreRecord]) -> (CourseRecord, FormErrors) {
        var errors = FormErrors()
        let original = Language(rawValue: text("originalLanguage")) ?? .en
        errors.check(Language(rawValue: text("originalLanguage")) != nil, "originalLanguage", "error.choice")
        let modality = Modality(rawValue: text("modality"))
        errors.check(modality != nil, "modality", "error.choice")
        let cost = CostCoverage(rawValue: text("costCoverage"))
        errors.check(cost != nil, "costCoverage", "error.choice")
        let centre = text("centre", limit: 120).nilIfEmpty
        errors.check(centre == nil || centres.contains { $0.slug == centre }, "centre", "error.choice")
        var seats: Int?
        if !text("seats", limit: 6).isEmpty {
            seats = Int(text("seats", limit: 6))
            errors.check(seats != nil, "seats", "error.range")
        }
        var translations = existing?.translations ?? LanguageMap<CourseText>()
        translations[original] = CourseText(
            title: text("title"), description: text("description", limit: DirectoryValidation.maxText),
            eligibility: text("eligibility", limit: 2_000), howToApply: text("howToApply", limit: 2_000))
        let record = CourseRecord(
            slug: slug, demo: existing?.demo ?? false, centre: centre, country: text("country", limit: 2).uppercased(),
            originalLanguage: original, themes: list("themes").compactMap(Theme.init(rawValue:)), modality: modality ?? .remote,
            location: text("location").nilIfEmpty, languages: list("languages"), startDate: text("startDate", limit: 10),
            endDate: text("endDate", limit: 10), seats: seats, costCoverage: cost ?? .free, applyURL: text("applyURL", limit: 2_000).nilIfEmpty,
            translations: translations)
        for issue in DirectoryValidation.issues(in: record) where issue.field != "slug" {
            let field = issue.field.split(separator: ".").first.map(String.init) ?? issue.field
            errors.check(false, field, issue.reason)
        }
        return (record, errors)
    }

    func sections(_ request: Request, _ language: Language, centres: [CentreRecord]) -> [ProfileForm.Section] {
        func t(_ key: String) -> String { request.t(key, language) }
        func choice(_ value: String, _ label: String, _ selected: Bool) -> FormField.Choice { .init(value: value, label: label, selected: selected) }
        func select(_ name: String, _ label: String, _ choices: [(String, String)], required: Bool = true) -> FormField {
            FormField(name, label: label, required: required, choices: choices.map { choice($0.0, $0.1, $0.0 == text(name)) })
        }
        func checks(_ name: String, _ label: String, _ choices: [(String, String)]) -> FormField {
            var field = FormField(name, label: label, choices: choices.map { choice($0.0, $0.1, list(name).contains($0.0)) })
            field.isCheckboxes = true
            return field
        }
        func area(_ name: String, _ label: String, limit: Int, required: Bool = false) -> FormField {
            FormField(name, label: t(label), value: text(name, limit: limit), required: required, maxLength: limit, textArea: true)
        }
        let countries = Countries.sortedNames[language] ?? []
        let centreChoices = centres.map { ($0.slug, $0.translations.resolve(language, original: $0.originalLanguage)?.value.name ?? $0.slug) }
        return [
            .init(legend: t("course.section.about"), fields: [
                FormField("title", label: t("course.title"), value: text("title")),
                select("originalLanguage", t("editorial.originalLanguage"), Language.displayOrder.map { ($0.rawValue, $0.nativeName) }),
                area("description", "course.description", limit: DirectoryValidation.maxText),
                area("eligibility", "course.eligibility", limit: 2_000),
                area("howToApply", "course.howToApply", limit: 2_000),
                FormField("applyURL", label: t("course.applyURL"), value: text("applyURL", limit: 2_000), type: "url", required: false, maxLength: 2_000),
                checks("themes", t("facet.theme"), Theme.allCases.map { ($0.rawValue, t($0.labelKey)) }),
            ]),
            .init(legend: t("course.section.practical"), fields: [
                select("centre", t("course.offeredBy"), [("", t("course.noCentre"))] + centreChoices, required: false),
                select("country", t("account.country"), [("", t("form.choose"))] + countries.map { ($0.code, $0.name) }),
                select("modality", t("facet.modality"), Modality.allCases.map { ($0.rawValue, t($0.labelKey)) }),
                FormField("location", label: t("course.location"), value: text("location"), required: false, hint: t("course.location.hint")),
                FormField("startDate", label: t("course.startDate"), value: text("startDate", limit: 10), type: "date", maxLength: 10),
                FormField("endDate", label: t("course.endDate"), value: text("endDate", limit: 10), type: "date", maxLength: 10),
                checks("languages", t("course.languages"), Language.displayOrder.map { ($0.rawValue, $0.name(in: language)) }),
                FormField("seats", label: t("course.seats"), value: text("seats", limit: 6), type: "number", required: false, maxLength: 5),
                select("costCoverage", t("facet.cost"), CostCoverage.allCases.map { ($0.rawValue, t($0.labelKey)) }),
            ]),
        ]
    }
}
