import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// A course written through its form (``RecordFormFlow``): by staff for any country, by a focal
/// point for their own, naming a centre of that country as the one offering it.
struct CourseFormFlow: RecordFormFlow {
    let request: Request
    let language: Language

    static let texts = SectionedForm.Texts(intro: "course.form.intro", submit: "course.save", view: "course.view", section: .courses)
    static let auditName = "course"
    static let titleField = "title"
    static let provisionalSlug = NewSlug.Table.courses.fallback

    /// The centres that may offer it.
    func choices() async throws -> [CentreRecord] {
        try await CentreStore(database: request.db).all().map(\.record)
    }

    func sections(_ form: CourseForm, _ centres: [CentreRecord]) async throws -> [SectionedForm.Section] {
        form.sections(request, language, centres: centres)
    }

    /// A focal point offers courses of their own country only, and names only a centre of that
    /// country as the one offering it (staff may do either for anyone).
    func checked(_ form: CourseForm, slug: String, keeping existing: CourseRecord?,
                 _ centres: [CentreRecord]) async throws -> (CourseRecord, FormErrors) {
        var (record, errors) = form.record(slug: slug, keeping: existing, centres: centres)
        let actor = request.actor
        errors.check(AccessPolicy.allows(actor, .offerCourse(country: record.country)), "country", "error.country")
        let centreCountry = record.centre.flatMap { slug in centres.first { $0.slug == slug }?.country }
        errors.check(AccessPolicy.isStaff(actor) || centreCountry == nil || centreCountry == record.country, "centre", "error.choice")
        return (record, errors)
    }

    func create(_ record: CourseRecord, slugFrom title: String, on database: any Database) async throws -> (slug: String, created: Bool) {
        (try await CourseStore(database: database).create(record, slugFrom: title), true)
    }

    func update(_ record: CourseRecord, on database: any Database) async throws -> String {
        try await CourseStore(database: database).save(record)
        return record.slug
    }

    func recordPage(slug: String) -> SiteURL { .course(language, slug: slug) }
}
