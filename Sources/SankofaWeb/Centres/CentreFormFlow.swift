import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// A Centre of Excellence written through its form (``RecordFormFlow``). Linked experts and
/// practices must be existing profiles and published practices.
struct CentreFormFlow: RecordFormFlow {
    let request: Request
    let language: Language

    static let texts = SectionedForm.Texts(intro: "centre.form.intro", submit: "centre.save", view: "centre.view", section: .centres)
    static let auditName = "centre"
    static let titleField = "name"
    static let provisionalSlug = NewSlug.Table.centres.fallback

    /// Every profile (staff see them all) as (slug, name): the focal point's choices, and what
    /// the linked experts are checked against.
    func choices() async throws -> [(slug: String, name: String)] {
        try await ExpertStore(database: request.db).all()
            .map { (slug: $0.record.slug, name: $0.record.name) }
            .sorted { $0.name.compare($1.name, locale: language.locale) == .orderedAscending }
    }

    func sections(_ form: CentreForm, _ people: [(slug: String, name: String)]) async throws -> [SectionedForm.Section] {
        form.sections(request, language, people: people)
    }

    func checked(_ form: CentreForm, slug: String, keeping existing: CentreRecord?,
                 _ people: [(slug: String, name: String)]) async throws -> (CentreRecord, FormErrors) {
        let typed = Array(form.slugs("practices").prefix(501))
        let practices = try await PracticeStore(database: request.db).publishedTitles(typed, in: language).map(\.slug)
        return form.record(slug: slug, keeping: existing, experts: Set(people.map(\.slug)), practices: Set(practices))
    }

    func create(_ record: CentreRecord, slugFrom title: String, on database: any Database) async throws -> (slug: String, created: Bool) {
        (try await CentreStore(database: database).create(record, slugFrom: title), true)
    }

    func update(_ record: CentreRecord, on database: any Database) async throws -> String {
        try await CentreStore(database: database).save(record)
        return record.slug
    }

    func recordPage(slug: String) -> SiteURL { .centre(language, slug: slug) }
}
