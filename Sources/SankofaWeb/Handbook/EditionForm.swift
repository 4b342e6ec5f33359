import SankofaCore
import SankofaStore
import Vapor

/// The edition form: number, year, address, selection, and title, foreword and introduction in
/// each language. Decoding never fails: a missing or malformed value becomes a translated error.
struct EditionForm: Content {
    var slug: String?
    var number: String?
    var year: String?
    var regions: [String]?
    var pillars: [String]?
    var themes: [String]?
    var title_ar: String?, title_zh: String?, title_en: String?, title_fr: String?, title_ru: String?, title_es: String?
    var foreword_ar: String?, foreword_zh: String?, foreword_en: String?, foreword_fr: String?, foreword_ru: String?, foreword_es: String?
    var introduction_ar: String?, introduction_zh: String?, introduction_en: String?, introduction_fr: String?, introduction_ru: String?, introduction_es: String?

    init() {}

    init(_ edition: EditionModel) {
        slug = edition.slug
        number = String(edition.number)
        year = String(edition.year)
        let selection = edition.selection
        regions = selection.regions.map(\.rawValue)
        pillars = selection.pillars.map { String($0.rawValue) }
        themes = selection.themes.map(\.rawValue)
        for (code, text) in edition.texts {
            guard let language = Language(rawValue: code) else { continue }
            set(language, text)
        }
    }

    func text(_ language: Language) -> EditionText {
        let values: (String?, String?, String?) = switch language {
        case .ar: (title_ar, foreword_ar, introduction_ar)
        case .zh: (title_zh, foreword_zh, introduction_zh)
        case .en: (title_en, foreword_en, introduction_en)
        case .fr: (title_fr, foreword_fr, introduction_fr)
        case .ru: (title_ru, foreword_ru, introduction_ru)
        case .es: (title_es, foreword_es, introduction_es)
        }
        let limit = EditionValidation.maxTextLength
        return EditionText(title: FormText.clean(values.0, limit: 300), foreword: FormText.clean(values.1, limit: limit),
                           introduction: FormText.clean(values.2, limit: limit))
    }

    private mutating func set(_ language: Language, _ text: EditionText) {
        switch language {
        case .ar: (title_ar, foreword_ar, introduction_ar) = (text.title, text.foreword, text.introduction)
        case .zh: (title_zh, foreword_zh, introduction_zh) = (text.title, text.foreword, text.introduction)
        case .en: (title_en, foreword_en, introduction_en) = (text.title, text.foreword, text.introduction)
        case .fr: (title_fr, foreword_fr, introduction_fr) = (text.title, text.foreword, text.introduction)
        case .ru: (title_ru, foreword_ru, introduction_ru) = (text.title, text.foreword, text.introduction)
        case .es: (title_es, foreword_es, introduction_es) = (text.title, text.foreword, text.introduction)
        }
    }

    /// Unknown selection values are dropped rather than trusted; the checkboxes only offer known ones.
    var draft: EditionDraft {
        let selection = EditionSelection(
            regions: Region.allCases.filter { (regions ?? []).contains($0.rawValue) },
            pillars: Pillar.allCases.filter { (pillars ?? []).contains(String($0.rawValue)) },
            themes: Theme.allCases.filter { (themes ?? []).contains($0.rawValue) })
        var texts: [String: EditionText] = [:]
        for language in Language.displayOrder { texts[language.rawValue] = text(language) }
        return EditionDraft(slug: FormText.clean(slug, limit: 120).lowercased(), number: number.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                            year: year.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, selection: selection, texts: texts)
    }

    /// The fields as the shared template draws them; `errors` maps field names to catalog keys.
    func fields(_ language: Language, _ request: Request, errors: [String: String], includeSlug: Bool) -> (main: [FormField], texts: [EditionPage.TextGroup]) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        func checks(_ name: String, _ label: String, _ choices: [(String, String)], _ selected: [String]) -> FormField {
            var field = FormField(name, label: label, required: false,
                                  choices: choices.map { .init(value: $0.0, label: $0.1, selected: selected.contains($0.0)) })
            field.multiple = true
            field.isCheckboxes = true
            return field
        }
        var main: [FormField] = []
        if includeSlug {
            main.append(FormField("slug", label: t("handbook.field.slug"), value: slug ?? "", maxLength: 60))
        }
        main.append(FormField("number", label: t("handbook.field.number"), value: number ?? "", type: "number", maxLength: 3))
        main.append(FormField("year", label: t("handbook.field.year"), value: year ?? "", type: "number", maxLength: 4))
        main.append(checks("regions", t("facet.region"), Region.allCases.map { ($0.rawValue, t($0.labelKey)) }, regions ?? []))
        main.append(checks("pillars", t("facet.pillar"), Pillar.allCases.map { (String($0.rawValue), "\($0.roman). \(t($0.labelKey))") }, pillars ?? []))
        main.append(checks("themes", t("facet.theme"), Theme.allCases.map { ($0.rawValue, t($0.labelKey)) }, themes ?? []))
        var formErrors = FormErrors()
        for (field, key) in errors { formErrors.byField[field] = key }
        formErrors.apply(to: &main, request, language)

        let groups = Language.displayOrder.map { book in
            let text = self.text(book)
            let code = book.rawValue
            return EditionPage.TextGroup(
                legend: t("handbook.texts", ["language": book.name(in: language)]), lang: code, dir: book.direction,
                fields: [
                    FormField("title_\(code)", label: t("handbook.field.title"), value: text.title, required: false, maxLength: 300),
                    FormField("foreword_\(code)", label: t("handbook.foreword"), value: text.foreword, required: false,
                              maxLength: EditionValidation.maxTextLength, textArea: true),
                    FormField("introduction_\(code)", label: t("handbook.introduction"), value: text.introduction, required: false,
                              maxLength: EditionValidation.maxTextLength, textArea: true),
                ])
        }
        return (main, groups)
    }
}
