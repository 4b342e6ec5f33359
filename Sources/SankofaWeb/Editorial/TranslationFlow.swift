import SankofaCore
import Vapor

/// The translation form, whatever is being translated (a practice, a centre, a course): load the
/// record and the language to translate into once access is checked, show the original beside
/// the form, check what was typed and save it, answering 422 with what was typed when it is
/// refused. Each kind supplies how it is loaded (`load`) and, through its ``Record``, how a text is
/// read, checked and saved.
struct TranslationFlow: Sendable {
    /// A record as the form sees it: its texts as field → value in each language, and what its
    /// kind does with a new one.
    struct Record: Sendable {
        /// A translatable field: its form name, label (a catalog key), longest length, and whether it is a text area.
        struct Field: Sendable {
            var name: String
            var label: String
            var limit: Int
            var textArea: Bool
        }

        enum Outcome: Sendable {
            case saved
            /// Kept as a pending revision, for an editor to publish.
            case proposed
            /// A rule broken outside the translation (a record from before the rule): the
            /// translator cannot mend it.
            case recordInvalid
        }

        var slug: String
        var originalLanguage: Language
        var texts: [Language: [String: String]]
        var fields: [Field]
        /// The fields a translation may not leave empty.
        var required: Set<String>
        /// Catalog keys: the name of the list of languages, the link to the record's page, the
        /// message for ``Outcome/recordInvalid``.
        var languagesLabel: String, viewLabel: String, recordInvalid: String
        /// The navigation section the page belongs to.
        var section: Layout.Section
        /// The record's page in a language, nil while it has none.
        var viewHref: @Sendable (Language) -> String?
        /// The form's address: page language, language translated into.
        var url: @Sendable (Language, Language) -> SiteURL
        /// The fields as typed, cleaned.
        var read: @Sendable (FormBody) -> [String: String]
        /// The store's own rules (lengths, characters) that the values break as the text in a
        /// language, by form field.
        var issues: @Sendable (Language, [String: String]) -> [ValidationIssue]
        /// Stores the values as the text in a language, with its audit, on the record as it is
        /// when the write begins; throws 404 when the record is gone.
        var save: @Sendable (Request, Language, [String: String]) async throws -> Outcome
    }

    /// The record named in the address and the language to translate into, once the access
    /// policy allows it.
    var load: @Sendable (Request) async throws -> (Record, Language)

    func form(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (record, target) = try await load(request)
        return try await render(request, language, record, target, values: record.texts[target] ?? [:], errors: FormErrors())
    }

    func save(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (record, target) = try await load(request)
        let values = record.read(try FormBody(request))
        var errors = FormErrors()
        // Whole: a field the original has may not be left empty, as the page shows one text a
        // language and would show nothing there (and the queue would forget the record).
        for field in record.fields where record.required.contains(field.name) {
            errors.check(!(values[field.name] ?? "").isEmpty, field.name, "error.required")
        }
        for issue in record.issues(target, values) { errors.check(false, issue.field, issue.reason) }
        func refused(_ message: String) async throws -> Response {
            try await render(request, language, record, target, values: values, errors: errors, message: request.t(message, language),
                             status: .unprocessableEntity)
        }
        guard errors.isEmpty else { return try await refused("form.fix") }
        let outcome = try await record.save(request, target, values)
        switch outcome {
        case .recordInvalid:
            return try await refused(record.recordInvalid)
        case .saved, .proposed:
            var saved = record
            saved.texts[target] = values
            return try await render(request, language, saved, target, values: values, errors: FormErrors(),
                                    message: request.t(outcome == .proposed ? "translate.proposed" : "translate.saved", language))
        }
    }

    func render(_ request: Request, _ language: Language, _ record: Record, _ target: Language, values: [String: String],
                errors: FormErrors, message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let original = record.texts[record.originalLanguage] ?? [:]
        var fields = record.fields.map { field in
            FormField(field.name, label: request.t(field.label, language), value: values[field.name] ?? "",
                      required: record.required.contains(field.name), maxLength: field.limit, textArea: field.textArea).written(in: target)
        }
        errors.apply(to: &fields, request, language)
        let page = TranslationEditor(
            heading: request.t("translate.heading", language, ["language": target.name(in: language)]),
            recordTitle: record.fields.first.flatMap { original[$0.name] } ?? record.slug,
            languagesLabel: request.t(record.languagesLabel, language),
            originalLang: record.originalLanguage.rawValue, originalDir: record.originalLanguage.direction,
            targetLang: target.rawValue,
            rows: fields.map { TranslationEditor.Row(field: $0, original: original[$0.name] ?? "") },
            languages: Self.chips(request, language, record, target: target),
            action: record.url(language, target).path, message: message,
            viewHref: record.viewHref(language), viewLabel: request.t(record.viewLabel, language))
        return try await request.render("editorial/translate", page, language: language, title: "\(page.heading): \(page.recordTitle)",
                                        section: record.section, status: status)
    }

    /// The languages a record may be translated into, each linked to its form, those with a
    /// text marked "translated", or "partly translated" when it lacks a field the original has.
    static func chips(_ request: Request, _ language: Language, _ record: Record, target: Language) -> [TranslationEditor.LanguageChip] {
        let needed = (record.texts[record.originalLanguage] ?? [:]).filter { !$0.value.isEmpty }.keys
        return Language.displayOrder.filter { $0 != record.originalLanguage }.map { code in
            let status = record.texts[code].map { text in
                needed.allSatisfy { !(text[$0] ?? "").isEmpty } ? "translate.hasText" : "translationQueue.partial"
            }
            return TranslationEditor.LanguageChip(href: record.url(language, code).path, name: code.nativeName, lang: code.rawValue,
                                                  isTarget: code == target, status: status.map { request.t($0, language) })
        }
    }
}
