import SankofaCore
import Vapor

/// The page of a form in sections (`shared/sectioned-form.leaf`): a profile, a centre, a course,
/// and any record written through a ``RecordFormFlow``.
struct SectionedForm: Encodable, Sendable {
    static let template = "shared/sectioned-form"

    /// A group of fields drawn as one fieldset with a legend.
    struct Section: Encodable, Sendable {
        var legend: String
        var hint: String?
        var fields: [FormField]
    }

    /// A form of one button offered above the page's form (claiming the profile an editor made),
    /// or, without a button, a note in its place (the claim waits).
    struct Offer: Encodable, Sendable {
        var action: String
        var text: String
        var button: String?
    }

    /// What a kind of record's form page says whatever the record: catalogue keys, and the
    /// navigation section the page belongs to.
    struct Texts: Sendable {
        var intro: String
        var submit: String
        var view: String
        var section: Layout.Section
    }

    /// Where the form is sent and what names it: the heading, the address it posts to, and the
    /// record's own page when there is one to go back to.
    struct Target: Sendable {
        var heading: String
        var action: String
        var viewHref: String?
    }

    var heading: String
    var intro: String
    var message: String?
    var action: String
    var offer: Offer?
    var sections: [Section]
    var submit: String
    var viewHref: String?
    var viewLabel: String

    /// The page in `language`, each error of `errors` shown next to its field.
    init(_ target: Target, _ texts: Texts, sections: [Section], errors: FormErrors, offer: Offer?,
         _ request: Request, _ language: Language) {
        heading = target.heading
        intro = request.t(texts.intro, language)
        message = errors.isEmpty ? nil : request.t("form.fix", language)
        action = target.action
        self.offer = offer
        self.sections = sections
        for index in self.sections.indices { errors.apply(to: &self.sections[index].fields, request, language) }
        submit = request.t(texts.submit, language)
        viewHref = target.viewHref
        viewLabel = request.t(texts.view, language)
    }
}
