import SankofaCore
import SankofaStore
import Vapor

/// The form of a forum category: its settings (slug, kind and topic, visibility) and its name and
/// description in each of the six languages, one section per language. A working group's category
/// has no settings to choose: it is a general category of its group.
struct CategoryForm: FormInput {
    var slug: String
    var kind: String
    var topic: String
    var visibility: String
    var names: [Language: String]
    var descriptions: [Language: String]

    init(_ body: FormBody) {
        slug = FormText.clean(body.text("slug"), limit: 80)
        kind = body.text("kind")
        topic = FormText.clean(body.text("topic"), limit: 40)
        visibility = body.text("visibility")
        names = Dictionary(uniqueKeysWithValues: Language.allCases.map {
            ($0, FormText.clean(body.text("name_\($0.rawValue)"), limit: ForumCategoryAdmin.nameLimit))
        })
        descriptions = Dictionary(uniqueKeysWithValues: Language.allCases.map {
            ($0, FormText.clean(body.text("description_\($0.rawValue)"), limit: ForumCategoryAdmin.descriptionLimit))
        })
    }

    init(_ category: ForumCategoryAdmin.Category? = nil) {
        let draft = category?.draft
        slug = draft?.slug ?? ""
        kind = draft?.kind.rawValue ?? ForumCategoryKind.general.rawValue
        topic = draft?.topic ?? ""
        visibility = draft?.visibility.rawValue ?? ForumVisibility.members.rawValue
        names = draft?.texts.mapValues(\.name) ?? [:]
        descriptions = draft?.texts.mapValues(\.description) ?? [:]
    }

    /// The category the form describes, or nil with `errors` saying why. `groupID` makes it that
    /// group's general category, visible to its members only.
    func draft(groupID: Int?, errors: inout FormErrors) -> ForumCategoryAdmin.Draft? {
        errors.check(slug.isEmpty || (slug.count <= 80 && Slug.isValid(slug)), "slug", "error.slug")
        let kind = groupID == nil ? ForumCategoryKind(rawValue: kind) : .general
        errors.check(kind != nil, "kind", "error.choice")
        let visibility = groupID == nil ? ForumVisibility(rawValue: visibility).flatMap { $0 == .group ? nil : $0 } : .group
        errors.check(visibility != nil, "visibility", "error.choice")
        switch kind {
        case .theme: errors.check(Theme(rawValue: topic) != nil, "topic", "forum.admin.error.theme")
        case .region: errors.check(Region(rawValue: topic) != nil, "topic", "forum.admin.error.region")
        case .general, nil: break
        }
        errors.check(names.values.contains { !$0.isEmpty }, "name_en", "forum.admin.error.name")
        for language in Language.allCases {
            errors.check((names[language] ?? "").count <= ForumCategoryAdmin.nameLimit, "name_\(language.rawValue)", "error.tooLong")
            errors.check((descriptions[language] ?? "").count <= ForumCategoryAdmin.descriptionLimit,
                         "description_\(language.rawValue)", "error.tooLong")
            errors.check(!(names[language] ?? "").isEmpty || (descriptions[language] ?? "").isEmpty,
                         "name_\(language.rawValue)", "forum.admin.error.descriptionWithoutName")
        }
        guard errors.isEmpty, let kind, let visibility else { return nil }
        var texts: [Language: ForumCategoryAdmin.Text] = [:]
        for language in Language.allCases where !(names[language] ?? "").isEmpty {
            texts[language] = .init(name: names[language] ?? "", description: descriptions[language] ?? "")
        }
        return ForumCategoryAdmin.Draft(slug: slug, kind: kind, topic: kind == .general ? nil : topic, visibility: visibility,
                                        groupID: groupID, texts: texts)
    }

    func sections(_ request: Request, _ language: Language, forGroup: Bool) -> [SectionedForm.Section] {
        func t(_ key: String) -> String { request.t(key, language) }
        var sections: [SectionedForm.Section] = []
        if !forGroup {
            sections.append(SectionedForm.Section(legend: t("forum.admin.settings"), fields: [
                FormField("slug", label: t("forum.admin.slug"), value: slug, required: false, maxLength: 80, hint: t("forum.admin.slug.hint")),
                FormField("kind", label: t("forum.admin.kind"), choices: ForumCategoryKind.allCases.map {
                    .init(value: $0.rawValue, label: t($0.labelKey), selected: $0.rawValue == kind)
                }),
                FormField("topic", label: t("forum.admin.topic"), required: false, hint: t("forum.admin.topic.hint"),
                          choices: [.init(value: "", label: t("form.choose"), selected: topic.isEmpty)] + topics(t)),
                FormField("visibility", label: t("forum.admin.visibility"), choices: [ForumVisibility.visitors, .members].map {
                    .init(value: $0.rawValue, label: t($0.labelKey), selected: $0.rawValue == visibility)
                }),
            ]))
        }
        for written in Language.displayOrder {
            let code = written.rawValue
            sections.append(SectionedForm.Section(legend: written.nativeName, hint: written == Language.displayOrder.first ? t("forum.admin.languages.hint") : nil, fields: [
                FormField("name_\(code)", label: t("forum.admin.name"), value: names[written] ?? "", required: false,
                          maxLength: ForumCategoryAdmin.nameLimit).written(in: written),
                FormField("description_\(code)", label: t("forum.admin.description"), value: descriptions[written] ?? "", required: false,
                          maxLength: ForumCategoryAdmin.descriptionLimit, textArea: true).written(in: written),
            ]))
        }
        return sections
    }

    /// The themes, then the regions, as a category's topic.
    private func topics(_ t: (String) -> String) -> [FormField.Choice] {
        Theme.allCases.map { .init(value: $0.rawValue, label: "\(t("facet.theme")): \(t($0.labelKey))", selected: $0.rawValue == topic) }
            + Region.allCases.map { .init(value: $0.rawValue, label: "\(t("facet.region")): \(t($0.labelKey))", selected: $0.rawValue == topic) }
    }
}
