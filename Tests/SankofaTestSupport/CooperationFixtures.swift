import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// People and records of the cooperation cycle for tests, made straight through the stores: a
/// requester of a Southern country, a focal point of a country, staff, an expert with an account,
/// and a request in any status (its steps recorded as demo data's are). Every cooperation suite
/// uses them; add helpers here with small edits.
public enum CooperationFixtures {
    public static let now = 1_790_000_000

    /// A vetted member of `country` (Kenya by default), who files requests.
    @discardableResult
    public static func requester(_ app: Application, _ email: String = "requester@example.org", country: String = "KE") async throws -> UserModel {
        try await TestUsers.make(app, email, roles: [.member], country: country)
    }

    /// A focal point of `country`: endorses that country's requests.
    @discardableResult
    public static func focalPoint(_ app: Application, _ email: String = "focal@example.org", country: String = "KE") async throws -> UserModel {
        try await TestUsers.make(app, email, roles: [.member, .focalPoint], country: country)
    }

    /// An editor: staff of the facilitating centre (with a second factor, as the role requires).
    @discardableResult
    public static func staff(_ app: Application, _ email: String = "staff@example.org") async throws -> UserModel {
        try await TestUsers.make(app, email, roles: [.member, .editor], country: "KE")
    }

    /// An expert's public profile (`slug`) owned by a member account of `country`: the account
    /// answers invitations for the expert. Returns the account and the expert's id.
    @discardableResult
    public static func expert(_ app: Application, _ slug: String = "invited-expert", email: String? = nil,
                              country: String = "SN") async throws -> (user: UserModel, expertID: UUID) {
        let user = try await TestUsers.make(app, email ?? "\(slug)@example.org", roles: [.member, .expert], country: country)
        let id = try await DirectoryFixtures.save(app, DirectoryFixtures.expert(slug, country: country), owner: try user.requireID())
        return (user, id)
    }

    /// A valid request for `country`, in English unless told otherwise.
    public static func record(title: String = "Peer review of a prison rehabilitation programme", country: String = "KE",
                              language: Language = .en, themes: [Theme] = [.prisons, .rehabilitationReintegration],
                              supportKinds: [SupportKind] = [.peerReview, .mentoring], workingLanguages: [String] = ["en", "fr"],
                              visibility: RequestVisibility = .members) -> RequestRecord {
        RequestRecord(title: title,
                      need: "Our prison service wants a peer review of its rehabilitation programme by a service that ran one.",
                      language: language, beneficiaryCountry: country, beneficiaryInstitution: "National Prison Service",
                      themes: themes, pillars: [.preventingCombating], supportKinds: supportKinds, workingLanguages: workingLanguages,
                      modality: .hybrid, startsOn: "2027-03-01", endsOn: "2027-06-30",
                      beneficiaryContribution: "A venue and two staff for the review.", visibility: visibility)
    }

    /// A request by `requester` in `status`. Returns its id.
    @discardableResult
    public static func request(_ app: Application, by requester: UserModel, status: RequestStatus = .draft,
                               _ record: RequestRecord? = nil) async throws -> Int {
        try await Requests(database: app.db).create(record ?? Self.record(country: requester.country), requesterID: try requester.requireID(),
                                                    status: status, now: now)
    }
}
