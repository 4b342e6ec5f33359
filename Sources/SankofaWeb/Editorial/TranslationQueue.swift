import SankofaCore
import Vapor

/// `editorial/translations.leaf`: the translators' queue, records waiting for a text in one
/// language, with the other languages and kinds and how many wait in each.
struct TranslationQueue: Encodable, Sendable {
    /// `partial` says, when it is, that a text in the target language exists but lacks fields.
    struct Item: Encodable, Sendable {
        var title: String; var lang: String; var dir: String; var original: String; var href: String; var partial: String? = nil

        init(_ title: String, _ original: Language, _ url: SiteURL, partial: Bool, _ request: Request, _ language: Language) {
            self.title = title
            lang = original.rawValue
            dir = original.direction
            self.original = request.t("translationQueue.original", language, ["language": original.name(in: language)])
            href = url.path
            self.partial = partial ? request.t("translationQueue.partial", language) : nil
        }
    }
    var heading: String
    var intro: String
    var languages: [Layout.Link]
    /// Practices, centres, courses: each with how many wait in the target language.
    var kinds: [Layout.Link]
    var summary: String
    var items: [Item]
    var empty: String?
    var pagination: Pagination
}
