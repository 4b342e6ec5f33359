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

    func text(_ name: String, limit: Int = 200) -> String { FormBuilder.text(values, name, limit: limit) }
    func list(_ name: String) -> [String] { FormBuilder.list(values, name) }

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
            eligibility: text("eligibility", limit: DirectoryValidation.maxText), howToApply: text("howToApply", limit: DirectoryValidation.maxText))
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
        let form = FormBuilder(values: values, request: request, language: language)
        let centreChoices = centres.map { ($0.slug, $0.translations.resolve(language, original: $0.originalLanguage)?.value.name ?? $0.slug) }
        return [
            .init(legend: form.t("course.section.about"), fields: [
                FormField("title", label: form.t("course.title"), value: form.text("title")),
                form.select("originalLanguage", form.t("editorial.originalLanguage"), Language.displayOrder.map { ($0.rawValue, $0.nativeName) }),
                form.area("description", "course.description", limit: DirectoryValidation.maxText),
                form.area("eligibility", "course.eligibility", limit: DirectoryValidation.maxText),
                form.area("howToApply", "course.howToApply", limit: DirectoryValidation.maxText),
                FormField("applyURL", label: form.t("course.applyURL"), value: form.text("applyURL", limit: 2_000), type: "url", required: false, maxLength: 2_000),
                form.themes(),
            ]),
            .init(legend: form.t("course.section.practical"), fields: [
                form.select("centre", form.t("course.offeredBy"), [("", form.t("course.noCentre"))] + centreChoices, required: false),
                form.country(),
                form.select("modality", form.t("facet.modality"), Modality.allCases.map { ($0.rawValue, form.t($0.labelKey)) }),
                FormField("location", label: form.t("course.location"), value: form.text("location"), required: false, hint: form.t("course.location.hint")),
                FormField("startDate", label: form.t("course.startDate"), value: form.text("startDate", limit: 10), type: "date", maxLength: 10),
                FormField("endDate", label: form.t("course.endDate"), value: form.text("endDate", limit: 10), type: "date", maxLength: 10),
                form.checks("languages", form.t("course.languages"), Language.displayOrder.map { ($0.rawValue, $0.name(in: language)) }),
                FormField("seats", label: form.t("course.seats"), value: form.text("seats", limit: 6), type: "number", required: false, maxLength: 5),
                form.select("costCoverage", form.t("facet.cost"), CostCoverage.allCases.map { ($0.rawValue, form.t($0.labelKey)) }),
            ]),
        ]
    }
}
