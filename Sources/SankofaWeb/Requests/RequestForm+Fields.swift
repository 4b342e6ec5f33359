import SankofaCore
import Vapor

extension RequestForm {
    /// The form's sections in reading order, labelled in the page's language, filled with what was typed.
    func sections(_ request: Request, _ language: Language) -> [SectionedForm.Section] {
        func t(_ key: String) -> String { request.t(key, language) }
        func choice(_ value: String, _ label: String, _ selected: Bool) -> FormField.Choice { .init(value: value, label: label, selected: selected) }
        func checks(_ name: String, _ label: String, _ choices: [FormField.Choice]) -> FormField {
            var field = FormField(name, label: t(label), choices: choices)
            field.isCheckboxes = true
            return field
        }
        let written = Language(rawValue: self.language) ?? language
        let southern = (Countries.sortedNames[language] ?? []).filter { SouthernCountries.codes.contains($0.code) }
        let need = FormField("need", label: t("request.field.need"), value: need, maxLength: RequestValidation.needLength.upperBound,
                             hint: t("request.field.need.hint"), textArea: true).written(in: written)
        return [
            SectionedForm.Section(legend: t("request.section.need"), fields: [
                FormField("title", label: t("request.field.title"), value: title, maxLength: RequestValidation.maxTitle).written(in: written),
                FormField("language", label: t("request.field.language"), hint: t("request.field.language.hint"),
                          choices: Language.displayOrder.map { choice($0.rawValue, $0.nativeName, $0.rawValue == self.language) }),
                need,
            ]),
            SectionedForm.Section(legend: t("request.section.beneficiary"), fields: [
                FormField("beneficiaryCountry", label: t("request.field.beneficiaryCountry"), hint: t("request.field.beneficiaryCountry.hint"),
                          choices: [choice("", t("form.choose"), beneficiaryCountry.isEmpty)]
                            + southern.map { choice($0.code, $0.name, $0.code == beneficiaryCountry) }),
                FormField("beneficiaryInstitution", label: t("request.field.beneficiaryInstitution"), value: beneficiaryInstitution,
                          maxLength: RequestValidation.maxInstitution),
                FormField("beneficiaryContribution", label: t("request.field.beneficiaryContribution"), value: beneficiaryContribution,
                          required: false, maxLength: RequestValidation.maxText, hint: t("request.field.beneficiaryContribution.hint"),
                          textArea: true).written(in: written),
            ]),
            SectionedForm.Section(legend: t("request.section.subject"), fields: [
                checks("themes", "request.field.themes", Theme.allCases.map { choice($0.rawValue, t($0.labelKey), themes.contains($0.rawValue)) }),
                checks("pillars", "request.field.pillars", Pillar.allCases.map {
                    choice(String($0.rawValue), "\($0.roman). \(t($0.labelKey))", pillars.contains(String($0.rawValue)))
                }),
                checks("supportKinds", "request.field.supportKinds",
                       SupportKind.allCases.map { choice($0.rawValue, t($0.labelKey), supportKinds.contains($0.rawValue)) }),
            ]),
            SectionedForm.Section(legend: t("request.section.practical"), fields: [
                FormField("workingLanguages", label: t("request.field.workingLanguages"), value: workingLanguages,
                          hint: t("request.field.workingLanguages.hint")),
                FormField("modality", label: t("request.field.modality"),
                          choices: RequestModality.allCases.map { choice($0.rawValue, t($0.labelKey), $0.rawValue == modality) }),
                FormField("startsOn", label: t("request.field.startsOn"), value: startsOn, type: "date", required: false, maxLength: 10),
                FormField("endsOn", label: t("request.field.endsOn"), value: endsOn, type: "date", required: false, maxLength: 10),
                FormField("visibility", label: t("request.field.visibility"), hint: t("request.field.visibility.hint"),
                          choices: RequestVisibility.allCases.map { choice($0.rawValue, t("requestVisibility.\($0.rawValue).long"), $0.rawValue == visibility) }),
            ]),
        ]
    }
}
