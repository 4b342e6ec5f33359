import SankofaCore
import SankofaStore
import Vapor

/// `editorial/form.leaf`: the practice form, new, a draft being edited, or a change to a
/// published practice (`proposing`: one button, sending it for review), with the editors'
/// comments on it.
struct PracticeEditor: Encodable, Sendable {
    /// A comment as shown: who, and what they wrote (put together by the template, not here).
    struct Comment: Encodable, Sendable {
        var author: String
        var body: String

        init(_ comment: Comments.Comment, _ request: Request, _ language: Language) {
            author = comment.authorName ?? request.t("editorial.formerMember", language)
            body = comment.body
        }
    }

    var heading: String
    var intro: String?
    var action: String
    var fields: [FormField]
    var message: String?
    var comments: [Comment]
    var proposing: Bool

    init(_ form: PracticeForm, _ errors: FormErrors, heading: String, action: String, comments: [Comments.Comment],
         proposing: Bool, _ request: Request, _ language: Language) {
        var fields = form.fields(request, language)
        errors.apply(to: &fields, request, language)
        self.heading = heading
        intro = request.t(proposing ? "editorial.propose.intro" : "editorial.intro", language)
        self.proposing = proposing
        self.action = action
        self.fields = fields
        message = errors.isEmpty ? nil : request.t("form.fix", language)
        self.comments = comments.map { Comment($0, request, language) }
    }
}
