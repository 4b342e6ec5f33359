import SankofaCore
import Vapor

/// The fields of a record's form, filled from its values (as posted, or the record's), labelled
/// in the page's language: the field kinds the sectioned forms have in common.
struct FormBuilder<Form: RecordFormInput> {
    let form: Form
    let request: Request
    let language: Language

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }

    func text(_ name: String, limit: Int = 200) -> String { form.text(name, limit: limit) }

    func select(_ name: String, _ label: String, _ choices: [(String, String)], required: Bool = true) -> FormField {
        FormField(name, label: label, required: required,
                  choices: choices.map { FormField.Choice(value: $0.0, label: $0.1, selected: $0.0 == text(name)) })
    }

    func checks(_ name: String, _ label: String, _ choices: [(String, String)], required: Bool = true) -> FormField {
        let chosen = form.list(name)
        var field = FormField(name, label: label, required: required,
                              choices: choices.map { FormField.Choice(value: $0.0, label: $0.1, selected: chosen.contains($0.0)) })
        field.isCheckboxes = true
        return field
    }

    /// A text area labelled by the catalogue key `label`.
    func area(_ name: String, _ label: String, limit: Int, required: Bool = false, hint: String? = nil) -> FormField {
        FormField(name, label: t(label), value: text(name, limit: limit), required: required, maxLength: limit, hint: hint, textArea: true)
    }

    /// The country select, names sorted in the reader's language.
    func country(_ name: String = "country") -> FormField {
        select(name, t("account.country"), [("", t("form.choose"))] + (Countries.sortedNames[language] ?? []).map { ($0.code, $0.name) })
    }

    func originalLanguage() -> FormField {
        select("originalLanguage", t("editorial.originalLanguage"), Language.displayOrder.map { ($0.rawValue, $0.nativeName) })
    }

    func themes(required: Bool = true) -> FormField {
        checks("themes", t("facet.theme"), Theme.allCases.map { ($0.rawValue, t($0.labelKey)) }, required: required)
    }
}
