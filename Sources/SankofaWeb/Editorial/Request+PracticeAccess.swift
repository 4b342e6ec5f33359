import SankofaCore
import SankofaStore
import Vapor

extension Request {
    /// The practice named in the address, when the policy's object-level `permission` (one of
    /// `readPractice`, `editPractice`, `translatePractice`) allows it on that practice. Otherwise
    /// the same 404 as for a name that does not exist, so a refusal never tells that a draft of
    /// that name is there. Pages for members check their route-level permission first, so a
    /// visitor is sent to sign in before anything is looked up.
    func practice(_ permission: (PracticeStatus, String?) -> Permission) async throws -> PracticeModel {
        guard let slug = parameters.get("slug"), Slug.isValid(slug),
              let practice = try await PracticeStore(database: db).find(slug: slug, publishedOnly: false),
              let status = PracticeStatus(rawValue: practice.status),
              AccessPolicy.allows(actor, permission(status, practice.authorID?.uuidString))
        else { throw Abort(.notFound) }
        return practice
    }
}

extension PracticeModel {
    var practiceStatus: PracticeStatus { PracticeStatus(rawValue: status) ?? .draft }
}
