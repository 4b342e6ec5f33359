import SankofaCore
import Vapor

/// The fields of a record's form, filled from the values posted (or the record's), for the
/// shared `directory/form` template: what the course and centre forms have in common.
struct FormBuilder {
    let values: QueryParameters
    let request: Request
    let language: Language

    func t(_ key: String) -> String { request.t(key, language) }

    /// A single value, cleaned and cut one past `limit` (so that validation sees it is too long).
    func text(_ name: String, limit: Int = 200) -> String { Self.text(values, name, limit: limit) }

    /// A repeated value (`name[]`): codes of a vocabulary, the longest theme having 30 characters.
    func list(_ name: String) -> [String] { Self.list(values, name) }

    static func text(_ values: QueryParameters, _ name: String, limit: Int = 200) -> String { FormText.clean(values.first(name), limit: limit) }
    static func list(_ values: QueryParameters, _ name: String) -> [String] { values.values(name + "[]").map { FormText.clean($0, limit: 60) } }

    func select(_ name: String, _ label: String, _ choices: [(String, String)], required: Bool = true) -> FormField {
        FormField(name, label: label, required: required,
                  choices: choices.map { FormField.Choice(value: $0.0, label: $0.1, selected: $0.0 == text(name)) })
    }

    func checks(_ name: String, _ label: String, _ choices: [(String, String)]) -> FormField {
        let chosen = list(name)
        var field = FormField(name, label: label, choices: choices.map { FormField.Choice(value: $0.0, label: $0.1, selected: chosen.contains($0.0)) })
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

    func themes() -> FormField { checks("themes", t("facet.theme"), Theme.allCases.map { ($0.rawValue, t($0.labelKey)) }) }
}
