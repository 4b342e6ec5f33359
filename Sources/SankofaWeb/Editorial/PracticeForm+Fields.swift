import SankofaCore
import Vapor

extension PracticeForm {
    /// The form's fields in reading order, labelled in the page's language, filled with what was typed.
    func fields(_ request: Request, _ language: Language) -> [FormField] {
        func t(_ key: String) -> String { request.t(key, language) }
        func choice(_ value: String, _ label: String, _ selected: Bool) -> FormField.Choice { .init(value: value, label: label, selected: selected) }
        let countryNames = Countries.sortedNames[language] ?? []
        var countryField = FormField("countries", label: t("practice.countries"), hint: t("editorial.countries.hint"),
                                     choices: countryNames.map { choice($0.0, $0.1, countries.contains($0.0)) })
        countryField.multiple = true
        var pillarField = FormField("pillars", label: t("facet.pillar"),
                                    choices: Pillar.allCases.map { choice(String($0.rawValue), "\($0.roman). \(t($0.labelKey))", pillars.contains(String($0.rawValue))) })
        pillarField.isCheckboxes = true
        var themeField = FormField("themes", label: t("facet.theme"),
                                   choices: Theme.allCases.map { choice($0.rawValue, t($0.labelKey), themes.contains($0.rawValue)) })
        themeField.isCheckboxes = true
        func area(_ name: String, _ label: String, _ value: String, required: Bool = false, hint: String? = nil) -> FormField {
            FormField(name, label: t(label), value: value, required: required, maxLength: 20_000, hint: hint.map(t), textArea: true)
        }
        return [
            FormField("title", label: t("editorial.title"), value: title, maxLength: 200),
            FormField("originalLanguage", label: t("editorial.originalLanguage"),
                      choices: Language.displayOrder.map { choice($0.rawValue, $0.nativeName, $0.rawValue == originalLanguage) }),
            area("summary", "editorial.summary", summary, required: true),
            countryField,
            FormField("leadCountry", label: t("editorial.leadCountry"),
                      choices: [choice("", t("form.choose"), leadCountry.isEmpty)]
                        + countryNames.map { choice($0.0, $0.1, $0.0 == leadCountry) }),
            pillarField, themeField,
            FormField("maturity", label: t("facet.maturity"),
                      choices: Maturity.allCases.map { choice($0.rawValue, t($0.labelKey), $0.rawValue == maturity) }),
            FormField("evidenceLevel", label: t("facet.evidence"),
                      choices: EvidenceLevel.allCases.map { choice($0.rawValue, t($0.labelKey), $0.rawValue == evidenceLevel) }),
            FormField("startYear", label: t("editorial.startYear"), value: startYear, type: "number", required: false, maxLength: 4),
            FormField("endYear", label: t("editorial.endYear"), value: endYear, type: "number", required: false, maxLength: 4),
            area("context", "practice.context", context), area("approach", "practice.approach", approach),
            area("results", "practice.results", results), area("lessons", "practice.lessons", lessons),
            area("transferConditions", "practice.transferConditions", transferConditions),
            area("expansionPotential", "practice.expansionPotential", expansionPotential),
            area("safeguards", "practice.safeguards", safeguards, hint: "editorial.safeguards.hint"),
            area("targetGroups", "practice.targetGroups", targetGroups),
            area("implementingOrganisations", "practice.implementers", implementingOrganisations, hint: "editorial.lines.hint"),
            area("partners", "practice.partners", partners, hint: "editorial.lines.hint"),
            area("funders", "practice.funders", funders, hint: "editorial.lines.hint"),
            area("sources", "practice.sources", sources, hint: "editorial.sources.hint"),
        ]
    }
}
