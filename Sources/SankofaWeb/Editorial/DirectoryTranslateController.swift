import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Translating a Centre of Excellence or a course field by field, beside the original, as
/// practices are translated (`TranslateController`, same template). Open to translators and
/// editors, and to whoever may edit the record (editors for centres; the focal points who
/// offer courses for their country). A saved translation is public and searchable at once:
/// centres and courses are not reviewed content.
struct DirectoryTranslateController: RouteCollection {
    enum Kind: String, CaseIterable, Sendable {
        case centre = "centres", course = "courses"
    }

    /// A translatable field: its form name, label, longest length, and whether it is a text area.
    struct Field: Sendable {
        var name: String
        var label: String
        var limit: Int
        var textArea: Bool
    }

    static func fields(_ kind: Kind) -> [Field] {
        switch kind {
        case .centre:
            [Field(name: "name", label: "centre.name", limit: DirectoryValidation.maxName, textArea: false),
             Field(name: "description", label: "centre.description", limit: DirectoryValidation.maxText, textArea: true)]
        case .course:
            [Field(name: "title", label: "course.title", limit: DirectoryValidation.maxName, textArea: false),
             Field(name: "description", label: "course.description", limit: DirectoryValidation.maxText, textArea: true),
             Field(name: "eligibility", label: "course.eligibility", limit: DirectoryValidation.maxText, textArea: true),
             Field(name: "howToApply", label: "course.howToApply", limit: DirectoryValidation.maxText, textArea: true)]
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        for kind in Kind.allCases {
            routes.get(":lang", "translate", .constant(kind.rawValue), ":slug", ":target") { try await form(kind, $0) }
            routes.post(":lang", "translate", .constant(kind.rawValue), ":slug", ":target") { try await save(kind, $0) }
        }
    }

    func form(_ kind: Kind, _ request: Request) async throws -> Response {
        let language = try request.language()
        let (item, target) = try await load(kind, request)
        let values = item.texts[target] ?? [:]
        return try await render(request, language, item, target, values: values, errors: FormErrors())
    }

    func save(_ kind: Kind, _ request: Request) async throws -> Response {
        let language = try request.language()
        let (item, target) = try await load(kind, request)
        let posted = try QueryParameters(rawQuery: request.body.string)
        var values: [String: String] = [:]
        for field in Self.fields(kind) { values[field.name] = FormBuilder.text(posted, field.name, limit: field.limit) }
        var errors = FormErrors()
        // Whole: a field the original has may not be left empty, as the page shows one text a
        // language and would show nothing there (and the queue would forget the record).
        for field in Self.required(item) { errors.check(!(values[field] ?? "").isEmpty, field, "error.required") }
        // The store's own rules on the translated fields (lengths, characters), shown on each field.
        for issue in item.issues(target, values) where issue.field.hasSuffix(".\(target.rawValue)") {
            errors.check(false, String(issue.field.dropLast(target.rawValue.count + 1)), issue.reason)
        }
        func refused(_ message: String) async throws -> Response {
            try await render(request, language, item, target, values: values, errors: errors, message: request.t(message, language),
                             status: .unprocessableEntity)
        }
        guard errors.isEmpty else { return try await refused("form.fix") }
        let text = values
        do {
            try await request.db.transaction { tx in
                guard try await item.store(target, text, CentreStore(database: tx)) else { throw Abort(.notFound) }
                try await AuditLog(database: tx).record(request.auditEntry(
                    "\(kind == .centre ? "centre" : "course").translated", target: item.slug, detail: target.rawValue, user: request.user))
            }
        } catch CentreStore.StoreError.invalid {
            // A rule broken outside this translation (a record from before the rule): the
            // translator cannot mend it; say so and keep what they typed.
            return try await refused("translate.recordInvalid.directory")
        }
        var saved = item
        saved.texts[target] = values
        return try await render(request, language, saved, target, values: values, errors: FormErrors(),
                                message: request.t("translate.saved", language))
    }

    func render(_ request: Request, _ language: Language, _ item: Item, _ target: Language, values: [String: String],
                errors: FormErrors, message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let kind = item.kind, original = item.texts[item.originalLanguage] ?? [:], required = Self.required(item)
        var fields = Self.fields(kind).map { field in
            FormField(field.name, label: request.t(field.label, language), value: values[field.name] ?? "",
                      required: required.contains(field.name), maxLength: field.limit, textArea: field.textArea).written(in: target)
        }
        errors.apply(to: &fields, request, language)
        let page = TranslateController.Page(
            heading: request.t("translate.heading", language, ["language": target.name(in: language)]),
            recordTitle: original[Self.fields(kind)[0].name] ?? item.slug,
            languagesLabel: request.t("translate.languages.\(kind == .centre ? "centre" : "course")", language),
            originalLang: item.originalLanguage.rawValue, originalDir: item.originalLanguage.direction,
            targetLang: target.rawValue,
            rows: fields.map { TranslateController.Page.Row(field: $0, original: original[$0.name] ?? "") },
            languages: TranslateController.chips(request, language, original: item.originalLanguage, target: target,
                                                 texts: item.texts) { Self.url(kind, language, slug: item.slug, target: $0) },
            action: Self.url(kind, language, slug: item.slug, target: target).path, csrf: try await request.csrfToken(), message: message,
            viewHref: (kind == .centre ? SiteURL.centre(language, slug: item.slug) : SiteURL.course(language, slug: item.slug)).path,
            viewLabel: request.t(kind == .centre ? "centre.view" : "course.view", language))
        return try await request.render("editorial/translate", page, language: language, title: "\(page.heading): \(page.recordTitle)",
                                        section: "translate", status: status)
    }

    static func url(_ kind: Kind, _ language: Language, slug: String, target: Language) -> SiteURL {
        kind == .centre ? .translateCentre(language, slug: slug, target: target) : .translateCourse(language, slug: slug, target: target)
    }

    /// The fields a translation must fill: the name or title, and every other the original has.
    static func required(_ item: Item) -> Set<String> {
        let original = item.texts[item.originalLanguage] ?? [:]
        let fields = Self.fields(item.kind)
        return Set([fields[0].name] + fields.dropFirst().map(\.name).filter { !(original[$0] ?? "").isEmpty })
    }

    /// The "Translate" link of a centre's or course's page, for those who may use it: into the
    /// page's language, unless the record is written in it.
    static func tool(_ kind: Kind, slug: String, original: Language, country: String, _ request: Request,
                     _ language: Language) -> Layout.Link? {
        guard mayTranslate(request.actor, kind, country: country) else { return nil }
        let target = language != original ? language : (language == .en ? Language.fr : .en)
        return Layout.Link(href: url(kind, language, slug: slug, target: target).path, label: request.t("translate.link", language))
    }

    /// Who may translate this record: translators, and whoever may edit it.
    static func mayTranslate(_ actor: Actor, _ kind: Kind, country: String) -> Bool {
        AccessPolicy.allows(actor, .translate)
            || AccessPolicy.allows(actor, kind == .centre ? .manageDirectory : .offerCourse(country: country))
    }
}
