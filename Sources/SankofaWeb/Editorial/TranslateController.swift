import SankofaCore
import SankofaStore
import Vapor

/// Translating a practice field by field into another language, beside the original. Open to
/// translators and editors, and to the practice's author.
struct TranslateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.translate, use: form)
        routes.post(.translate, use: save)
    }

    static let flow = TranslationFlow(load: { try await load($0) })

    func form(_ request: Request) async throws -> Response { try await Self.flow.form(request) }

    func save(_ request: Request) async throws -> Response { try await Self.flow.save(request) }

    /// 404 for an unknown practice or language; 400 for the practice's own language.
    static func load(_ request: Request) async throws -> (TranslationFlow.Record, Language) {
        guard let slug = request.parameters.get("slug"), let target = request.parameters.get("target").flatMap(Language.init(rawValue:)),
              let practice = try await PracticeStore(database: request.db).find(slug: slug, publishedOnly: false)
        else { throw Abort(.notFound) }
        let isAuthor = practice.authorID != nil && practice.authorID == request.user?.id && request.actor.isMember
        if !isAuthor { try await request.require(.translate) }
        guard target.rawValue != practice.originalLanguage else { throw ParameterError(name: "target", reason: .value, value: target.rawValue) }
        return (record(practice), target)
    }

    static func record(_ practice: PracticeModel) -> TranslationFlow.Record {
        let record = practice.record, slug = practice.slug, published = practice.status == PracticeStatus.published.rawValue
        return TranslationFlow.Record(
            slug: slug, originalLanguage: record.originalLanguage, texts: record.translations.mapValues(\.byField),
            fields: PracticeText.fieldNames.map { name in
                .init(name: name, label: name == "title" ? "editorial.title" : name == "summary" ? "editorial.summary" : "practice.\(name)",
                      limit: name == "title" ? 200 : 20_000, textArea: name != "title")
            },
            required: ["title"],
            languagesLabel: "translate.languages", viewLabel: "translate.viewPractice", recordInvalid: "translate.recordInvalid",
            section: .review,
            viewHref: { published ? SiteURL.practice($0, slug: slug).path : nil },
            url: { SiteURL.translate($0, slug: slug, target: $1) },
            read: { PracticeForm($0).text.byField },
            issues: { target, values in
                var changed = record
                changed.translations[target] = PracticeText(byField: values)
                return PracticeValidation.issues(in: changed).filter {
                    $0.detail.hasPrefix(target.rawValue) && PracticeText.fieldNames.contains($0.field)
                }
            },
            save: { request, target, values in
                let text = PracticeText(byField: values)
                do {
                    // Only this language's text changes: a translation saved meanwhile in another stays.
                    guard try await PracticeWrites(database: request.db).change(slug, action: .translated, by: request.practiceWriter, {
                        $0.translations[target] = text
                    }) else { throw Abort(.notFound) }
                } catch PracticeStore.StoreError.invalid {
                    return .recordInvalid
                }
                return .saved
            })
    }
}

private extension PracticeText {
    /// The text as the translation form holds it, field name → value.
    var byField: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.fieldNames.map { ($0, value(of: $0)) })
    }

    init(byField values: [String: String]) {
        self.init(title: values["title"] ?? "", summary: values["summary"] ?? "", context: values["context"] ?? "",
                  approach: values["approach"] ?? "", results: values["results"] ?? "", lessons: values["lessons"] ?? "",
                  transferConditions: values["transferConditions"] ?? "", expansionPotential: values["expansionPotential"] ?? "",
                  safeguards: values["safeguards"] ?? "", targetGroups: values["targetGroups"] ?? "")
    }
}
