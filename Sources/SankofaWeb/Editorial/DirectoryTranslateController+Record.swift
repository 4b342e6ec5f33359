import SankofaCore
import SankofaStore
import Vapor

extension DirectoryTranslateController {
    /// The record named in the address and the language to translate into, once the access
    /// policy allows it: 404 for an unknown record, 400 for an unknown language or the original's.
    static func load(_ kind: Kind, _ request: Request) async throws -> (TranslationFlow.Record, Language) {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug) else { throw Abort(.notFound) }
        let record: TranslationFlow.Record, country: String
        switch kind {
        case .centre:
            guard let centre = try await CentreStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
            (record, country) = (Self.record(centre.record), centre.record.country)
        case .course:
            guard let course = try await CourseStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
            (record, country) = (Self.record(course.record), course.record.country)
        }
        if !Self.mayTranslate(request.actor, kind, country: country) { try await request.require(.translate) }
        let raw = request.parameters.get("target") ?? ""
        guard let target = Language(rawValue: raw), target != record.originalLanguage else {
            throw ParameterError(name: "target", reason: .value, value: raw)
        }
        return (record, target)
    }

    /// A centre as the translation form sees it: a new text is checked on the record as read,
    /// and stored on the record as it is when the write begins (only that language's text changes).
    static func record(_ centre: CentreRecord) -> TranslationFlow.Record {
        @Sendable func text(_ values: [String: String]) -> CentreText {
            CentreText(name: values["name"] ?? "", description: values["description"] ?? "")
        }
        return record(
            .centre, slug: centre.slug, original: centre.originalLanguage,
            texts: centre.translations.values.mapValues { ["name": $0.name, "description": $0.description] },
            issues: { target, values in
                var record = centre
                record.translations[target] = text(values)
                return DirectoryValidation.issues(in: record)
            },
            save: { request, target, values in
                try await DirectoryTranslations(database: request.db).translateCentre(
                    centre.slug, into: target, text(values), audit: audit(.centre, centre.slug, target, request))
            })
    }

    /// The same for a course.
    static func record(_ course: CourseRecord) -> TranslationFlow.Record {
        @Sendable func text(_ values: [String: String]) -> CourseText {
            CourseText(title: values["title"] ?? "", description: values["description"] ?? "",
                       eligibility: values["eligibility"] ?? "", howToApply: values["howToApply"] ?? "")
        }
        return record(
            .course, slug: course.slug, original: course.originalLanguage,
            texts: course.translations.values.mapValues {
                ["title": $0.title, "description": $0.description, "eligibility": $0.eligibility, "howToApply": $0.howToApply]
            },
            issues: { target, values in
                var record = course
                record.translations[target] = text(values)
                return DirectoryValidation.issues(in: record)
            },
            save: { request, target, values in
                try await DirectoryTranslations(database: request.db).translateCourse(
                    course.slug, into: target, text(values), audit: audit(.course, course.slug, target, request))
            })
    }

    /// What centres and courses share: the fields, the required ones (the name or title, and
    /// every other the original has), the store's issues on the translated fields shown on each
    /// field, and a store's refusal as the record's own fault.
    private static func record(_ kind: Kind, slug: String, original: Language, texts: [Language: [String: String]],
                               issues: @escaping @Sendable (Language, [String: String]) -> [ValidationIssue],
                               save: @escaping @Sendable (Request, Language, [String: String]) async throws -> Bool) -> TranslationFlow.Record {
        let fields = Self.fields(kind), originalText = texts[original] ?? [:]
        return TranslationFlow.Record(
            slug: slug, originalLanguage: original, texts: texts, fields: fields,
            required: Set([fields[0].name] + fields.dropFirst().map(\.name).filter { !(originalText[$0] ?? "").isEmpty }),
            languagesLabel: "translate.languages.\(kind.singular)", viewLabel: "\(kind.singular).view",
            recordInvalid: "translate.recordInvalid.directory", section: .translate,
            viewHref: { (kind == .centre ? SiteURL.centre($0, slug: slug) : SiteURL.course($0, slug: slug)).path },
            url: { url(kind, $0, slug: slug, target: $1) },
            read: { body in Dictionary(uniqueKeysWithValues: fields.map { ($0.name, FormText.clean(body.text($0.name), limit: $0.limit)) }) },
            issues: { target, values in
                let suffix = ".\(target.rawValue)"
                return issues(target, values).filter { $0.field.hasSuffix(suffix) }.map {
                    ValidationIssue(field: String($0.field.dropLast(suffix.count)), reason: $0.reason, detail: $0.detail)
                }
            },
            save: { request, target, values in
                do {
                    guard try await save(request, target, values) else { throw Abort(.notFound) }
                    return .saved
                } catch CentreStore.StoreError.invalid {
                    return .recordInvalid
                }
            })
    }

    private static func audit(_ kind: Kind, _ slug: String, _ target: Language, _ request: Request) -> AuditLog.Entry {
        request.auditEntry("\(kind.singular).translated", target: slug, detail: target.rawValue, user: request.user)
    }
}
