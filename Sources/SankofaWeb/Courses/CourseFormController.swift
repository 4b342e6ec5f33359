import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Offering a course: editors for any country, focal points for their own. A course offered
/// this way is public at once (courses are announcements, not reviewed content).
struct CourseFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "courses", "new", use: newForm)
        routes.post(":lang", "courses", "new", use: create)
        routes.get(":lang", "courses", ":slug", "edit", use: editForm)
        routes.post(":lang", "courses", ":slug", "edit", use: update)
    }

    /// `centres`: the list the posted form was checked against, when there is one (read once).
    func render(_ request: Request, _ language: Language, _ form: CourseForm, errors: FormErrors = .init(), heading: String,
                action: String, viewHref: String?, centres known: [CentreRecord]? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let centres: [CentreRecord]
        if let known { centres = known } else { centres = try await CentreStore(database: request.db).centres().map(\.record) }
        var sections = form.sections(request, language, centres: centres)
        for index in sections.indices { errors.apply(to: &sections[index].fields, request, language) }
        let page = ProfileController.Page(
            heading: heading, intro: request.t("course.form.intro", language), message: errors.isEmpty ? nil : request.t("form.fix", language),
            action: action, csrf: try await request.csrfToken(), sections: sections, submit: request.t("course.save", language),
            viewHref: viewHref, viewLabel: request.t("course.view", language), claimAction: nil, claimText: nil)
        return try await request.render("directory/form", page, language: language, title: heading, section: "courses", status: status)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.offerCourse(country: nil))
        let start = CourseRecord(slug: "new", country: request.actor.country ?? "", originalLanguage: language, modality: .inPerson,
                                 languages: [language.rawValue], startDate: "", endDate: "", costCoverage: .free,
                                 translations: LanguageMap())
        return try await render(request, language, CourseForm(record: start), heading: request.t("course.new", language),
                                action: SiteURL.courseNew(language).path, viewHref: nil)
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.offerCourse(country: nil))
        let form = try CourseForm(body: request.body.string)
        let store = CentreStore(database: request.db)
        let centres = try await store.centres().map(\.record)
        // The slug is chosen when saving (NewSlug); the fallback only lets the form be checked.
        let (record, errors) = form.record(slug: NewSlug.Table.courses.fallback, keeping: nil, centres: centres)
        let all = Self.policyChecked(errors, record, centres, request.actor)
        guard all.isEmpty else {
            return try await render(request, language, form, errors: all, heading: request.t("course.new", language),
                                    action: SiteURL.courseNew(language).path, viewHref: nil, centres: centres, status: .unprocessableEntity)
        }
        let slug = try await request.db.transaction { tx in
            var record = record
            record.slug = try await NewSlug.choose(.courses, for: form.text("title"), on: tx)
            try await CentreStore(database: tx).save(record)
            try await AuditLog(database: tx).record(request.auditEntry("course.created", target: record.slug, user: request.user))
            return record.slug
        }
        return request.redirect(to: SiteURL.course(language, slug: slug).path, redirectType: .normal)
    }

    func editable(_ request: Request) async throws -> StoredCourse {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let course = try await CentreStore(database: request.db).course(slug: slug) else { throw Abort(.notFound) }
        try await request.require(.offerCourse(country: course.record.country))
        return course
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let course = try await editable(request)
        return try await render(request, language, CourseForm(record: course.record), heading: request.t("course.edit", language),
                                action: SiteURL.courseEdit(language, slug: course.record.slug).path,
                                viewHref: SiteURL.course(language, slug: course.record.slug).path)
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let course = try await editable(request)
        let form = try CourseForm(body: request.body.string)
        let store = CentreStore(database: request.db)
        let centres = try await store.centres().map(\.record)
        let (record, errors) = form.record(slug: course.record.slug, keeping: course.record, centres: centres)
        let all = Self.policyChecked(errors, record, centres, request.actor)
        guard all.isEmpty else {
            return try await render(request, language, form, errors: all, heading: request.t("course.edit", language),
                                    action: SiteURL.courseEdit(language, slug: course.record.slug).path, viewHref: nil, centres: centres, status: .unprocessableEntity)
        }
        try await request.db.transaction { tx in
            try await CentreStore(database: tx).save(record)
            try await AuditLog(database: tx).record(request.auditEntry("course.updated", target: record.slug, user: request.user))
        }
        return request.redirect(to: SiteURL.course(language, slug: record.slug).path, redirectType: .normal)
    }

    /// A focal point offers courses of their own country only, and names only a centre of that
    /// country as the one offering it (staff may do either for anyone).
    static func policyChecked(_ errors: FormErrors, _ record: CourseRecord, _ centres: [CentreRecord], _ actor: Actor) -> FormErrors {
        var all = errors
        all.check(AccessPolicy.allows(actor, .offerCourse(country: record.country)), "country", "error.country")
        let centreCountry = record.centre.flatMap { slug in centres.first { $0.slug == slug }?.country }
        all.check(AccessPolicy.isStaff(actor) || centreCountry == nil || centreCountry == record.country, "centre", "error.choice")
        return all
    }
}
