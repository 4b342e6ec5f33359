import SankofaCore
import Vapor

extension ProfileForm {
    /// The form's fields in reading order, grouped, labelled in the page's language.
    /// `practices` are the choices offered as boxes: every published practice when `allPractices`,
    /// else only those already linked, with a box to add others by address.
    func sections(_ request: Request, _ language: Language, staff: Bool, practices: [(slug: String, title: String)],
                  allPractices: Bool) -> [SectionedForm.Section] {
        typealias Section = SectionedForm.Section
        let form = FormBuilder(form: self, request: request, language: language)
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { form.t(key, arguments) }
        // The profile's own selects and boxes may all stay empty.
        func select(_ name: String, _ label: String, _ choices: [(String, String)]) -> FormField {
            form.select(name, label, choices, required: false)
        }
        func choice(_ value: String, _ label: String, _ selected: Bool) -> FormField.Choice { .init(value: value, label: label, selected: selected) }
        func checks(_ name: String, _ label: String, _ choices: [(String, String)]) -> FormField {
            form.checks(name, label, choices, required: false)
        }
        let countries = Countries.sortedNames[language] ?? []
        let levels = [("", t("level.none"))] + LanguageLevel.allCases.map { ($0.rawValue, t($0.labelKey)) }
        var experienceCountries = FormField("experienceCountries", label: t("expert.experienceCountries"), required: false,
                                            hint: t("editorial.countries.hint"),
                                            choices: countries.map { choice($0.code, $0.name, list("experienceCountries").contains($0.code)) })
        experienceCountries.multiple = true

        var person = [
            FormField("name", label: t("profile.name"), value: text("name"), autocomplete: "name"),
            FormField("title", label: t("profile.title"), value: text("title"), required: false),
            FormField("organisation", label: t("account.organisation"), value: text("organisation"), autocomplete: "organization", required: false),
            form.country(),
            form.originalLanguage(),
            FormField("biography", label: t("expert.biography"), value: text("biography", limit: DirectoryValidation.maxText), required: false,
                      maxLength: DirectoryValidation.maxText, hint: t("profile.biography.hint"), textArea: true),
        ]
        if staff {
            person.insert(FormField("email", label: t("account.email"), value: text("email", limit: 254), type: "email", required: false,
                                    maxLength: 254, hint: t("profile.email.hint")), at: 1)
            person.append(select("focalPointFor", t("profile.focalPoint"), [("", t("profile.focalPoint.none")), ("country", t("profile.focalPoint.country"))]
                                 + (text("focalPointFor").hasPrefix("centre:") ? [(text("focalPointFor"), text("focalPointFor"))] : [])))
        }
        var languageFields = Language.displayOrder.map { select("level_\($0.rawValue)", $0.name(in: language), levels) }
        let others = Self.otherLanguages.map { ($0, Language.name(of: $0, in: language)) }
            .sorted { $0.1.compare($1.1, locale: language.locale) == .orderedAscending }
        for row in 1...Self.otherRows {
            languageFields.append(select("otherLanguage\(row)", t("profile.otherLanguage", ["n": NumberFormatting.integer(row, language)]),
                                         [("", t("level.none"))] + others))
            languageFields.append(select("otherLevel\(row)", t("profile.otherLevel", ["n": NumberFormatting.integer(row, language)]), levels))
        }
        var practiceFields = [FormField]()
        if allPractices || !practices.isEmpty {
            practiceFields.append(checks("practices", t("expert.practices"), practices.map { ($0.slug, $0.title) }))
        }
        if !allPractices {
            practiceFields.append(FormField("practicesAdd", label: t("profile.practicesAdd"), value: text("practicesAdd", limit: Self.maxAdded),
                                            required: false, maxLength: Self.maxAdded, hint: t("profile.practicesAdd.hint"), textArea: true))
        }
        let expertise = [
            form.themes(required: false),
            checks("pillars", t("facet.pillar"), Pillar.allCases.map { (String($0.rawValue), "\($0.roman). \(t($0.labelKey))") }),
            checks("experienceKinds", t("facet.experience"), ExperienceKind.allCases.map { ($0.rawValue, t($0.labelKey)) }),
            FormField("yearsOfExperience", label: t("expert.years"), value: text("yearsOfExperience", limit: 5), type: "number",
                      required: false, maxLength: 2),
            experienceCountries,
        ] + practiceFields + [
            FormField("links", label: t("expert.links"), value: text("links", limit: Self.maxLines), required: false,
                      maxLength: Self.maxLines, hint: t("editorial.sources.hint"), textArea: true),
            FormField("publications", label: t("expert.publications"), value: text("publications", limit: Self.maxLines), required: false,
                      maxLength: Self.maxLines, hint: t("profile.publications.hint"), textArea: true),
        ]
        var sections = [
            Section(legend: t("profile.section.person"), fields: person),
            Section(legend: t("expert.languages"), fields: languageFields),
            Section(legend: t("profile.section.expertise"), fields: expertise),
        ]
        let unLanguages = Language.displayOrder.map { ($0.rawValue, $0.name(in: language)) }
        for type in OfferType.allCases {
            let key = "offer_\(type.rawValue)"
            let availability = text("\(key)_availability")
            sections.append(Section(legend: t(type.labelKey), fields: [
                checks(key, t("profile.offer.yes"), [("yes", t("profile.offer.this", ["offer": t(type.labelKey)]))]),
                checks("\(key)_modality", t("facet.modality"), Modality.offerChoices.map { ($0.rawValue, t($0.labelKey)) }),
                checks("\(key)_languages", t("course.languages"), unLanguages),
                FormField("\(key)_availability", label: t("facet.availability"), required: false, choices: [
                    choice("availableNow", t("availability.availableNow"), availability != "from" && availability != "notAvailable"),
                    choice("from", t("availability.fromDate"), availability == "from"),
                    choice("notAvailable", t("availability.notAvailable"), availability == "notAvailable"),
                ]),
                FormField("\(key)_from", label: t("availability.fromDate"), value: text("\(key)_from", limit: 10), type: "date",
                          required: false, maxLength: 10),
            ]))
        }
        let visibilities = Visibility.allCases.map { ($0.rawValue, t($0.labelKey)) }
        sections.append(Section(legend: t("profile.section.privacy"), hint: t("profile.privacy.hint"), fields: ProfileField.allCases.map { field in
            FormField("visibility_\(field.rawValue)", label: t(field.labelKey), choices: visibilities.map {
                choice($0.0, $0.1, $0.0 == (text("visibility_\(field.rawValue)").nilIfEmpty ?? ProfileVisibility.defaultLevel.rawValue))
            })
        }))
        return sections
    }
}
