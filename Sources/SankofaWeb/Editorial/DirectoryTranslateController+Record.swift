import SankofaCore
import SankofaStore
import Vapor

extension DirectoryTranslateController {
    /// A centre or a course as the translation form sees it: its texts as field → value in each
    /// language, how a new text is checked (on the record as read), and how it is stored (on
    /// the record as it is when the write begins: only that language's text changes).
    struct Item: Sendable {
        var kind: Kind
        var slug: String
        var originalLanguage: Language
        var texts: [Language: [String: String]]
        var issues: @Sendable (Language, [String: String]) -> [ValidationIssue]
        /// False when the record is gone.
        var store: @Sendable (Language, [String: String], CentreStore) async throws -> Bool
    }

    static func item(_ centre: CentreRecord) -> Item {
        @Sendable func text(_ values: [String: String]) -> CentreText {
            CentreText(name: values["name"] ?? "", description: values["description"] ?? "")
        }
        return Item(
            kind: .centre, slug: centre.slug, originalLanguage: centre.originalLanguage,
            texts: centre.translations.values.mapValues { ["name": $0.name, "description": $0.description] },
            issues: { target, values in
                var record = centre
                record.translations[target] = text(values)
                return DirectoryValidation.issues(in: record)
            },
            store: { try await $2.translateCentre(centre.slug, into: $0, text($1)) })
    }

    static func item(_ course: CourseRecord) -> Item {
        @Sendable func text(_ values: [String: String]) -> CourseText {
            CourseText(title: values["title"] ?? "", description: values["description"] ?? "",
                       eligibility: values["eligibility"] ?? "", howToApply: values["howToApply"] ?? "")
        }
        return Item(
            kind: .course, slug: course.slug, originalLanguage: course.originalLanguage,
            texts: course.translations.values.mapValues {
                ["title": $0.title, "description": $0.description, "eligibility": $0.eligibility, "howToApply": $0.howToApply]
            },
            issues: { target, values in
                var record = course
                record.translations[target] = text(values)
                return DirectoryValidation.issues(in: record)
            },
            store: { try await $2.translateCourse(course.slug, into: $0, text($1)) })
    }

    /// The record named in the address and the language to translate into, once the access
    /// policy allows it: 404 for an unknown record, 400 for an unknown language or the original's.
    func load(_ kind: Kind, _ request: Request) async throws -> (Item, Language) {
        let store = CentreStore(database: request.db)
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug) else { throw Abort(.notFound) }
        let item: Item, country: String
        switch kind {
        case .centre:
            guard let centre = try await store.centre(slug: slug) else { throw Abort(.notFound) }
            (item, country) = (Self.item(centre.record), centre.record.country)
        case .course:
            guard let course = try await store.course(slug: slug) else { throw Abort(.notFound) }
            (item, country) = (Self.item(course.record), course.record.country)
        }
        if !Self.mayTranslate(request.actor, kind, country: country) { try await request.require(.translate) }
        let raw = request.parameters.get("target") ?? ""
        guard let target = Language(rawValue: raw), target != item.originalLanguage else {
            throw ParameterError(name: "target", reason: .value, value: raw)
        }
        return (item, target)
    }
}
