import Fluent
import Foundation
import SankofaCore

/// The vetting queue: applicants waiting, and the decision on one.
extension UserStore {
    /// Applicants waiting for a decision, the longest waiting first.
    public func pending() async throws -> [UserModel] {
        try await UserModel.query(on: database).filter(\.$status == AccountStatus.pending.rawValue).sort(\.$createdAt).all()
    }

    /// Approves (the applicant becomes a member) or rejects (`reason` says why) an applicant. The
    /// decision, its audit line and the mail telling the applicant are written together; the
    /// applicant's sessions end, as at any change of privilege.
    public func decide(_ applicant: UserModel, approve: Bool, reason: String, by vetter: UUID?, at time: Date,
                       audit: AuditLog.Entry, mail: Outbox.Mail, now: Int) async throws {
        applicant.status = (approve ? AccountStatus.active : .rejected).rawValue
        if approve && !applicant.roles.contains(Role.member.rawValue) { applicant.roles.append(Role.member.rawValue) }
        applicant.vettedAt = time
        applicant.vettedBy = vetter
        applicant.decisionReason = reason.isEmpty ? nil : reason
        try await database.atomically { tx in
            try await UserStore(database: tx).saveEndingSessions(applicant, audit: audit)
            try await Outbox(database: tx).queue(mail, now: now)
        }
    }
}
