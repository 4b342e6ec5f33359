import Foundation
import SankofaCore
import Vapor

/// One field of a form as the shared template draws it: label, value kept after an error, the
/// error next to the field (translated), and choices for a select.
struct FormField: Encodable, Sendable {
    struct Choice: Encodable, Sendable { var value: String; var label: String; var selected: Bool }

    var name: String
    var label: String
    var value: String
    var error: String?
    var hint: String?
    var type: String
    var autocomplete: String
    var required: Bool
    var maxLength: Int
    var isTextArea: Bool
    var isSelect: Bool
    /// Several values: a multiple select, or checkboxes when `isCheckboxes`.
    var multiple: Bool = false
    var isCheckboxes: Bool = false
    var choices: [Choice]
    /// The language of the value when it is not the page's (a translation): on the input only,
    /// so that the label is still read in the page's language.
    var lang: String?
    var dir: String?
    /// The label of a button beside the field that sends the form back to be drawn again, not
    /// saved (`refine`): a search among a choice's options (the centres offering a course).
    var refine: String?

    /// The field with its value in `language` (a translation's).
    func written(in language: Language) -> FormField {
        var field = self
        field.lang = language.rawValue
        field.dir = language.direction
        return field
    }

    init(_ name: String, label: String, value: String = "", type: String = "text", autocomplete: String = "off",
         required: Bool = true, maxLength: Int = 200, hint: String? = nil, choices: [Choice]? = nil, textArea: Bool = false) {
        self.name = name
        self.label = label
        self.value = value
        self.type = type
        self.autocomplete = autocomplete
        self.required = required
        self.maxLength = maxLength
        self.hint = hint
        self.isTextArea = textArea
        self.isSelect = choices != nil
        self.choices = choices ?? []
    }
}

/// Server-side validation results: field name → catalog key of the problem.
struct FormErrors: Sendable {
    var byField: [String: String] = [:]
    var isEmpty: Bool { byField.isEmpty }

    mutating func check(_ condition: Bool, _ field: String, _ key: String) {
        if !condition && byField[field] == nil { byField[field] = key }
    }

    /// A record's validation issues, each on the field `field` names for it (by default the
    /// first part of the issue's path, `translations.fr.name` → `translations`). The slug is
    /// never the writer's to fix, so its issues are left out.
    mutating func check(_ issues: [ValidationIssue], field: (String) -> String = { $0.split(separator: ".").first.map(String.init) ?? $0 }) {
        for issue in issues where issue.field != "slug" { check(false, field(issue.field), issue.reason) }
    }

    /// Attaches each error, translated, to its field.
    func apply(to fields: inout [FormField], _ request: Request, _ language: Language) {
        for index in fields.indices {
            if let key = byField[fields[index].name] { fields[index].error = request.t(key, language) }
        }
    }
}

/// Form text: trimmed, NUL and other control characters (except line breaks) removed.
enum FormText {
    static func clean(_ text: String?, limit: Int) -> String {
        let kept = (text ?? "").unicodeScalars.filter { $0 == "\n" || $0 == "\t" || !CharacterSet.controlCharacters.contains($0) }
        return String(String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines).prefix(limit + 1))
    }
}
