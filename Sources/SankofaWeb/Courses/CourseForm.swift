import SankofaCore
import Vapor

/// The course form: every field of a course, its texts in the original language (translators add
/// the others).
struct CourseForm: RecordFormInput {
    let body: FormBody

    init(_ body: FormBody) { self.body = body }

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
        self.init(pairs: pairs)
    }

    /// `chosen`: the centre the form names, found by its slug (nil when it names none, or one that is not stored).
    func record(slug: String, keeping existing: CourseRecord?, centre chosen: CentreRecord?) -> (CourseRecord, FormErrors) {
        var errors = FormErrors()
        let original = choice("originalLanguage", Language.self, &errors) ?? .en
        let modality = choice("modality", Modality.self, &errors)
        let cost = choice("costCoverage", CostCoverage.self, &errors)
        let centre = text("centre", limit: 120).nilIfEmpty
        errors.check(centre == nil || chosen?.slug == centre, "centre", "error.choice")
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
        errors.check(DirectoryValidation.issues(in: record))
        return (record, errors)
    }

    /// `centres`: those offered (the chosen one among them), of `found` matching the search.
    func sections(_ request: Request, _ language: Language, centres: [CentreRecord], found: Int) -> [SectionedForm.Section] {
        let form = FormBuilder(form: self, request: request, language: language)
        let centreChoices = centres.map { ($0.slug, $0.translations.resolve(language, original: $0.originalLanguage)?.value.name ?? $0.slug) }
        var centre = form.select("centre", form.t("course.offeredBy"), [("", form.t("course.noCentre"))] + centreChoices, required: false)
        centre.hint = form.t("course.centres.found", ["shown": "\(min(found, CourseFormFlow.centreChoices))", "found": "\(found)"])
        var search = FormField("centreSearch", label: form.t("course.centreSearch"), value: form.text("centreSearch", limit: 100), type: "search",
                               required: false, maxLength: 100, hint: form.t("course.centreSearch.hint"))
        search.refine = form.t("course.centreSearch.find")
        return [
            .init(legend: form.t("course.section.about"), fields: [
                FormField("title", label: form.t("course.title"), value: form.text("title")),
                form.originalLanguage(),
                form.area("description", "course.description", limit: DirectoryValidation.maxText),
                form.area("eligibility", "course.eligibility", limit: DirectoryValidation.maxText),
                form.area("howToApply", "course.howToApply", limit: DirectoryValidation.maxText),
                FormField("applyURL", label: form.t("course.applyURL"), value: form.text("applyURL", limit: 2_000), type: "url", required: false, maxLength: 2_000),
                form.themes(),
            ]),
            .init(legend: form.t("course.section.practical"), fields: [
                form.country(),
                search,
                centre,
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
