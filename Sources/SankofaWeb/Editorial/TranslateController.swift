import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Translating a practice field by field into another language, beside the original. Open to
/// translators and editors, and to the practice's author.
struct TranslateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "translate", ":slug", ":target", use: form)
        routes.post(":lang", "translate", ":slug", ":target", use: save)
    }

    struct Page: Encodable, Sendable {
        struct Row: Encodable, Sendable { var field: FormField; var original: String }
        /// A language of the record: the one being translated into is the current page; one
        /// with a text already says so in words, not by colour alone.
        struct LanguageChip: Encodable, Sendable { var href: String; var name: String; var lang: String; var isTarget: Bool; var status: String? }
        var heading: String
        /// The record being translated, by its name in the original language.
        var recordTitle: String
        /// The name of the list of the record's languages, for screen readers.
        var languagesLabel: String
        var originalLang: String
        var originalDir: String
        var targetLang: String
        var rows: [Row]
        var languages: [LanguageChip]
        var action: String
        var csrf: String
        var message: String?
        /// The record's page, to see the translation in place.
        var viewHref: String?
        var viewLabel: String?
    }

    func load(_ request: Request) async throws -> (PracticeModel, Language) {
        guard let slug = request.parameters.get("slug"), let target = request.parameters.get("target").flatMap(Language.init(rawValue:)),
              let practice = try await PracticeStore(database: request.db).find(slug: slug, publishedOnly: false)
        else { throw Abort(.notFound) }
        let isAuthor = practice.authorID != nil && practice.authorID == request.user?.id && request.actor.isMember
        if !isAuthor { try await request.require(.translate) }
        guard target.rawValue != practice.originalLanguage else { throw ParameterError(name: "target", reason: .value, value: target.rawValue) }
        return (practice, target)
    }

    func form(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (practice, target) = try await load(request)
        let existing = practice.record.translations[target]
        return try await render(request, language, practice, target, values: existing ?? PracticeText(title: ""), errors: FormErrors())
    }

    func render(_ request: Request, _ language: Language, _ practice: PracticeModel, _ target: Language, values: PracticeText,
                errors: FormErrors, message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let record = practice.record
        let original = record.original ?? PracticeText(title: "")
        var fields = PracticeText.fieldNames.map { name in
            FormField(name, label: request.t(name == "title" ? "editorial.title" : name == "summary" ? "editorial.summary" : "practice.\(name)", language),
                      value: values.value(of: name), required: name == "title", maxLength: name == "title" ? 200 : 20_000, textArea: name != "title")
                .written(in: target)
        }
        errors.apply(to: &fields, request, language)
        let page = Page(
            heading: request.t("translate.heading", language, ["language": target.name(in: language)]),
            recordTitle: original.title,
            languagesLabel: request.t("translate.languages", language),
            originalLang: record.originalLanguage.rawValue, originalDir: record.originalLanguage.direction,
            targetLang: target.rawValue,
            rows: zip(fields, PracticeText.fieldNames).map { Page.Row(field: $0, original: original.value(of: $1)) },
            languages: Self.chips(request, language, original: record.originalLanguage, target: target,
                                  texts: record.translations.mapValues { text in
                                      Dictionary(uniqueKeysWithValues: PracticeText.fieldNames.map { ($0, text.value(of: $0)) })
                                  }) { SiteURL.translate(language, slug: practice.slug, target: $0) },
            action: SiteURL.translate(language, slug: practice.slug, target: target).path, csrf: try await request.csrfToken(), message: message,
            viewHref: practice.status == PracticeStatus.published.rawValue ? SiteURL.practice(language, slug: practice.slug).path : nil,
            viewLabel: request.t("translate.viewPractice", language))
        return try await request.render("editorial/translate", page, language: language, title: "\(page.heading): \(page.recordTitle)",
                                        section: "review", status: status)
    }

    /// The languages a record may be translated into, each linked to its form, those with a
    /// text marked "translated", or "partly translated" when it lacks a field the original has.
    static func chips(_ request: Request, _ language: Language, original: Language, target: Language, texts: [Language: [String: String]],
                      url: (Language) -> SiteURL) -> [Page.LanguageChip] {
        let needed = (texts[original] ?? [:]).filter { !$0.value.isEmpty }.keys
        return Language.displayOrder.filter { $0 != original }.map { code in
            let status = texts[code].map { text in
                needed.allSatisfy { !(text[$0] ?? "").isEmpty } ? "translate.hasText" : "translationQueue.partial"
            }
            return Page.LanguageChip(href: url(code).path, name: code.nativeName, lang: code.rawValue, isTarget: code == target,
                                     status: status.map { request.t($0, language) })
        }
    }

    func save(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (practice, target) = try await load(request)
        let form = (try? request.content.decode(PracticeForm.self)) ?? PracticeForm(language: target)
        let text = form.text
        var errors = FormErrors()
        errors.check(!text.title.isEmpty, "title", "error.required")
        var record = practice.record
        record.translations[target] = text
        // The store's own rules (lengths, characters) on the translated fields, shown on each field.
        for issue in PracticeValidation.issues(in: record)
        where issue.detail.hasPrefix(target.rawValue) && PracticeText.fieldNames.contains(issue.field) {
            errors.check(false, issue.field, issue.reason)
        }
        func refused(_ message: String) async throws -> Response {
            try await render(request, language, practice, target, values: text, errors: errors, message: request.t(message, language),
                             status: .unprocessableEntity)
        }
        guard errors.isEmpty else { return try await refused("form.fix") }
        do {
            try await SubmitController.store(record, author: nil, action: "translated", request: request) { $0.translations[target] = text }
        } catch PracticeStore.StoreError.invalid {
            // Something outside this translation breaks a rule (a record from before the rule):
            // the translator cannot mend it; say so and keep what they typed.
            return try await refused("translate.recordInvalid")
        }
        return try await render(request, language, try await PracticeStore(database: request.db).find(slug: practice.slug, publishedOnly: false)!,
                                target, values: text, errors: FormErrors(), message: request.t("translate.saved", language))
    }
}
