import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Writing profiles: a member's own (created on first save, which makes them an expert), one an
/// editor makes for a person without an account, and claiming such a profile with a verified
/// account of the same address.
struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "account", "profile", use: ownForm)
        routes.post(":lang", "account", "profile", use: saveOwn)
        routes.post(":lang", "account", "profile", "claim", use: claim)
        routes.get(":lang", "experts", "new", use: newForm)
        routes.post(":lang", "experts", "new", use: create)
        routes.get(":lang", "experts", ":slug", "edit", use: editForm)
        routes.post(":lang", "experts", ":slug", "edit", use: update)
    }

    /// The page of a form in sections (`directory/form.leaf`): profiles and courses.
    struct Page: Encodable, Sendable {
        var heading: String
        var intro: String?
        var message: String?
        var action: String
        var csrf: String
        var sections: [ProfileForm.Section]
        var submit: String
        var viewHref: String?
        var viewLabel: String
        var claimAction: String?
        var claimText: String?
    }

    func render(_ request: Request, _ language: Language, _ form: ProfileForm, errors: FormErrors = .init(), heading: String,
                action: String, viewHref: String?, claim: StoredExpert? = nil, message: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        let staff = AccessPolicy.isStaff(request.actor)
        // Every published practice as a box while the catalogue is small; past that, the linked
        // ones only and a box to add others by address (a form of 100,000 boxes helps nobody).
        let store = PracticeStore(database: request.db)
        let all = try await store.publishedTitles(upTo: Self.practiceBoxes, in: language)
        let practices: [(slug: String, title: String, language: Language)]
        if let all { practices = all } else { practices = try await store.publishedTitles(form.list("practices"), in: language) }
        var sections = form.sections(request, language, staff: staff, practices: practices.map { ($0.slug, $0.title) },
                                     allPractices: all != nil)
        for index in sections.indices { errors.apply(to: &sections[index].fields, request, language) }
        let page = Page(heading: heading, intro: request.t("profile.intro", language),
                        message: message ?? (errors.isEmpty ? nil : request.t("form.fix", language)), action: action,
                        csrf: try await request.csrfToken(), sections: sections, submit: request.t("profile.save", language),
                        viewHref: viewHref, viewLabel: request.t("profile.view", language),
                        claimAction: claim.map { _ in SiteURL.profileClaim(language).path },
                        claimText: claim.map { request.t("profile.claimText", language, ["name": $0.record.name]) })
        return try await request.render("directory/form", page, language: language, title: heading, section: "experts", status: status)
    }

    /// A member's own profile; the form starts from their account when there is none yet.
    func ownForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.ownProfile)
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        let store = ExpertStore(database: request.db)
        if let own = try await store.find(owner: userID) {
            return try await render(request, language, ProfileForm(record: own.record), heading: request.t("profile.heading", language),
                                    action: SiteURL.profileEdit(language).path, viewHref: SiteURL.expert(language, slug: own.slug).path)
        }
        let claimable = user.emailVerifiedAt == nil ? nil : try await store.claimable(email: user.email)
        let start = ExpertRecord(slug: "new", name: user.name, originalLanguage: user.preferredLanguage, country: user.country,
                                 title: user.position, organisation: user.organisation)
        return try await render(request, language, ProfileForm(record: start), heading: request.t("profile.create", language),
                                action: SiteURL.profileEdit(language).path, viewHref: nil, claim: claimable)
    }

    func saveOwn(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.ownProfile)
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        let store = ExpertStore(database: request.db)
        let own = try await store.find(owner: userID)
        let form = try ProfileForm(body: request.body.string)
        // A new profile's slug is chosen when saving (NewSlug); the fallback only lets the form be checked.
        let (record, errors) = try await Self.checked(form, form.record(slug: own?.slug ?? NewSlug.Table.experts.fallback, keeping: own?.record, staff: false), request)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors: errors, heading: request.t(own == nil ? "profile.create" : "profile.heading", language),
                                    action: SiteURL.profileEdit(language).path, viewHref: nil, status: .unprocessableEntity)
        }
        // A slug taken without the lock (a data import at that moment) is a 409, never an overwrite.
        let slug = try await Self.conflictIfTaken { try await request.db.transaction { tx in
            var record = record
            if own == nil {
                record.slug = try await NewSlug.choose(.experts, for: form.text("name"), on: tx)
                // The same form sent twice (a double click): the first made the profile, which
                // the second, having waited for the lock, now sees; it writes nothing more.
                if let made = try await ExpertStore(database: tx).find(owner: userID) { return made.slug }
                try await ExpertStore(database: tx).create(record, owner: userID)
            } else {
                try await ExpertStore(database: tx).save(record, owner: userID)
            }
            try await Self.grantExpert(user, on: tx)
            try await AuditLog(database: tx).record(request.auditEntry(own == nil ? "expert.created" : "expert.updated", target: record.slug, user: user))
            return record.slug
        } }
        return request.redirect(to: SiteURL.expert(language, slug: slug).path, redirectType: .normal)
    }

    /// A member takes over the profile an editor made for them: their verified address must be
    /// the one the editor recorded, and they must not have a profile already.
    func claim(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.ownProfile)
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        let store = ExpertStore(database: request.db)
        // Nothing to claim without a verified address, with a profile already, or without a match.
        guard user.emailVerifiedAt != nil, try await store.find(owner: userID) == nil,
              let profile = try await store.claimable(email: user.email) else { throw Abort(.notFound) }
        try await request.db.transaction { tx in
            try await ExpertStore(database: tx).claim(profile.id, by: userID)
            try await Self.grantExpert(user, on: tx)
            try await AuditLog(database: tx).record(request.auditEntry("expert.claimed", target: profile.slug, user: user))
        }
        return request.redirect(to: SiteURL.profileEdit(language).path, redirectType: .normal)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        let start = ExpertRecord(slug: "new", name: "", originalLanguage: language, country: "")
        return try await render(request, language, ProfileForm(record: start), heading: request.t("experts.new", language),
                                action: SiteURL.expertNew(language).path, viewHref: nil)
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        let form = try ProfileForm(body: request.body.string)
        // The slug is chosen when saving (NewSlug); the fallback only lets the form be checked.
        let (record, errors) = try await Self.checked(form, form.record(slug: NewSlug.Table.experts.fallback, keeping: nil, staff: true), request)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors: errors, heading: request.t("experts.new", language),
                                    action: SiteURL.expertNew(language).path, viewHref: nil, status: .unprocessableEntity)
        }
        let slug = try await Self.conflictIfTaken { try await request.db.transaction { tx in
            var record = record
            record.slug = try await NewSlug.choose(.experts, for: form.text("name"), on: tx)
            try await ExpertStore(database: tx).create(record)
            try await AuditLog(database: tx).record(request.auditEntry("expert.created", target: record.slug, user: request.user))
            return record.slug
        } }
        return request.redirect(to: SiteURL.expert(language, slug: slug).path, redirectType: .normal)
    }

    /// The profile to edit. Whoever may not edit it gets the same 404 as for a profile that does
    /// not exist: a refusal must not tell whether a hidden profile of that name is there.
    func editable(_ request: Request) async throws -> StoredExpert {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let expert = try await ExpertStore(database: request.db).find(slug: slug),
              AccessPolicy.allows(request.actor, .editExpert(ownerID: expert.userID?.uuidString))
        else {
            try await request.require(.ownProfile)   // a visitor is sent to sign in, as on every member page
            throw Abort(.notFound)
        }
        return expert
    }

    /// Published practices offered as boxes on the form, at most.
    static let practiceBoxes = 200

    /// Keeps the published practices among those linked (one unpublished since is dropped); one
    /// named in the box for adding them that is not published is an error on that box.
    static func checked(_ form: ProfileForm, _ result: (ExpertRecord, FormErrors), _ request: Request) async throws -> (ExpertRecord, FormErrors) {
        var (record, errors) = result
        let published = try await published(record.practices, request)
        errors.check((form.addedPractices ?? []).allSatisfy(published.contains), "practicesAdd", "profile.practicesAdd.unknown")
        record.practices = published
        return (record, errors)
    }

    /// Only published practices can be linked: a profile must not point at drafts.
    static func published(_ slugs: [String], _ request: Request) async throws -> [String] {
        guard !slugs.isEmpty else { return [] }
        let titles = try await PracticeStore(database: request.db).publishedTitles(slugs, in: .en)
        return titles.map(\.slug)
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let expert = try await editable(request)
        return try await render(request, language, ProfileForm(record: expert.record), heading: request.t("profile.editOther", language, ["name": expert.record.name]),
                                action: SiteURL.expertEdit(language, slug: expert.slug).path, viewHref: SiteURL.expert(language, slug: expert.slug).path)
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let expert = try await editable(request)
        let form = try ProfileForm(body: request.body.string)
        let (record, errors) = try await Self.checked(form, form.record(slug: expert.slug, keeping: expert.record, staff: AccessPolicy.isStaff(request.actor)), request)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors: errors, heading: request.t("profile.editOther", language, ["name": expert.record.name]),
                                    action: SiteURL.expertEdit(language, slug: expert.slug).path, viewHref: nil, status: .unprocessableEntity)
        }
        try await request.db.transaction { tx in
            try await ExpertStore(database: tx).save(record)
            try await AuditLog(database: tx).record(request.auditEntry("expert.updated", target: expert.slug, user: request.user))
        }
        return request.redirect(to: SiteURL.expert(language, slug: expert.slug).path, redirectType: .normal)
    }

    /// `body`'s result, or a 409 when the store found the slug taken.
    static func conflictIfTaken<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch ExpertStore.StoreError.slugTaken { throw Abort(.conflict) }
    }

    /// An account with a profile has the expert role (shown on the account page).
    static func grantExpert(_ user: UserModel, on database: any Database) async throws {
        guard !user.roleSet.contains(.expert) else { return }
        user.roles = user.roleSet.union([.expert]).sorted().map(\.rawValue)
        try await user.save(on: database)
    }
}
