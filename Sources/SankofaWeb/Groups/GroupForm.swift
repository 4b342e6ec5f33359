import SankofaCore
import SankofaStore
import Vapor

/// The form of a new working group: its name, purpose, language, and whether it is listed.
struct GroupForm: FormInput {
    var name: String
    var purpose: String
    var language: String
    /// "listed" or "hidden".
    var visibility: String

    init(_ body: FormBody) {
        name = FormText.clean(body.text("name"), limit: ForumGroups.nameLimit)
        purpose = FormText.clean(body.text("purpose"), limit: ForumGroups.purposeLimit)
        language = body.text("language")
        visibility = body.text("visibility")
    }

    /// The empty form, in the writer's language and hidden (a group opens up by choice).
    init(language: Language) {
        name = ""
        purpose = ""
        self.language = language.rawValue
        visibility = "hidden"
    }

    /// The form holding a group's values, to be edited.
    init(_ group: ForumGroups.Group) {
        name = group.name
        purpose = group.purpose
        language = group.language.rawValue
        visibility = group.listed ? "listed" : "hidden"
    }

    func errors() -> FormErrors {
        var errors = FormErrors()
        errors.check(!name.isEmpty, "name", "error.required")
        errors.check(name.count <= ForumGroups.nameLimit, "name", "error.tooLong")
        errors.check(!purpose.isEmpty, "purpose", "error.required")
        errors.check(purpose.count <= ForumGroups.purposeLimit, "purpose", "error.tooLong")
        errors.check(Language(rawValue: language) != nil, "language", "error.choice")
        errors.check(["listed", "hidden"].contains(visibility), "visibility", "error.choice")
        return errors
    }

    func section(_ request: Request, _ language: Language) -> SectionedForm.Section {
        func t(_ key: String) -> String { request.t(key, language) }
        let fields = [
            FormField("name", label: t("group.field.name"), value: name, maxLength: ForumGroups.nameLimit),
            FormField("purpose", label: t("group.field.purpose"), value: purpose, maxLength: ForumGroups.purposeLimit,
                      hint: t("group.field.purpose.hint"), textArea: true),
            FormField("language", label: t("group.field.language"), choices: Language.displayOrder.map {
                FormField.Choice(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == self.language)
            }),
            FormField("visibility", label: t("group.field.visibility"), choices: ["hidden", "listed"].map {
                FormField.Choice(value: $0, label: t("group.listed.\($0)"), selected: $0 == visibility)
            }),
        ]
        return SectionedForm.Section(legend: t("group.section.about"), fields: fields)
    }
}
