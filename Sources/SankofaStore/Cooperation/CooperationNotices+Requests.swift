import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Who hears of what happens to a request: the people on each side of its conversation. The
/// requester on one side; on the other, the focal points of its beneficiary country and staff
/// (editors and admins: the facilitating centre).
extension CooperationNotices {
    /// A step was taken (`request` as it was before): submitted → the country's focal points and
    /// staff, who endorse it; endorsed → the requester and staff, who open it; returned to draft, or
    /// a draft withdrawn → the requester alone (a draft is theirs); any other → the requester and the
    /// focal points.
    /// A closing says its outcome ("Closed (partly met)").
    public func stepTaken(_ step: RequestStep, request: RequestFacts, to status: RequestStatus, closure: RequestClosure? = nil,
                          actorID: UUID?, now: Int) async throws {
        let requester = [request.requesterID].compactMap { $0 }
        let people: [UUID]
        switch step {
        case .submit: people = try await focalPoints(of: request.beneficiaryCountry) + staff()
        case .endorse: people = try await staff() + requester
        case .returnToDraft: people = requester
        case _ where request.status == .draft: people = requester
        default: people = try await focalPoints(of: request.beneficiaryCountry) + requester
        }
        try await tell(userIDs: people, kind: .requestStep, actorID: actorID, requestID: request.id, exchangeID: nil,
                       detail: { [catalogs] language in
                           catalogs.text(status.labelKey, language) + (closure.map { " (\(catalogs.text($0.labelKey, language)))" } ?? "")
                       }, now: now)
    }

    /// A comment: told to the other side (the requester's to the focal points and staff; anyone
    /// else's to the requester).
    public func commented(on request: RequestFacts, authorID: UUID, now: Int) async throws {
        let people = request.requesterID == authorID
            ? try await focalPoints(of: request.beneficiaryCountry) + staff()
            : [request.requesterID].compactMap { $0 }
        try await tell(userIDs: people, kind: .requestComment, actorID: authorID, requestID: request.id, exchangeID: nil,
                       detail: "", now: now)
    }

    /// Active accounts holding the focal-point role for `country`.
    public func focalPoints(of country: String) async throws -> [UUID] {
        try await sql.raw("""
            SELECT id FROM users WHERE status = 'active' AND country = \(bind: country) AND \(unsafeRaw: hasRole("focalPoint"))
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Active editors and admins.
    public func staff() async throws -> [UUID] {
        try await sql.raw("""
            SELECT id FROM users WHERE status = 'active' AND (\(unsafeRaw: hasRole("editor")) OR \(unsafeRaw: hasRole("admin")))
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// `roles` is a text array on PostgreSQL and JSON text on SQLite (Fluent's array field).
    /// `role` is one of ``Role``'s raw values, never user input.
    private func hasRole(_ role: String) -> String {
        precondition(Role(rawValue: role) != nil)
        return sql.dialect.name == "postgresql" ? "'\(role)' = ANY(roles)" : "roles LIKE '%\"\(role)\"%'"
    }
}
