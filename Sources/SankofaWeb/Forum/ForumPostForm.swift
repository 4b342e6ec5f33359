import SankofaCore
import SankofaStore
import Vapor

/// `forum/form`: starting a thread, replying, editing a post. After an error the form comes back
/// with everything typed in it, however long, and the error said in the reader's language.
struct ForumPostForm: Encodable, Sendable {
    struct Hidden: Encodable, Sendable { var name: String; var value: String }

    var heading: String
    var intro: String?
    var action: String
    var fields: [FormField]
    var hidden: [Hidden]
    var submit: String
    var message: String?
    var backHref: String
    var back: String
    /// The file input (new threads and replies; edits keep their files).
    var files: AttachmentField? = nil

    /// What was posted, cleaned but never cut: a body too long comes back whole with its error.
    struct Input: FormInput {
        var title: String
        var body: String
        var language: String
        var category: String
        var quote: Int?

        init(_ body: FormBody) {
            title = FormText.clean(body.text("title"), limit: ForumPostForm.maximumTitle * 4)
            self.body = FormText.clean(body.text("body"), limit: Int.max - 1)
            language = body.text("language")
            category = body.text("category")
            quote = Int(body.text("quote"))
        }

        /// The problems of the fields this form has, by field (catalog keys).
        func errors(title hasTitle: Bool) -> FormErrors {
            var errors = FormErrors()
            if hasTitle {
                errors.check(title.count >= ForumPostForm.minimumTitle, "title", title.isEmpty ? "error.required" : "forum.error.titleShort")
                errors.check(title.count <= ForumPostForm.maximumTitle, "title", "forum.error.titleLong")
            }
            errors.check(!body.isEmpty, "body", "error.required")
            errors.check(body.count <= ForumPostForm.maximumBody, "body", "forum.error.bodyLong")
            errors.check(Language(rawValue: language) != nil, "language", "forum.error.language")
            return errors
        }
    }

    static let minimumTitle = 3
    static let maximumTitle = 300
    static let maximumBody = min(ForumMarkdown.maximumLength, 100_000)

    /// The body and language fields (and the title's when starting a thread), filled with `input`.
    static func fields(_ request: Request, _ language: Language, title: String? = nil, body: String, postLanguage: String,
                       errors: FormErrors, categories: [FormField.Choice]? = nil) -> [FormField] {
        var fields: [FormField] = []
        if let categories {
            fields.append(FormField("category", label: request.t("forum.form.category", language), choices: categories))
        }
        if let title {
            fields.append(FormField("title", label: request.t("forum.form.title", language), value: title, maxLength: maximumTitle))
        }
        fields.append(FormField("body", label: request.t("forum.form.body", language), value: body, maxLength: maximumBody,
                                hint: request.t("forum.form.bodyHint", language), textArea: true))
        let chosen = Language(rawValue: postLanguage) ?? language
        fields.append(FormField("language", label: request.t("forum.form.language", language),
                                hint: request.t("forum.form.languageHint", language),
                                choices: Language.displayOrder.map { .init(value: $0.rawValue, label: $0.nativeName, selected: $0 == chosen) }))
        errors.apply(to: &fields, request, language)
        return fields
    }
}
