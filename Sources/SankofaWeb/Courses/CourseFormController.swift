import SankofaCore
import SankofaStore
import Vapor

/// Offering a course: editors for any country, focal points for their own. A course offered
/// this way is public at once (courses are announcements, not reviewed content).
struct CourseFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.courseNew, use: newForm)
        routes.post(.courseNew, use: create)
        routes.get(.courseEdit, use: editForm)
        routes.post(.courseEdit, use: update)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.offerCourse(country: nil))
        let start = CourseRecord(slug: "new", country: request.actor.country ?? "", originalLanguage: language, modality: .inPerson,
                                 languages: [language.rawValue], startDate: "", endDate: "", costCoverage: .free,
                                 translations: LanguageMap())
        return try await CourseFormFlow(request: request, language: language).show(CourseForm(record: start), newTarget(request, language))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.offerCourse(country: nil))
        return try await CourseFormFlow(request: request, language: language).submit(newTarget(request, language), editing: nil)
    }

    func editable(_ request: Request) async throws -> StoredCourse {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let course = try await CourseStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
        try await request.require(.offerCourse(country: course.record.country))
        return course
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let course = try await editable(request)
        return try await CourseFormFlow(request: request, language: language)
            .show(CourseForm(record: course.record), editTarget(request, language, course.record.slug))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let course = try await editable(request)
        return try await CourseFormFlow(request: request, language: language)
            .submit(editTarget(request, language, course.record.slug), editing: course.record)
    }

    func newTarget(_ request: Request, _ language: Language) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t("course.new", language), action: SiteURL.courseNew(language).path)
    }

    func editTarget(_ request: Request, _ language: Language, _ slug: String) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t("course.edit", language), action: SiteURL.courseEdit(language, slug: slug).path,
                             viewHref: SiteURL.course(language, slug: slug).path)
    }
}
