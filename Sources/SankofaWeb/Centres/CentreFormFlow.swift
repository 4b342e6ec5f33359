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

    /// The focal point's choices: the one chosen (its name, or its slug when it has no listed
    /// profile) and, when a name is typed to find another, the first 20 profiles whose name has
    /// it. Never every profile: there are thousands.
    func sections(_ form: CentreForm, _: Void) async throws -> [SectionedForm.Section] {
        let store = ExpertStore(database: request.db)
        var people: [(slug: String, name: String)] = []
        if let chosen = form.text("focalPoint", limit: 120).nilIfEmpty {
            people.append((slug: chosen, name: try await store.names(slugs: [chosen])[chosen] ?? chosen))
        }
        if let search = form.focalPointSearch {
            people += try await store.named(search, limit: 20).filter { found in !people.contains { $0.slug == found.slug } }
        }
        return form.sections(request, language, people: people)
    }

    /// Linked experts and the focal point are checked by their slugs alone; a typed name is looked up.
    func checked(_ form: CentreForm, slug: String, keeping existing: CentreRecord?, _: Void) async throws -> (CentreRecord, FormErrors) {
        let store = ExpertStore(database: request.db)
        let typed = Array(form.slugs("practices").prefix(501))
        let practices = try await PracticeStore(database: request.db).publishedTitles(typed, in: language).map(\.slug)
        let people = Array(form.slugs("experts").prefix(501)) + [form.text("focalPoint", limit: 120)].filter { !$0.isEmpty }
        var found: [(slug: String, name: String)] = []
        if let search = form.focalPointSearch { found = try await store.named(search, limit: 2) }
        return form.record(slug: slug, keeping: existing, experts: try await store.existing(slugs: people), practices: Set(practices), found: found)
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
