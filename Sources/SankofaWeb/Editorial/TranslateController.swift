import SankofaCore
import SankofaStore
import Vapor

/// Translating a practice field by field into another language, beside the original. Open to
/// whom ``Permission/translatePractice(status:authorID:)`` allows: staff, translators (published
/// practices) and the practice's author; an author's translation of their published practice
/// waits for review as a pending revision.
struct TranslateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.translate, use: form)
        routes.post(.translate, use: save)
    }

    static let flow = TranslationFlow(load: { try await load($0) })

    func form(_ request: Request) async throws -> Response { try await Self.flow.form(request) }

    func save(_ request: Request) async throws -> Response { try await Self.flow.save(request) }

    /// Access first: a visitor is sent to sign in before any practice is looked up, and a member
    /// gets the same 404 for a practice they may not translate as for one that does not exist.
    /// Then 400 for an unknown language or the practice's own.
    static func load(_ request: Request) async throws -> (TranslationFlow.Record, Language) {
        // Any member may be an author; which practice they may translate is decided per practice.
        try await request.require(.submitPractice)
        let practice = try await request.practice(Permission.translatePractice)
        let raw = request.parameters.get("target") ?? ""
        guard let target = Language(rawValue: raw), raw != practice.originalLanguage else {
            throw ParameterError(name: "target", reason: .value, value: raw)
        }
        guard AccessPolicy.changeWaitsForReview(request.actor, status: practice.practiceStatus, translating: true) else {
            return (record(practice.record, published: practice.practiceStatus == .published, proposing: false), target)
        }
        // The author sees and extends their own pending change, not only the published text.
        let pending = try await PendingRevisions(database: request.db).find(try practice.requireID())
        return (record(pending?.proposal ?? practice.record, published: true, proposing: true), target)
    }

    /// `proposing`: a save becomes (or updates) the author's pending revision instead of the practice.
    static func record(_ record: PracticeRecord, published: Bool, proposing: Bool) -> TranslationFlow.Record {
        let slug = record.slug
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
                let writes = PracticeWrites(database: request.db)
                do {
                    // Only this language's text changes: a translation saved meanwhile in another stays.
                    let change: @Sendable (inout PracticeRecord) -> Void = { $0.translations[target] = text }
                    let found = proposing ? try await writes.propose(slug, by: request.practiceWriter, change)
                        : try await writes.change(slug, action: .translated, by: request.practiceWriter, change)
                    guard found else { throw Abort(.notFound) }
                } catch PracticeStore.StoreError.invalid {
                    return .recordInvalid
                }
                return proposing ? .proposed : .saved
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
