import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// A profile written through its form (``RecordFormFlow``): by a member, their own (`owner`,
/// whose account the profile makes an expert's), or by staff for anyone.
struct ProfileFormFlow: RecordFormFlow {
    let request: Request
    let language: Language
    /// The member writing their own profile at `/account/profile`; nil on the directory's pages.
    var owner: UserModel? = nil

    static let texts = SectionedForm.Texts(intro: "profile.intro", submit: "profile.save", view: "profile.view", section: .experts)
    static let auditName = "expert"
    static let titleField = "name"
    static let provisionalSlug = NewSlug.Table.experts.fallback

    func sections(_ form: ProfileForm, _: Void) async throws -> [SectionedForm.Section] {
        // Every published practice as a box while the catalogue is small; past that, the linked
        // ones only and a box to add others by address (a form of 100,000 boxes helps nobody).
        let store = PracticeStore(database: request.db)
        let all = try await store.publishedTitles(upTo: ProfileController.practiceBoxes, in: language)
        let practices = if let all { all } else { try await store.publishedTitles(form.list("practices"), in: language) }
        return form.sections(request, language, staff: AccessPolicy.isStaff(request.actor),
                             practices: practices.map { ($0.slug, $0.title) }, allPractices: all != nil)
    }

    /// Only published practices can be linked (a profile must not point at drafts): one linked
    /// and unpublished since is dropped; one named in the box for adding them is an error there.
    func checked(_ form: ProfileForm, slug: String, keeping existing: ExpertRecord?, _: Void) async throws -> (ExpertRecord, FormErrors) {
        // Only staff write the address and the focal point, and not on their own profile's page.
        var (record, errors) = form.record(slug: slug, keeping: existing, staff: owner == nil && AccessPolicy.isStaff(request.actor))
        let published = record.practices.isEmpty ? []
            : try await PracticeStore(database: request.db).publishedTitles(record.practices, in: .en).map(\.slug)
        errors.check((form.addedPractices ?? []).allSatisfy(published.contains), "practicesAdd", "profile.practicesAdd.unknown")
        record.practices = published
        return (record, errors)
    }

    func create(_ record: ExpertRecord, slugFrom title: String, on database: any Database) async throws -> (slug: String, created: Bool) {
        let made = try await conflictIfTaken { try await ExpertStore(database: database).create(record, slugFrom: title, owner: owner?.id) }
        if made.created, let owner { try await UserStore(database: database).grantExpert(owner) }
        return made
    }

    func update(_ record: ExpertRecord, on database: any Database) async throws -> String {
        try await ExpertStore(database: database).save(record, owner: owner?.id)
        if let owner { try await UserStore(database: database).grantExpert(owner) }
        return record.slug
    }

    func recordPage(slug: String) -> SiteURL { .expert(language, slug: slug) }

    /// `body`'s result, or a 409 when the store found the slug taken: by a writer that did not
    /// take the slug's lock (a data import at that moment), never overwritten.
    func conflictIfTaken<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch ExpertStore.StoreError.slugTaken { throw Abort(.conflict) }
    }
}
