import SankofaCore
import Vapor

extension ExchangeForm {
    /// The form's sections: what and when, the parties (one fieldset per row), the links.
    /// `withStatus`: a new exchange takes its status here (staff record past ones as held or
    /// reported); an existing one moves by the status buttons of its page.
    func sections(_ request: Request, _ language: Language, withStatus: Bool) -> [SectionedForm.Section] {
        func t(_ key: String) -> String { request.t(key, language) }
        func choices<T: RawRepresentable>(_ cases: [T], _ selected: String, _ key: (T) -> String) -> [FormField.Choice] where T.RawValue == String {
            cases.map { FormField.Choice(value: $0.rawValue, label: t(key($0)), selected: $0.rawValue == selected) }
        }
        var what = [
            FormField("title", label: t("exchange.field.title"), value: title, maxLength: ExchangeValidation.maxTitle),
            FormField("type", label: t("exchange.field.type"), choices: choices(ExchangeType.allCases, type, \.labelKey)),
            FormField("language", label: t("exchange.field.language"), hint: t("exchange.field.language.hint"),
                      choices: Language.displayOrder.map { .init(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == self.language) }),
            FormField("description", label: t("exchange.field.description"), value: description, required: false,
                      maxLength: ExchangeValidation.maxText, hint: t("exchange.field.description.hint"), textArea: true),
            FormField("startsOn", label: t("exchange.field.startsOn"), value: startsOn, type: "date", maxLength: 10),
            FormField("endsOn", label: t("exchange.field.endsOn"), value: endsOn, type: "date", maxLength: 10),
            FormField("online", label: t("exchange.field.online"), choices: ["no", "yes"].map {
                .init(value: $0, label: t("exchange.online.\($0)"), selected: $0 == online)
            }),
            FormField("place", label: t("exchange.field.place"), value: place, required: false, maxLength: ExchangeValidation.maxPlace,
                      hint: t("exchange.field.place.hint")),
        ]
        if withStatus {
            what.insert(FormField("status", label: t("exchange.field.status"), hint: t("exchange.field.status.hint"),
                                  choices: choices(ExchangeStatus.allCases, status, \.labelKey)), at: 2)
        }
        var themesField = FormField("themes", label: t("exchange.field.themes"), choices: Theme.allCases.map {
            .init(value: $0.rawValue, label: t($0.labelKey), selected: themes.contains($0.rawValue))
        })
        themesField.isCheckboxes = true
        themesField.multiple = true
        var pillarsField = FormField("pillars", label: t("exchange.field.pillars"), required: false, choices: Pillar.allCases.map {
            .init(value: String($0.rawValue), label: t($0.labelKey), selected: pillars.contains(String($0.rawValue)))
        })
        pillarsField.isCheckboxes = true
        pillarsField.multiple = true
        var sections = [SectionedForm.Section(legend: t("exchange.section.what"), fields: what + [themesField, pillarsField])]
        let shown = rows.filter { !$0.isBlank }
        for (index, row) in (shown + [Row(), Row()]).enumerated() {
            sections.append(partySection(index + 1, row, request, language))
        }
        sections[1].hint = t("exchange.section.parties.hint")
        sections.append(SectionedForm.Section(legend: t("exchange.section.links"), fields: [
            FormField("practices", label: t("exchange.field.practices"), value: practices, required: false, maxLength: 2_000,
                      hint: t("exchange.field.practices.hint")),
            FormField("courses", label: t("exchange.field.courses"), value: courses, required: false, maxLength: 2_000,
                      hint: t("exchange.field.courses.hint")),
        ]))
        return sections
    }

    private func partySection(_ number: Int, _ row: Row, _ request: Request, _ language: Language) -> SectionedForm.Section {
        func t(_ key: String) -> String { request.t(key, language) }
        let name = "party\(number)"
        let countries = [FormField.Choice(value: "", label: t("exchange.party.noCountry"), selected: row.country.isEmpty)]
            + (Countries.sortedNames[language] ?? []).map { .init(value: $0.code, label: $0.name, selected: $0.code == row.country) }
        return SectionedForm.Section(legend: request.t("exchange.section.party", language, ["number": NumberFormatting.integer(number, language)]), fields: [
            FormField("\(name).side", label: t("exchange.field.side"), choices: ExchangeSide.allCases.map {
                .init(value: $0.rawValue, label: t($0.labelKey), selected: $0.rawValue == row.side)
            }),
            FormField("\(name).country", label: t("exchange.field.country"), required: false, choices: countries),
            FormField("\(name).institution", label: t("exchange.field.institution"), value: row.institution, required: false,
                      maxLength: ExchangeValidation.maxTitle),
            FormField("\(name).expert", label: t("exchange.field.expert"), value: row.expert, required: false, maxLength: 120,
                      hint: t("exchange.field.expert.hint")),
            FormField("\(name).centre", label: t("exchange.field.centre"), value: row.centre, required: false, maxLength: 120,
                      hint: t("exchange.field.centre.hint")),
        ])
    }
}
