import SankofaCore
import Vapor

/// The request form's page (`requests/form.leaf`): the sections of ``RequestForm``, each error by
/// its field, and two buttons while the request is a draft: save it, or send it for endorsement.
struct RequestFormPage: Encodable, Sendable {
    var heading: String
    var intro: String
    var message: String?
    var action: String
    var sections: [SectionedForm.Section]
    var saveLabel: String
    var submitLabel: String?
    var viewHref: String
    var viewLabel: String

    init(request: Request, language: Language, form: RequestForm, errors: FormErrors, action: String, viewHref: String,
         isNew: Bool, offersSubmit: Bool) {
        func t(_ key: String) -> String { request.t(key, language) }
        heading = t(isNew ? "request.new.heading" : "request.edit.heading")
        intro = t("request.form.intro")
        message = errors.isEmpty ? nil : t("form.fix")
        self.action = action
        sections = form.sections(request, language)
        for index in sections.indices { errors.apply(to: &sections[index].fields, request, language) }
        saveLabel = t(offersSubmit ? "request.form.saveDraft" : "form.save")
        submitLabel = offersSubmit ? t("request.form.submit") : nil
        self.viewHref = viewHref
        viewLabel = t(isNew ? "request.back.list" : "request.back.request")
    }
}
