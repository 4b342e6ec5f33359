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

    /// How many centres the form offers at a time. It offered every centre (a thousand: 100 KB
    /// of options, all read and decoded for each form); now those of the course's country, or
    /// those found by name with the form's own search button, which works without JavaScript.
    static let centreChoices = 25

    func sections(_ form: CourseForm, _: Void) async throws -> [SectionedForm.Section] {
        let store = CentreStore(database: request.db)
        let words = form.text("centreSearch", limit: 100), country = form.text("country", limit: 2).uppercased()
        let selection = DirectorySelection(chosen: words.isEmpty && !country.isEmpty ? ["country": [country]] : [:], text: words, today: "")
        let found = try await store.directory(selection, language: language, page: 1, perPage: Self.centreChoices)
        var centres = found.items
        // The centre chosen stays offered, whatever was searched.
        if let chosen = form.text("centre", limit: 120).nilIfEmpty, !centres.contains(where: { $0.slug == chosen }),
           let stored = try await store.find(slug: chosen) {
            centres.insert(stored.record, at: 0)
        }
        return form.sections(request, language, centres: centres, found: found.total)
    }

    /// A focal point offers courses of their own country only, and names only a centre of that
    /// country as the one offering it (staff may do either for anyone).
    func checked(_ form: CourseForm, slug: String, keeping existing: CourseRecord?, _: Void) async throws -> (CourseRecord, FormErrors) {
        let centre = try await form.text("centre", limit: 120).nilIfEmpty.asyncFlatMap { try await CentreStore(database: request.db).find(slug: $0) }
        var (record, errors) = form.record(slug: slug, keeping: existing, centre: centre?.record)
        let actor = request.actor
        errors.check(AccessPolicy.allows(actor, .offerCourse(country: record.country)), "country", "error.country")
        let centreCountry = centre?.record.country
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
